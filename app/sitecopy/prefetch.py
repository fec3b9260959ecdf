"""The item pages, the bulk of a copy, rendered in worker processes while the main one rewrites and links.

Each worker builds its own app with the factory it is given (app.main's, pickled by name) from the same
settings, and writes the raw pages of its share of the public items; the main process then treats them as
fetched. A page no worker could get (an item withdrawn in the meantime) is asked again by the main process,
and left out if it is refused.
"""

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.sitecopy.paths import Target, target

HTML = "text/html"
Factory = Callable[[Settings], FastAPI]


def start(factory: Factory | None, settings: Settings, dest: Path, identifiers: list[str], jobs: int) -> list[Future]:
    """Start `jobs` workers over the items' pages; each future gives the files its worker wrote."""
    if factory is None or jobs < 2 or not identifiers:
        return []
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
    shares = [identifiers[number::jobs] for number in range(jobs)]
    futures = [pool.submit(fetch_pages, factory, settings, dest, share) for share in shares]
    pool.shutdown(wait=False)
    return futures


def fetch_pages(factory: Factory, settings: Settings, dest: Path, identifiers: Iterable[str]) -> list[str]:
    """Write the raw page of each item into `dest`; the files written."""
    written = []
    with TestClient(factory(settings), base_url="http://testserver") as client:
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
