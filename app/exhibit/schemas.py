"""JSON shapes of exhibits in the public API (/api/v1/exhibits)."""

from typing import Any

from pydantic import BaseModel, Field

from app.api.schemas import Credit, UtcDateTime


class ImageOut(BaseModel):
    alt: str | None = Field(description="The alternative text, in the visitor's language when translated")
    urls: dict[str, str] = Field(description="Web derivatives (JPEG) by size: thumb, medium, large")
    iiif_service: str = Field(description="IIIF Image API 3.0 service id")


class ShownItem(BaseModel):
    """A published catalog item a block shows (items that are not published are neither resolved nor named)."""

    identifier: str
    kind: str
    title: str
    title_language: str
    url: str = Field(description="The item's public page")
    images: list[ImageOut] = Field(description="Its images, in order (a zoom block opens the one it names)")
    iiif_manifest: str | None = Field(description="IIIF Presentation 3.0 manifest, for items with images or sound")


class BlockOut(BaseModel):
    type: str = Field(description="text, item, gallery, zoom, compare, quote, moment, map or timeline")
    width: str = Field(description="full, wide, half or beside (a narrow column beside the text that follows)")
    caption: dict[str, str] = Field(description="The caption in each language it is written in")
    fields: dict[str, Any] = Field(
        description=(
            "The block type's own fields (text: body; item: item; gallery, map, timeline: items; zoom: item, image, "
            "region in percent; compare: before, after and their labels; quote: text, source, item; moment: item, "
            "start, end, part). An item that is not published is left out (null in a one-item field)"
        )
    )
    html: dict[str, str] | None = Field(None, description="A text block's body as safe HTML, in each language")
    items: list[ShownItem] = Field(description="The published items the block shows, in order")


class PageOut(BaseModel):
    key: str
    title: str | None
    titles: dict[str, str]
    url: str = Field(description="The page's permanent address")
    blocks: list[BlockOut]


class ExhibitSummary(BaseModel):
    slug: str
    title: str
    title_language: str
    titles: dict[str, str]
    summary: str | None
    summaries: dict[str, str]
    language: str = Field(description="The language the exhibit was written in")
    tags: list[str]
    cover: ImageOut | None = Field(description="Its cover image, while the item it belongs to is published")
    credits: list[Credit] = Field(description="Who researched, wrote, photographed, translated it")
    url: str = Field(description="The exhibit's public page")
    iiif_collection: str = Field(description="IIIF Presentation 3.0 Collection of its items' manifests")
    published: UtcDateTime | None
    updated: UtcDateTime


class ExhibitDetail(ExhibitSummary):
    pages: list[PageOut]


class ExhibitList(BaseModel):
    total: int
    exhibits: list[ExhibitSummary]
