"""Turning catalog objects into API data, in the visitor's language."""

from fastapi import Request

from app.collection.models import Collection
from app.collection.service import visible
from app.iiif.manifest import presentable
from app.item import rights as rights_registry
from app.item.citation import cite
from app.item.fields import details
from app.item.kinds import KINDS
from app.item.models import Item
from app.localize import localized
from app.media.models import Media
from app.media.service import original_is_public
from app.media.urls import derivative_url, derivative_urls, file_url


def _rights(uri: str | None) -> dict | None:
    return {"uri": uri, "label": rights_registry.label(uri)} if uri else None


def _place(item: Item) -> dict | None:
    place = item.place
    if place is None:
        return None
    return {"name": place.name, "slug": place.slug, "latitude": place.latitude, "longitude": place.longitude}


def item_summary(request: Request, item: Item, lang: str) -> dict:
    """The fields every listed item carries."""
    title = localized(item.titles, item.language, lang)
    images = [m for m in item.media if m.media_type == "image"]
    return {
        "identifier": item.identifier,
        "kind": item.kind,
        "kind_label": str(KINDS[item.kind]),
        "title": title.value if title else item.identifier,
        "title_language": title.lang if title else item.language,
        "date": {"text": item.date_text, "earliest": item.date_earliest, "latest": item.date_latest},
        "place": _place(item),
        "creators": [agent.name for agent in item.agents("creator")],
        "thumbnail": str(request.base_url).rstrip("/") + derivative_url(images[0], "thumb") if images else None,
        "url": str(request.url_for("item.detail", identifier=item.identifier)),
    }


def media_out(request: Request, media: Media, lang: str, original_lang: str) -> dict:
    """One media file: its kind, size, rights, derivative URLs and, for images, its IIIF service."""
    base = str(request.base_url).rstrip("/")
    alt = localized(media.alt_texts, original_lang, lang)
    caption = localized(media.captions, original_lang, lang)
    image = media.media_type == "image"
    return {
        "type": media.media_type,
        "mime_type": media.mime_type,
        "position": media.position,
        "width": media.width,
        "height": media.height,
        "duration_seconds": media.duration_seconds,
        "size_bytes": media.size_bytes,
        "sha256": media.sha256,
        "alt": alt.value if alt else None,
        "caption": caption.value if caption else None,
        "rights": _rights(media.rights),
        "credit": media.credit,
        "urls": {size: base + url for size, url in derivative_urls(media).items()} if image else {},
        "webp_urls": (
            {size: base + url for size, url in derivative_urls(media, "webp").items()}
            if image and media.derivatives_status == "ready"
            else {}
        ),
        "iiif_service": f"{base}/iiif/3/{media.sha256}" if image else None,
        "file_url": file_url(request, media) if original_is_public(media) else None,
    }


def collection_ref(request: Request, collection: Collection, lang: str) -> dict:
    title = localized(collection.titles, collection.language, lang)
    return {
        "slug": collection.slug,
        "title": title.value if title else None,
        "url": str(request.url_for("collection.detail", slug=collection.slug)),
    }


def item_detail(request: Request, item: Item, lang: str, site_name: str) -> dict:
    """Everything the item page shows, as data."""
    summary = item_summary(request, item, lang)
    description = localized(item.descriptions, item.language, lang)
    return summary | {
        "language": item.language,
        "titles": item.titles,
        "descriptions": item.descriptions,
        "description": description.value if description else None,
        "latitude": item.latitude,
        "longitude": item.longitude,
        "credits": [{"name": c.agent.name, "role": c.role} for c in item.credits],
        "subjects": [subject.name for subject in item.subjects],
        "rights": _rights(item.rights),
        "collections": [collection_ref(request, c, lang) for c in visible(item.collections)],
        "media": [media_out(request, m, lang, item.language) for m in item.media],
        "iiif_manifest": (
            str(request.url_for("iiif.manifest", identifier=item.identifier)) if presentable(item) else None
        ),
        "details": {field: value for field, _label, value in details(item)},
        "dublin_core": dublin_core(item, summary, description.value if description else None),
        "citation": cite(item, summary["url"], lang, request.app.state.settings.site_name),
    }


def dublin_core(item: Item, summary: dict, description: str | None) -> dict:
    """The item as Dublin Core elements (empty elements left out)."""
    elements = {
        "title": summary["title"],
        "description": description,
        "creator": [a.name for a in item.agents("creator") + item.agents("architect")],
        "contributor": [c.agent.name for c in item.credits if c.role not in ("creator", "architect")],
        "subject": [s.name for s in item.subjects],
        "date": item.date_text,
        "coverage": item.place.name if item.place else None,
        "type": item.dc_type or summary["kind_label"],
        "format": item.format,
        "identifier": item.identifier,
        "source": item.source,
        "language": item.language,
        "rights": item.rights,
        "relation": item.relation,
    }
    return {key: value for key, value in elements.items() if value}
