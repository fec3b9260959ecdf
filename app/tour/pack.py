"""A tour's offline pack: every address a phone keeps to walk the tour without a network, and their sizes.

The pack holds the tour page, each stop page, the tour's JSON (the stops' positions), the images at phone size
(app/tour/present.py PHONE_SIZE), the audio commentaries and the site's stylesheet and scripts. Files are counted
by their size on disk; a page's size is only known once rendered, so each counts as PAGE_BYTES, more than any
tour page weighs (the phone then shows what it really stored).
"""

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from app.media.store import Store
from app.media.urls import derivative_url
from app.tour.present import PHONE_SIZE, TourView
from app.web.static import STATIC_DIR, versioned

LIMIT_BYTES = 25 * 1000 * 1000
PAGE_BYTES = 60_000
# The site's own files every tour page loads (templates/base.html and templates/tours/_offline.html).
STATIC_FILES = ("css/museum.css", "js/suggest.js", "js/tour.js")


@dataclass(frozen=True)
class Entry:
    url: str
    bytes: int
    kind: str  # page, data, image, audio, static


def entries(request: Request, view: TourView, store: Store) -> list[Entry]:
    """Every address of the pack, pages first (the tour, its stops, the list of tours), each once."""
    slug = view.tour.slug
    found = [Entry(_path(request, "tour.detail", slug=slug), PAGE_BYTES, "page")]
    found += [Entry(_path(request, "tour.stop", slug=slug, number=s.number), PAGE_BYTES, "page") for s in view.stops]
    found.append(Entry(_path(request, "tour.list"), PAGE_BYTES, "page"))  # the way back to the saved tours
    found.append(Entry(_path(request, "api.tour", slug=slug), PAGE_BYTES, "data"))
    images = [media for media in [view.cover, *(stop.image for stop in view.stops)] if media is not None]
    for media in images:
        url = derivative_url(media, PHONE_SIZE)
        found.append(Entry(url, store.size(url.removeprefix("/media/")) or 0, "image"))
    for stop in view.stops:
        if stop.audio:
            url = _path(request, "tour.audio", slug=slug, sha256=stop.stop.audio_sha256, ext=stop.audio_ext)
            found.append(Entry(url, stop.stop.audio_bytes or 0, "audio"))
    for name in STATIC_FILES:
        address = versioned(request.url_for("static", path=name), name)
        path = f"{address.path}?{address.query}" if address.query else address.path
        found.append(Entry(path, _size(STATIC_DIR / name), "static"))
    return list({entry.url: entry for entry in found}.values())


def total_bytes(found: list[Entry]) -> int:
    return sum(entry.bytes for entry in found)


def _path(request: Request, name: str, **params) -> str:
    return str(request.url_for(name, **params).path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
