"""JSON shapes of the public API."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field


def _in_utc(value: datetime) -> datetime:
    """The database keeps UTC without a zone: say so, so that clients never read local time."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# Every timestamp the API answers with: ISO 8601 with its zone ("2026-05-04T10:00:00Z").
UtcDateTime = Annotated[datetime, AfterValidator(_in_utc)]


class Problem(BaseModel):
    """An RFC 9457 problem detail (`errors`: every reason, when the input has several)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[str] | None = None


# What any API route may answer besides its success: a malformed request (400, 422: the museum
# answers its validation errors as problems, not FastAPI's default shape), a body over its limit
# (413) or of the wrong type (415), and what the route adds.
COMMON_ERRORS = (400, 413, 415, 422)


def problems(*statuses: int) -> dict[int | str, dict]:
    """OpenAPI `responses` for these error statuses and the common ones, each an application/problem+json."""
    shape = {"model": Problem, "content": {"application/problem+json": {}}}
    return {status: shape for status in sorted({*COMMON_ERRORS, *statuses})}


class Rights(BaseModel):
    uri: str
    label: str


class PlaceOut(BaseModel):
    name: str
    slug: str
    latitude: float | None = None
    longitude: float | None = None


class Credit(BaseModel):
    name: str
    role: str


class Date(BaseModel):
    text: str | None = Field(description="The date as written")
    earliest: int | None = Field(description="Earliest year it may be")
    latest: int | None = Field(description="Latest year it may be")


class MediaOut(BaseModel):
    type: str = Field(description="image, audio, video or pdf")
    mime_type: str
    position: int
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None
    size_bytes: int
    sha256: str
    alt: str | None = None
    caption: str | None = None
    rights: Rights | None = None
    credit: str | None = None
    urls: dict[str, str] = Field(description="Web derivatives (JPEG) by size: thumb, medium, large")
    webp_urls: dict[str, str] = Field(description="The same sizes in WebP, once the background job made them")
    iiif_service: str | None = Field(None, description="IIIF Image API 3.0 service id (images)")
    file_url: str | None = Field(None, description="The file itself: sound, video, PDF, or an openly licensed original")


class CollectionRef(BaseModel):
    slug: str
    title: str | None
    url: str


class ItemSummary(BaseModel):
    identifier: str
    kind: str
    kind_label: str
    title: str
    title_language: str
    date: Date
    place: PlaceOut | None = None
    creators: list[str]
    thumbnail: str | None = None
    url: str = Field(description="The item's public page")


class ItemDetail(ItemSummary):
    language: str = Field(description="Original language of the metadata")
    titles: dict[str, str] = Field(description="Title in each language it exists in")
    descriptions: dict[str, str]
    description: str | None
    latitude: float | None = None
    longitude: float | None = None
    credits: list[Credit]
    subjects: list[str]
    rights: Rights | None = None
    collections: list[CollectionRef]
    media: list[MediaOut]
    iiif_manifest: str | None = Field(
        description="IIIF Presentation 3.0 manifest, for items with images, sound or video"
    )
    details: dict[str, str | int] = Field(description="Kind-specific fields (address, medium, duration...)")
    dublin_core: dict[str, str | list[str]]
    citation: str


class ItemList(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[ItemSummary]


class CollectionOut(BaseModel):
    slug: str
    title: str | None
    title_language: str | None
    titles: dict[str, str]
    description: str | None
    descriptions: dict[str, str]
    item_count: int
    url: str
    items_url: str


class CollectionList(BaseModel):
    total: int
    collections: list[CollectionOut]
