"""After a restore: what the originals make again (derivatives, pyramids, recordings' copies) and the search index."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.config import Settings
from app.interview import hidden
from app.media import service as media_service
from app.media.models import Media
from app.search import jobs as search_jobs
from app.search.index import SearchIndex


def images(session: Session, settings: Settings) -> tuple[int, list[str]]:
    """Make every image's derivatives and pyramid; (images made, failures)."""
    query = select(Media.sha256, Media.original_path).where(Media.media_type == "image").distinct()
    found = session.execute(query).all()
    failures = []
    for sha256, original_path in found:
        try:
            media_service.finish_derivatives(settings, sha256, original_path, force=True)
            media_service.mark_ready(session, sha256)
        except (OSError, ValueError) as error:
            failures.append(f"{original_path}: {error}")
    return len(found) - len(failures), failures


def recordings(session: Session) -> int:
    """Queue each recording's browser copy for the worker, silenced over its hidden ranges as before."""
    found = list(session.scalars(select(Media).where(Media.media_type.in_(hidden.RECORDING_TYPES))))
    today = utcnow().date()
    for media in found:
        media_service.enqueue_recording_derivatives(
            session, media, hidden.silence_for(session, media.item_id, media, today)
        )
    return len(found)


def search_index(session: Session, index: SearchIndex, procs: int) -> int:
    """Rebuild the index from the restored database; the number of documents written."""
    snapshot, count = search_jobs.rebuild(session, index, procs=procs)
    search_jobs.catch_up(session, snapshot)
    return count
