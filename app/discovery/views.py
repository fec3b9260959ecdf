"""The discovery routes: sitemaps, Atom feeds, IIIF Change Discovery and robots.txt (all public, all cacheable).

The sizes of a sitemap file and of a discovery page are read from `app.state` when set there (tests use small
ones), else the protocols' own: 50,000 URLs, 100 activities.
"""

import json
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import PlainTextResponse
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.discovery import atom, changes, feeds, sitemaps, streams
from app.discovery import service as discovery
from app.discovery.http import CACHE_CONTROL, Validator, absolute, conditional, origin
from app.discovery.robots import robots_txt
from app.web.deps import SessionDep

router = APIRouter(include_in_schema=False)
XML = "application/xml"


def _validator(request: Request, session: Session, *extra) -> Validator:
    """Changes whenever a listed record changes, or the origin, language or day the answer is written for."""
    parts = (discovery.fingerprint(session), origin(request), request.state.lang, utcnow().date(), *extra)
    return Validator("|".join(map(str, parts)), discovery.latest_change(session))


def _per_file(request: Request) -> int:
    return getattr(request.app.state, "sitemap_per_file", sitemaps.PER_FILE)


@router.get("/sitemap.xml", name="discovery.sitemap_index")
def sitemap_index(request: Request, session: SessionDep):
    """The sitemap index: the pages' file, then the items' files of at most 50,000 URLs each."""
    today, per_file = utcnow().date(), _per_file(request)

    def build() -> bytes:
        count = sitemaps.file_count(discovery.item_count(session, today), per_file)
        files = [(absolute(request, "discovery.sitemap_pages"), discovery.latest_change(session))]
        for number in range(1, count + 1):
            lastmod = discovery.item_chunk_lastmod(session, today, number, per_file)
            files.append((absolute(request, "discovery.sitemap_items", number=str(number)), lastmod))
        return sitemaps.index(files)

    return conditional(request, _validator(request, session, per_file), build, XML)


@router.get("/sitemaps/items-{number:int}.xml", name="discovery.sitemap_items")
def sitemap_items(request: Request, session: SessionDep, number: int):
    """One file of item pages (a file past the last is a 404)."""
    today, per_file = utcnow().date(), _per_file(request)
    if not 1 <= number <= sitemaps.file_count(discovery.item_count(session, today), per_file):
        raise HTTPException(404)

    def build() -> bytes:
        rows = discovery.item_rows(session, today, number, per_file)
        # The route is resolved once, not for each of 50,000 items (url_path_for walks every route).
        prefix = absolute(request, "item.detail", identifier="-").removesuffix("-")
        return sitemaps.urlset((prefix + quote(identifier, safe=""), when) for identifier, when in rows)

    return conditional(request, _validator(request, session, per_file, number), build, XML)


@router.get("/sitemaps/pages.xml", name="discovery.sitemap_pages")
def sitemap_pages(request: Request, session: SessionDep):
    """The home, the lists, the map and timeline, and every public collection, exhibit (with its pages) and tour."""
    today = utcnow().date()

    def build() -> bytes:
        pages = discovery.site_pages(session, today)
        return sitemaps.urlset((absolute(request, page.name, **page.params), page.lastmod) for page in pages)

    return conditional(request, _validator(request, session), build, XML)


@router.get("/feeds/items.atom", name="discovery.feed_items")
def feed_items(request: Request, session: SessionDep):
    """The 50 items published last."""
    entries = feeds.items_feed(request, session, utcnow().date())
    return _atom(
        request, session, feeds.feed(request, "discovery.feed_items", "item.browse", feeds.titles()["items"], entries)
    )


@router.get("/feeds/memories.atom", name="discovery.feed_memories")
def feed_memories(request: Request, session: SessionDep):
    """The 50 residents' memories published last."""
    entries = feeds.items_feed(request, session, utcnow().date(), kind="memory")
    title = feeds.titles()["memory"]
    return _atom(request, session, feeds.feed(request, "discovery.feed_memories", "item.browse", title, entries))


@router.get("/feeds/exhibits.atom", name="discovery.feed_exhibits")
def feed_exhibits(request: Request, session: SessionDep):
    """The 50 exhibits published last."""
    entries = feeds.exhibit_entries(request, session)
    title = feeds.titles()["exhibits"]
    return _atom(request, session, feeds.feed(request, "discovery.feed_exhibits", "exhibit.list", title, entries))


@router.get("/collections/{slug}/feed.atom", name="discovery.feed_collection")
def feed_collection(request: Request, session: SessionDep, slug: str):
    """The 50 items of a published collection published last (a draft collection has no feed)."""
    collection = discovery.public_collection(session, slug)
    if collection is None:
        raise HTTPException(404)
    entries = feeds.items_feed(request, session, utcnow().date(), collection=collection)
    title = feeds.collection_title(collection)
    found = feeds.feed(request, "discovery.feed_collection", "collection.detail", title, entries, slug=slug)
    return _atom(request, session, found)


def _atom(request: Request, session: Session, feed: atom.Feed) -> Response:
    return conditional(request, _validator(request, session, feed.url), lambda: atom.document(feed), atom.MEDIA_TYPE)


@router.get("/iiif/discovery", name="discovery.changes")
def change_collection(request: Request, session: SessionDep):
    """IIIF Change Discovery: the ordered collection of the manifests' activities."""
    per_page = _per_page(request)

    def build() -> bytes:
        found = changes.activities(session, utcnow().date())
        url = absolute(request, "discovery.changes")
        return _json(streams.collection(url, _page_url(request), len(found), per_page))

    return _discovery(conditional(request, _validator(request, session, per_page), build, streams.MEDIA_TYPE))


@router.get("/iiif/discovery/page-{number:int}", name="discovery.changes_page")
def change_page(request: Request, session: SessionDep, number: int):
    """One page of activities, oldest first (a page past the last is a 404)."""
    per_page = _per_page(request)
    found = changes.activities(session, utcnow().date())
    if number >= streams.page_count(len(found), per_page):
        raise HTTPException(404)

    def build() -> bytes:
        url = absolute(request, "discovery.changes")
        manifest = _manifest_url(request)
        return _json(streams.page(url, number, found, _page_url(request), manifest, per_page))

    return _discovery(conditional(request, _validator(request, session, per_page, number), build, streams.MEDIA_TYPE))


def _per_page(request: Request) -> int:
    return getattr(request.app.state, "discovery_per_page", streams.PER_PAGE)


def _page_url(request: Request):
    return lambda number: absolute(request, "discovery.changes_page", number=str(number))


def _manifest_url(request: Request):
    return lambda identifier: absolute(request, "iiif.manifest", identifier=identifier)


def _json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _discovery(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"  # aggregators read it from other origins
    return response


@router.get("/robots.txt", name="robots")
def robots(request: Request):
    """What crawlers may visit, and where the sitemap is."""
    headers = {"Cache-Control": CACHE_CONTROL}
    return PlainTextResponse(robots_txt(absolute(request, "discovery.sitemap_index")), headers=headers)
