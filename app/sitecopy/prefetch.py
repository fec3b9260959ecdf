"""The item pages, the bulk of a copy, rendered in worker processes while the main one rewrites and links.

Each worker builds its own app from the same settings and writes the raw pages of its share of the public
items; the main process then treats them as fetched. A page a worker could not get (an item withdrawn in the
meantime) is simply not marked, and is asked again, or left out, when a link names it.
"""

import multiprocessing
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.sitecopy.paths import Target, target

HTML = "text/html"


def start(settings: Settings, dest: Path, identifiers: list[str], jobs: int) -> list[Future]:
    """Start `jobs` workers over the items' pages; each future gives the files its worker wrote."""
    if jobs < 2 or not identifiers:
        return []
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
    shares = [identifiers[number::jobs] for number in range(jobs)]
    futures = [pool.submit(fetch_pages, settings, dest, share) for share in shares]
    pool.shutdown(wait=False)
    return futures


def fetch_pages(settings: Settings, dest: Path, identifiers: Iterable[str]) -> list[str]:
    """Write the raw page of each item into `dest`; the files written."""
    from app.main import create_app  # in the worker only: the package itself never assembles the app

    written = []
    with TestClient(create_app(settings), base_url="http://testserver") as client:
        client.headers["Accept-Language"] = settings.default_language
        for identifier in identifiers:
            found = target(f"/items/{identifier}", "")
            if found is not None and _write(client, dest, found):
                written.append(found.file)
    return written


def _write(client: TestClient, dest: Path, found: Target) -> bool:
    response = client.get(found.url, follow_redirects=False)
    if response.status_code != 200 or not response.headers.get("content-type", "").startswith(HTML):
        return False
    path = dest / found.file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(response.content)
    return True
