"""Published exhibits as data, for the JSON API and the IIIF Collection: what visitors may see of them.

The items a document shows are read once for the whole exhibit (service.items_shown) with what visitors
get of interviews (one query per table): an item that is not published, or a withdrawn interview, is
neither resolved nor named; a sealed one is a title without images until its seal opens.
"""

from dataclasses import dataclass
from datetime import date

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exhibit import blocks, markdown
from app.exhibit import service as exhibit_service
from app.exhibit.models import Exhibit
from app.exhibit.publishing import title as original_title
from app.iiif.manifest import presentable
from app.interview import visitors as interview_public
from app.interview.models import WITHDRAWN
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.localize import localized
from app.media.models import Media
from app.media.urls import derivative_urls

# A block's fields that name catalog items: one identifier, or a list of them.
ONE_ITEM = ("item", "before", "after")
ITEM_LISTS = ("items",)


@dataclass(frozen=True)
class Shown:
    """The items an exhibit shows that visitors may see, by identifier, and those whose details are sealed."""

    items: dict[str, Item]
    sealed: frozenset[str]

    def visible(self, identifier: str | None) -> bool:
        return identifier is not None and identifier in self.items

    def images(self, item: Item) -> list[Media]:
        if item.identifier in self.sealed:
            return []
        return [media for media in item.media if media.media_type == "image"]


def exhibit_url(request: Request, slug: str, key: str | None = None) -> str:
    """The public page of an exhibit (of one of its pages with `key`)."""
    if key:
        return str(request.url_for("exhibit.page", slug=slug, key=key))
    return str(request.url_for("exhibit.detail", slug=slug))


def shown(session: Session, document: blocks.Document) -> Shown:
    """The published items the document shows, as visitors may see them today."""
    found = exhibit_service.items_shown(session, document)
    views = interview_public.views(session, [item.id for item in found.values()], date.today())
    items = {key: item for key, item in found.items() if views[item.id].level != WITHDRAWN}
    sealed = frozenset(key for key, item in items.items() if not views[item.id].details)
    return Shown(items, sealed)


def covers(session: Session, exhibits: list[Exhibit]) -> dict[int, Media]:
    """{exhibit id: cover} of the exhibits whose cover belongs to a published item (one query)."""
    wanted = {exhibit.cover_media_id for exhibit in exhibits if exhibit.cover_media_id}
    query = select(Media.id).join(Item, Item.id == Media.item_id).where(Media.id.in_(wanted), Item.status == PUBLISHED)
    public = set(session.scalars(query))
    return {exhibit.id: exhibit.cover for exhibit in exhibits if exhibit.cover_media_id in public and exhibit.cover}


def summary(request: Request, exhibit: Exhibit, cover: Media | None) -> dict:
    """The fields every listed exhibit carries, in the visitor's language."""
    lang = request.state.lang
    title = localized(exhibit.titles, exhibit.language, lang)
    text = localized(exhibit.summaries, exhibit.language, lang)
    return {
        "slug": exhibit.slug,
        "title": title.value if title else original_title(exhibit),
        "title_language": title.lang if title else exhibit.language,
        "titles": exhibit.titles,
        "summary": text.value if text else None,
        "summaries": exhibit.summaries,
        "language": exhibit.language,
        "tags": exhibit.tags,
        "cover": image(request, cover, exhibit.language) if cover is not None else None,
        "credits": [{"name": credit.agent.name, "role": credit.role} for credit in exhibit.credits],
        "url": exhibit_url(request, exhibit.slug),
        "iiif_collection": str(request.url_for("iiif.exhibit", slug=exhibit.slug)),
        "published": exhibit.published_at,
        "updated": exhibit.updated_at,
    }


def pages(request: Request, exhibit: Exhibit, document: blocks.Document, found: Shown) -> list[dict]:
    """Every page with its blocks, each block with the published items it shows."""
    lang = request.state.lang
    return [
        {
            "key": page.key,
            "title": _text(page.titles, exhibit.language, lang),
            "titles": page.titles,
            "url": exhibit_url(request, exhibit.slug, page.key),
            "blocks": [_block(request, block, found) for block in page.blocks],
        }
        for page in document.pages
    ]


def _block(request: Request, block, found: Shown) -> dict:
    data = block.model_dump(mode="json", by_alias=True, exclude={"type", "width", "caption"})
    for name in ONE_ITEM:
        if name in data and not found.visible(data[name]):
            data[name] = None
    for name in ITEM_LISTS:
        if name in data:
            data[name] = [identifier for identifier in data[name] if found.visible(identifier)]
    html = {lang: str(markdown.to_html(text)) for lang, text in block.body.items()} if block.type == "text" else None
    items = [found.items[key] for key in dict.fromkeys(block.items()) if found.visible(key)]
    return {
        "type": block.type,
        "width": block.width,
        "caption": block.caption,
        "fields": data,
        "html": html,
        "items": [item_out(request, item, found) for item in items],
    }


def item_out(request: Request, item: Item, found: Shown) -> dict:
    """A shown item: its title, page, images and manifest (a sealed interview: its title and page only)."""
    title = localized(item.titles, item.language, request.state.lang)
    images = found.images(item)
    manifest = presentable(item) and item.identifier not in found.sealed
    return {
        "identifier": item.identifier,
        "kind": item.kind,
        "title": title.value if title else item.identifier,
        "title_language": title.lang if title else item.language,
        "url": str(request.url_for("item.detail", identifier=item.identifier)),
        "images": [image(request, media, item.language) for media in images],
        "iiif_manifest": str(request.url_for("iiif.manifest", identifier=item.identifier)) if manifest else None,
    }


def image(request: Request, media: Media, original: str) -> dict:
    """An image's alternative text, derivative URLs and IIIF service."""
    base = str(request.base_url).rstrip("/")
    alt = localized(media.alt_texts, original, request.state.lang)
    return {
        "alt": alt.value if alt else None,
        "urls": {size: base + url for size, url in derivative_urls(media).items()},
        "iiif_service": f"{base}/iiif/3/{media.sha256}",
    }


def _text(values: dict, original: str, lang: str) -> str | None:
    found = localized(values, original, lang)
    return found.value if found else None
