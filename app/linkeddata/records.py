"""schema.org descriptions of the public records, as plain dicts ready for `json.dumps`.

Each takes the objects its page already loaded and the site's URL builders; the `@id` of a record is its permanent
address (README: "Linked data and permanent addresses"). Callers decide that the record is public (script.py).
"""

from collections.abc import Callable
from dataclasses import dataclass

from app.collection.models import Collection
from app.collection.service import visible
from app.exhibit.models import Exhibit
from app.interview.hidden import RECORDING_TYPES, first_recording
from app.item.models import Item
from app.linkeddata import nodes
from app.media.models import Media

CONTEXT = "https://schema.org"
TYPES = {
    "artwork": "VisualArtwork",
    "photograph": "Photograph",
    "building": "LandmarksOrHistoricalBuildings",
    "document": "ArchiveComponent",
}
RECORDING_SCHEMA_TYPES = {"audio": "AudioObject", "video": "VideoObject"}
MERIMEE = "https://www.pop.culture.gouv.fr/notice/merimee/"


@dataclass(frozen=True)
class Site:
    """What every record links to: the museum (publisher) and how to make a site path absolute."""

    name: str
    home: str
    absolute: nodes.Absolute
    link: Callable[..., str]  # a route's permanent URL: link("item.detail", identifier=...)

    def publisher(self) -> dict:
        return {"@type": "Organization", "name": self.name, "url": self.home}


def item_type(item: Item) -> str:
    """The most precise schema.org type for the item's kind (a recording's for interviews and memories)."""
    if item.kind in ("interview", "memory"):
        recording = first_recording(item.media)
        return RECORDING_SCHEMA_TYPES[recording.media_type] if recording else "CreativeWork"
    return TYPES.get(item.kind, "CreativeWork")


def item_record(item: Item, url: str, site: Site, transcript: str | None = None) -> dict:
    """An item (or interview) page's JSON-LD; `transcript` only when visitors may read it."""
    record = {
        "@context": CONTEXT,
        "@type": item_type(item),
        "@id": url,
        "url": url,
        "identifier": item.identifier,
        "name": nodes.texts(item.titles),
        "description": nodes.texts(item.descriptions),
        "inLanguage": item.language,
        "license": item.rights if item.rights and item.rights.startswith("http") else None,
        "image": [nodes.image(m, site.absolute) for m in item.media if m.media_type == "image"],
        "keywords": [subject.name for subject in item.subjects],
        "isPartOf": [_collection_ref(c, site) for c in visible(item.collections)],
        "publisher": site.publisher(),
        "transcript": transcript,
    }
    record |= _when(item) | _where(item) | _kind_fields(item)
    return nodes.compact(record | nodes.credits((c.role, c.agent) for c in item.credits))


def _collection_ref(collection: Collection, site: Site) -> dict:
    url = site.link("collection.detail", slug=collection.slug)
    return {"@type": "Collection", "@id": url, "name": nodes.texts(collection.titles)}


def _when(item: Item) -> dict:
    """dateCreated for a single year; temporalCoverage as an ISO 8601 interval (or the date as written)."""
    first, last = item.date_earliest, item.date_latest
    if first is not None and (last is None or last == first):
        return {"dateCreated": f"{first:04d}", "temporalCoverage": f"{first:04d}"}
    if first is not None and last is not None:
        return {"temporalCoverage": f"{first:04d}/{last:04d}"}
    return {"temporalCoverage": item.date_text}


def _where(item: Item) -> dict:
    """spatialCoverage: the named place, at the item's own point when it has one (else the place's)."""
    named = item.place
    latitude = item.latitude if item.latitude is not None else (named.latitude if named else None)
    longitude = item.longitude if item.longitude is not None else (named.longitude if named else None)
    where = nodes.place(named.name if named else None, latitude, longitude)
    if where is None:
        return {}
    if item.kind == "building":  # the record *is* a place: its own coordinates and address
        return {"geo": where.get("geo"), "address": item.address, "containedInPlace": where}
    return {"spatialCoverage": where}


def _kind_fields(item: Item) -> dict:
    recording = first_recording(item.media)
    return {
        "artMedium": item.medium if item.kind == "artwork" else None,
        "sameAs": MERIMEE + item.merimee_reference if item.merimee_reference else None,
        "duration": _duration(item, recording),
        "encodingFormat": recording.mime_type if recording and recording.media_type in RECORDING_TYPES else None,
    }


def _duration(item: Item, recording: Media | None) -> str | None:
    seconds = item.duration_seconds or (recording.duration_seconds if recording else None)
    return f"PT{round(seconds)}S" if seconds else None


def collection_record(collection: Collection, url: str, site: Site, items: list[Item], total: int, cover) -> dict:
    """A collection page's JSON-LD: the collection and the items the page lists (`hasPart`)."""
    record = {
        "@context": CONTEXT,
        "@type": "Collection",
        "@id": url,
        "url": url,
        "identifier": collection.slug,
        "name": nodes.texts(collection.titles),
        "description": nodes.texts(collection.descriptions),
        "inLanguage": collection.language,
        "image": nodes.image(cover, site.absolute) if cover is not None else None,
        "collectionSize": total,
        "hasPart": [_item_ref(item, site) for item in items],
        "publisher": site.publisher(),
    }
    return nodes.compact(record)


def _item_ref(item: Item, site: Site) -> dict:
    url = site.link("item.detail", identifier=item.identifier)
    return {"@type": item_type(item), "@id": url, "url": url, "name": nodes.texts(item.titles)}


def exhibit_record(exhibit: Exhibit, url: str, site: Site, pages: list, cover: Media | None) -> dict:
    """An exhibit's JSON-LD: a CreativeWork about its tags, whose parts are its pages."""
    record = {
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "identifier": exhibit.slug,
        "name": nodes.texts(exhibit.titles),
        "description": nodes.texts(exhibit.summaries),
        "inLanguage": exhibit.language,
        "datePublished": exhibit.published_at.date().isoformat() if exhibit.published_at else None,
        "image": nodes.image(cover, site.absolute) if cover is not None else None,
        "about": [{"@type": "Thing", "name": tag} for tag in exhibit.tags or []],
        "hasPart": [_page_ref(exhibit, page, number, site) for number, page in enumerate(pages, start=1)],
        "publisher": site.publisher(),
    }
    return nodes.compact(record | nodes.credits((c.role, c.agent) for c in exhibit.credits))


def exhibit_page_record(exhibit: Exhibit, page, number: int, url: str, site: Site, items: list[Item]) -> dict:
    """One page of an exhibit's JSON-LD: a WebPage, part of the exhibit, about the published items it shows."""
    exhibit_url = site.link("exhibit.detail", slug=exhibit.slug)
    titles = {str(lang): value for lang, value in page.titles.items()}
    record = {
        "@context": CONTEXT,
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": nodes.texts(titles),
        "position": number,
        "inLanguage": exhibit.language,
        "isPartOf": {
            "@type": "CreativeWork",
            "@id": exhibit_url,
            "url": exhibit_url,
            "name": nodes.texts(exhibit.titles),
        },
        "about": [_item_ref(item, site) for item in items],
        "publisher": site.publisher(),
    }
    return nodes.compact(record)


def _page_ref(exhibit: Exhibit, page, number: int, site: Site) -> dict:
    url = site.link("exhibit.page", slug=exhibit.slug, key=page.key)
    titles = {str(lang): value for lang, value in page.titles.items()}
    return nodes.compact({"@type": "WebPage", "@id": url, "url": url, "position": number, "name": nodes.texts(titles)})
