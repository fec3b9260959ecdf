"""Whether search can answer, what to say when it cannot, and how far the index lags the database.

A missing or broken index never makes a page fail: the page shows `status(...).message`, and the
index can always be rebuilt from the database (`museum reindex`, or the rebuild job enqueued at
start-up when there is no index at all).
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from app.job import service as job_service
from app.search import registry, sync
from app.search.index import IndexUnavailable, SearchIndex

REPAIR = "Run `museum reindex` to rebuild it from the database."


@dataclass(frozen=True)
class IndexStatus:
    ok: bool
    message: str


def status(index: SearchIndex) -> IndexStatus:
    """Whether the index can answer searches, with a message for the page and the log."""
    try:
        count = index.doc_count()
    except IndexUnavailable as error:
        message = str(error)
        return IndexStatus(False, message if "museum reindex" in message else f"{message} {REPAIR}")
    except Exception as error:  # a damaged index raises whatever its reader trips on
        return IndexStatus(False, f"The search index cannot be read ({type(error).__name__}: {error}). {REPAIR}")
    return IndexStatus(True, f"{count} documents in the search index.")


def ensure_index(session_factory: sessionmaker[Session], index: SearchIndex) -> bool:
    """At start-up: enqueue a full rebuild when the index cannot answer (a fresh install) or has no passages
    index yet (an upgrade); True when enqueued."""
    if status(index).ok and (index.passages is None or index.passages.exists()):
        return False
    with session_factory.begin() as session:
        job_service.enqueue(session, sync.REBUILD_JOB, {}, key=sync.REBUILD_KEY)
    return True


@dataclass
class Drift:
    """Where the index and the database disagree (record ids)."""

    missing: set[int] = field(default_factory=set)
    unpublished: set[int] = field(default_factory=set)
    outdated: set[int] = field(default_factory=set)

    @property
    def ids(self) -> set[int]:
        return self.missing | self.unpublished | self.outdated

    def __len__(self) -> int:
        return len(self.ids)


def drift(session: Session, index: SearchIndex) -> Drift:
    """Public records missing from the index, documents of records no longer public, stale documents."""
    indexed = {int(record_id): stamp for record_id, stamp in index.indexed_ids().items()}
    published = registry.source().stamps(session)
    outdated = {
        record_id
        for record_id, stamp in indexed.items()
        if record_id in published and _older(stamp, published[record_id])
    }
    return Drift(set(published) - set(indexed), set(indexed) - set(published), outdated)


def _older(stamp: str | datetime | None, updated_at: datetime) -> bool:
    if isinstance(stamp, str):
        stamp = datetime.fromisoformat(stamp)
    return stamp is None or stamp < updated_at
