"""`museum export-site`: the public museum as a folder of static HTML that opens from the file system."""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.clock import utcnow
from app.config import Settings
from app.sitecopy import prefetch, search
from app.sitecopy.crawl import Crawl
from app.sitecopy.iiif import Tiles
from app.sitecopy.paths import Target, target
from app.sitecopy.records import hidden_items, public_items
from app.sitecopy.rewrite import Links, Page
from app.web.static import STATIC_DIR

HOST = "testserver"
START = ("/", "/items", "/collections", "/exhibits", "/tours", "/timeline", "/about")


@dataclass(frozen=True)
class Report:
    """What the export wrote."""

    pages: int
    files: int
    bytes: int
    seconds: float


def export_site(app: FastAPI, dest: Path, jobs: int = 1, factory: prefetch.Factory | None = None) -> Report:
    """Write the public museum served by `app` (built with `visitor_settings`) into `dest`, emptied first;
    with `jobs` > 1, that many worker processes build their own app with `factory` and render the item pages."""
    started = time.monotonic()
    settings: Settings = app.state.settings
    _prepare(dest)
    items = _item_pages(app)
    futures = prefetch.start(factory, settings, dest, [found.url.removeprefix("/items/") for found in items], jobs)
    with TestClient(app, base_url=f"http://{HOST}", headers={"Accept-Language": settings.default_language}) as client:
        crawl = Crawl(client, dest, _withheld(app))
        crawl.expect(items, futures)
        links = Links(_hosts(settings), crawl.resolve, crawl.withheld.__contains__, Tiles(client, dest).inline_info)
        records = _copy_pages(crawl, links)
        search.write_search_page(client, crawl, links, records)
    search.build_index(dest)
    return _report(dest, len(crawl.pages), started)


def _prepare(dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(STATIC_DIR, dest / "static")


def visitor_settings(settings: Settings) -> Settings:
    """The museum's settings for an app that answers the exporter's in-process requests (and runs no worker)."""
    hosts = ",".join(filter(None, [settings.allowed_hosts, HOST]))
    return settings.model_copy(update={"allowed_hosts": hosts, "run_worker": False})


def _item_pages(app: FastAPI) -> list[Target]:
    """The pages of the items visitors see in lists today (the decision of app/discovery and app/interview)."""
    with app.state.session_factory() as session:
        identifiers = public_items(session, utcnow().date())
        return [found for identifier in identifiers if (found := target(f"/items/{identifier}", "")) is not None]


def _withheld(app: FastAPI) -> set[str]:
    """The files of the published items whose details visitors may not see today (sealed, withdrawn interviews)."""
    with app.state.session_factory() as session:
        return {f"items/{identifier}/index.html" for identifier in hidden_items(session, utcnow().date())}


def _hosts(settings: Settings) -> set[str]:
    public = urlsplit(settings.public_base_url).hostname
    return {HOST, public} if public else {HOST}


def _copy_pages(crawl: Crawl, links: Links) -> list[list[str]]:
    """Every page reached from the start pages, rewritten; the records' entries for the fallback search."""
    records = []
    for path in START:
        found = target(path, "")
        if found is not None:
            crawl.resolve(found)
    while (found := crawl.next_page()) is not None:
        file = crawl.dest / found.file
        page = Page(file.read_bytes(), found.file, links).rewrite()
        entry = search.record(page)
        if entry is not None:
            records.append(entry)
        file.write_bytes(page.html())
    return records


def _report(dest: Path, pages: int, started: float) -> Report:
    files = [path for path in dest.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    return Report(pages=pages, files=len(files), bytes=size, seconds=time.monotonic() - started)
