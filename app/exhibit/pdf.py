"""An exhibit as a printed booklet: its HTML made from the site's templates, its PDF made by WeasyPrint in a job.

The booklet's HTML is rendered in the visitor's request (it needs the app's routes to build its links, and
it shows only what visitors may see), then named by the SHA-256 of its contents: whatever changes what is
printed (an edit, a translation, an item withdrawn, a new stylesheet) gives another name, so a cached PDF
is never stale and nothing needs to invalidate it. The job turns that HTML into `<digest>.pdf` and
removes the exhibit's older files. WeasyPrint reads images and stylesheets from the museum's own files
only (`LocalFetcher`): nothing is downloaded while a PDF is made.
"""

import hashlib
import json
import time
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import i18n
from app.config import Settings
from app.db import begin_write, release
from app.exhibit import rendering
from app.exhibit.models import Exhibit
from app.item.fields import ROLE_LABELS
from app.job import service as job_service
from app.job.models import PENDING, RUNNING, Job
from app.media.store import store_of
from app.media.store.base import Store
from app.web.render import base_context

JOB = "exhibit.pdf"
FOLDER = "booklets"
TEMPLATE = "exhibits/booklet.html"
ROUTES = ("exhibit.detail", "exhibit.page")  # the public pages the booklet's addresses and contents name


@dataclass(frozen=True)
class Booklet:
    """The files of one version of an exhibit's booklet, as media-store keys:
    `booklets/<exhibit id>/<digest>.html|.pdf`, and `.json` holding when its HTML was written (the order of
    versions: a store's files have no dependable modification time)."""

    folder: str
    digest: str

    @property
    def html(self) -> str:
        return f"{self.folder}/{self.digest}.html"

    @property
    def pdf(self) -> str:
        return f"{self.folder}/{self.digest}.pdf"

    @property
    def written(self) -> str:
        return f"{self.folder}/{self.digest}.json"

    @property
    def job_key(self) -> str:
        return f"{JOB}:{self.folder.rsplit('/', 1)[-1]}:{self.digest}"


def booklet_for(settings: Settings, exhibit_id: int, html: str) -> Booklet:
    """The booklet whose HTML is `html` (its files may not exist yet)."""
    return Booklet(f"{FOLDER}/{exhibit_id}", hashlib.sha256(html.encode()).hexdigest())


def keep_html(store: Store, booklet: Booklet, html: str, written_ns: int | None = None) -> None:
    """Keep a version's HTML for its job, with when it was written (first its time, then the HTML the job
    looks for, so that a job never finds an HTML without its time)."""
    stamp = {"written_ns": written_ns if written_ns is not None else time.time_ns()}
    store.put_bytes(booklet.written, json.dumps(stamp).encode())
    store.put_bytes(booklet.html, html.encode())


def render_html(request: Request, session: Session, exhibit: Exhibit) -> str:
    """The booklet's HTML in the exhibit's language, showing what visitors may see of the catalog (the same
    block partials as the exhibit's pages)."""
    resolved = rendering.resolve(session, exhibit, store_of(request.app.state.settings), visitors_only=True)
    context = base_context(request) | {"request": request, "lang": exhibit.language, "role_labels": ROLE_LABELS}
    context |= {"exhibit": exhibit, "resolved": resolved, "routes": ROUTES, "current": None, "vector_qr": True}
    templates = request.app.state.templates
    with i18n.language(exhibit.language):
        return templates.get_template(TEMPLATE).render(context)


def prepare(session: Session, settings: Settings, exhibit_id: int, html: str, site: str) -> str | None:
    """The store key of this HTML's PDF when it is made; else None, the HTML kept for the job and the job
    enqueued once (`site`: the address the HTML's relative links start from). The files are in the media
    store, so a PDF made by a worker on one host is served by every app server."""
    store, booklet = store_of(settings), booklet_for(settings, exhibit_id, html)
    if store.exists(booklet.pdf):
        return booklet.pdf
    if not store.exists(booklet.html):
        keep_html(store, booklet, html)
    # The page's reading transaction ends here, and the job is looked for and added under the write lock: on
    # SQLite a transaction that read first cannot always write afterwards (app/db.py).
    release(session)
    if not session.in_transaction():  # else a caller's savepoint (tests) holds the transaction
        begin_write(session)
    waiting = select(Job.id).where(Job.key == booklet.job_key, Job.status.in_((PENDING, RUNNING)))
    if session.scalar(waiting.limit(1)) is None:
        payload = {"exhibit_id": exhibit_id, "digest": booklet.digest, "site": site}
        job_service.enqueue(session, JOB, payload, key=booklet.job_key, max_attempts=3)
    return None


def build(settings: Settings, exhibit_id: int, digest: str, site: str) -> str | None:
    """Make the booklet's PDF from its kept HTML (once), then remove the exhibit's older versions: those whose
    HTML was written before this one's (a newer version's HTML, waiting for its own job, stays)."""
    # Imported here: WeasyPrint loads Pango and fonts (0.7 s), which only the job needs.
    from app.exhibit import printer

    store, booklet = store_of(settings), Booklet(f"{FOLDER}/{exhibit_id}", digest)
    if store.exists(booklet.pdf) or not store.exists(booklet.html):
        return booklet.pdf if store.exists(booklet.pdf) else None  # made already, or removed as outdated
    version = _written(store, booklet)
    store.put_bytes(booklet.pdf, printer.to_pdf(store.read_bytes(booklet.html).decode(), site, store))
    store.delete(booklet.html)
    for other in _versions(store, booklet.folder) - {digest}:
        older = Booklet(booklet.folder, other)
        if _written(store, older) <= version:
            for key in (older.html, older.pdf, older.written):
                store.delete(key)
    return booklet.pdf


def _versions(store: Store, folder: str) -> set[str]:
    names = (key.rsplit("/", 1)[-1] for key in store.keys(folder + "/"))
    return {name.split(".", 1)[0] for name in names if not name.startswith(".")}  # not a file being written


def _written(store: Store, booklet: Booklet) -> int:
    """When the version's HTML was written (0 when unknown: such a version counts as the oldest)."""
    try:
        return int(json.loads(store.read_bytes(booklet.written))["written_ns"])
    except (FileNotFoundError, KeyError, ValueError, TypeError):
        return 0
