"""An exhibit as a printed booklet: its HTML made from the site's templates, its PDF made by WeasyPrint in a job.

The booklet's HTML is rendered in the visitor's request (it needs the app's routes to build its links, and
it shows only what visitors may see), then named by the SHA-256 of its contents: whatever changes what is
printed (an edit, a translation, an item withdrawn, a new stylesheet) gives another name, so a cached PDF
is never stale and nothing needs to invalidate it. The job turns that HTML into `<digest>.pdf` and
removes the exhibit's older files. WeasyPrint reads images and stylesheets from the museum's own files
only (`LocalFetcher`): nothing is downloaded while a PDF is made.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

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
from app.web.render import base_context

JOB = "exhibit.pdf"
FOLDER = "booklets"
TEMPLATE = "exhibits/booklet.html"
ROUTES = ("exhibit.detail", "exhibit.page")  # the public pages the booklet's addresses and contents name


@dataclass(frozen=True)
class Booklet:
    """The files of one version of an exhibit's booklet: `<media>/booklets/<exhibit id>/<digest>.html|.pdf`."""

    folder: Path
    digest: str

    @property
    def html(self) -> Path:
        return self.folder / f"{self.digest}.html"

    @property
    def pdf(self) -> Path:
        return self.folder / f"{self.digest}.pdf"

    @property
    def job_key(self) -> str:
        return f"{JOB}:{self.folder.name}:{self.digest}"


def booklet_for(settings: Settings, exhibit_id: int, html: str) -> Booklet:
    """The booklet whose HTML is `html` (its files may not exist yet)."""
    digest = hashlib.sha256(html.encode()).hexdigest()
    return Booklet(settings.media_dir / FOLDER / str(exhibit_id), digest)


def render_html(request: Request, session: Session, exhibit: Exhibit) -> str:
    """The booklet's HTML in the exhibit's language, showing what visitors may see of the catalog (the same
    block partials as the exhibit's pages)."""
    resolved = rendering.resolve(session, exhibit, store_of(request.app.state.settings), visitors_only=True)
    context = base_context(request) | {"request": request, "lang": exhibit.language, "role_labels": ROLE_LABELS}
    context |= {"exhibit": exhibit, "resolved": resolved, "routes": ROUTES, "current": None, "vector_qr": True}
    templates = request.app.state.templates
    with i18n.language(exhibit.language):
        return templates.get_template(TEMPLATE).render(context)


def prepare(session: Session, settings: Settings, exhibit_id: int, html: str, site: str) -> Path | None:
    """The PDF of this HTML when it is made; else None, the HTML kept for the job and the job enqueued once
    (`site`: the address the HTML's relative links start from)."""
    booklet = booklet_for(settings, exhibit_id, html)
    if booklet.pdf.exists():
        return booklet.pdf
    if not booklet.html.exists():
        _write_atomically(booklet.html, html.encode())
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


def build(settings: Settings, exhibit_id: int, digest: str, site: str) -> Path | None:
    """Make the booklet's PDF from its kept HTML (once), then remove the exhibit's older files: those written
    before this version's HTML (a newer version's HTML, waiting for its own job, stays)."""
    # Imported here: WeasyPrint loads Pango and fonts (0.7 s), which only the job needs.
    from app.exhibit import printer

    booklet = Booklet(settings.media_dir / FOLDER / str(exhibit_id), digest)
    if booklet.pdf.exists() or not booklet.html.exists():
        return booklet.pdf if booklet.pdf.exists() else None  # made already, or its files removed as outdated
    version = booklet.html.stat().st_mtime_ns
    _write_atomically(booklet.pdf, printer.to_pdf(booklet.html.read_text(), site, store_of(settings)))
    # The PDF keeps its HTML's time: the files of a version are ordered by when its HTML was rendered.
    os.utime(booklet.pdf, ns=(version, version))
    for path in booklet.folder.iterdir():
        if path != booklet.pdf and path.stat().st_mtime_ns <= version:
            path.unlink(missing_ok=True)
    return booklet.pdf


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=path.suffix)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
