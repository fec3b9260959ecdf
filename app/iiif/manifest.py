"""IIIF Presentation 3.0 manifests of items, built as plain data."""

from collections.abc import Callable
from typing import Any

from app.config import LANGUAGES
from app.i18n import gettext as _
from app.i18n import language
from app.item import rights as rights_registry
from app.item.models import Item
from app.media.models import Media
from app.media.urls import derivative_url

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
BODY_TYPES = {"image": "Image", "audio": "Sound", "video": "Video"}


def presentable(item: Item) -> list[Media]:
    """The media a manifest shows: images, sound and video (PDFs are linked from the page instead)."""
    return [media for media in item.media if media.media_type in BODY_TYPES]


def manifest(
    item: Item,
    *,
    base: str,
    item_url: str,
    file_url: Callable[[Media], tuple[str, str]],
    shown: list[Media] | None = None,
) -> dict:
    """The manifest of a published item (of `shown`, else every presentable one); `base` is the site's root URL."""
    manifest_id = f"{base}/iiif/manifest/{item.identifier}"
    label = _values(item.titles) or {"none": [item.identifier]}
    data = {
        "@context": CONTEXT,
        "id": manifest_id,
        "type": "Manifest",
        "label": label,
        "metadata": _metadata(item),
        "requiredStatement": _attribution(item),
        "homepage": [{"id": item_url, "type": "Text", "label": label, "format": "text/html"}],
        "items": [
            _canvas(manifest_id, n, media, base, file_url)
            for n, media in enumerate(presentable(item) if shown is None else shown, start=1)
        ],
    }
    if item.descriptions:
        data["summary"] = _values(item.descriptions)
    if rights := iiif_rights(item.rights):
        data["rights"] = rights
    images = [media for media in item.media if media.media_type == "image"]
    if images:
        data["thumbnail"] = [{"id": base + derivative_url(images[0], "thumb"), "type": "Image", "format": "image/jpeg"}]
    return data


def iiif_rights(uri: str | None) -> str | None:
    """IIIF accepts only Creative Commons and RightsStatements.org URIs, written with http://."""
    if not uri:
        return None
    plain = uri.replace("https://", "http://")
    prefixes = (
        "http://creativecommons.org/licenses/",
        "http://creativecommons.org/publicdomain/",
        "http://rightsstatements.org/vocab/",
    )
    return plain if plain.startswith(prefixes) else None


def _values(values: dict[str, str]) -> dict[str, list[str]]:
    return {lang: [text] for lang, text in sorted(values.items()) if text}


def _translated(message: str) -> dict[str, list[str]]:
    """A label in each interface language."""
    labels = {}
    for lang in LANGUAGES:
        with language(lang):
            labels[lang] = [_(message)]
    return labels


def _metadata(item: Item) -> list[dict]:
    creators = ", ".join(agent.name for agent in item.agents("creator") + item.agents("architect"))
    rows = [
        ("Identifier", item.identifier),
        ("Date", item.date_text),
        ("Place", item.place.name if item.place else None),
        ("Creator", creators),
        ("Rights", rights_registry.label(item.rights) if item.rights else None),
    ]
    return [{"label": _translated(label), "value": {"none": [value]}} for label, value in rows if value]


def _attribution(item: Item) -> dict:
    credits = [item.source] if item.source else []
    credits.append("Villerupt.com")
    return {"label": _translated("Attribution"), "value": {"none": ["; ".join(credits)]}}


def _canvas(manifest_id: str, n: int, media: Media, base: str, file_url: Callable[[Media], tuple[str, str]]) -> dict:
    canvas_id = f"{manifest_id}/canvas/{n}"
    body = _body(media, base, file_url)
    canvas: dict[str, Any] = {"id": canvas_id, "type": "Canvas"}
    if media.captions:
        canvas["label"] = _values(media.captions)
    canvas |= {key: body[key] for key in ("width", "height", "duration") if body.get(key)}
    annotation = {
        "id": f"{canvas_id}/annotation",
        "type": "Annotation",
        "motivation": "painting",
        "body": body,
        "target": canvas_id,
    }
    canvas["items"] = [{"id": f"{canvas_id}/page", "type": "AnnotationPage", "items": [annotation]}]
    return canvas


def _body(media: Media, base: str, file_url: Callable[[Media], tuple[str, str]]) -> dict:
    if media.media_type == "image":
        service = f"{base}/iiif/3/{media.sha256}"
        return {
            "id": f"{service}/full/max/0/default.jpg",
            "type": "Image",
            "format": "image/jpeg",
            "width": media.width,
            "height": media.height,
            "service": [{"id": service, "type": "ImageService3", "profile": "level2"}],
        }
    url, mime_type = file_url(media)
    body: dict[str, Any] = {"id": url, "type": BODY_TYPES[media.media_type], "format": mime_type}
    if media.duration_seconds:
        body["duration"] = float(media.duration_seconds)
    if media.media_type == "video" and media.width and media.height:
        body |= {"width": media.width, "height": media.height}
    return body
