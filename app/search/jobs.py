"""The indexer: applies the outbox's index jobs, and rebuilds the whole index from the database.

The database is read in a session of its own, before the handler's session is used: the job's
row lock (on SQLite, the database's write lock) is only taken at that first use, so web writes
never wait while Whoosh writes. Applying a job twice writes the same documents again.
"""

from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import app.models  # noqa: F401  (every table is mapped before app.item.search builds its loaders)
from app.config import Settings
from app.item import search as item_search
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.job.models import PENDING, Job
from app.job import service as job_service
from app.job.registry import handler
from app.search import sync
from app.search.index import IndexUnavailable, SearchIndex
from app.search.registry import get_index


@handler(sync.INDEX_JOB)
def index_items(session: Session, settings: Settings, payload: dict) -> None:
    """Published items become documents again; the others leave the index.

    An index that is missing or unreadable is rebuilt instead: the rebuild reads the database
    after this change was committed, so it includes it.
    """
    try:
        with Session(bind=session.get_bind()) as reader:
            apply(reader, get_index(settings), payload["item_ids"])
    except IndexUnavailable:
        job_service.enqueue(session, sync.REBUILD_JOB, {}, key=sync.REBUILD_KEY)


@handler(sync.REBUILD_JOB)
def rebuild_index(session: Session, settings: Settings, payload: dict) -> None:
    """A fresh index built beside the live one and swapped in; then the changes it may have missed."""
    with Session(bind=session.get_bind()) as reader:
        last_job_id, _count = rebuild(reader, get_index(settings))
    catch_up(session, last_job_id)


def apply(session: Session, index: SearchIndex, item_ids: Iterable[int]) -> None:
    """Make the index agree with the database about these items."""
    wanted = set(item_ids)
    published = set(session.scalars(select(Item.id).where(Item.id.in_(wanted), Item.status == PUBLISHED)))
    if published:
        index.update(list(item_search.documents(session, sorted(published))))
    if wanted - published:
        index.delete(sorted(wanted - published))


def rebuild(session: Session, index: SearchIndex, progress: Callable[[int], None] | None = None,
            procs: int = 1) -> tuple[int, int]:
    """Rebuild from one snapshot of the database; returns the last job id it saw and the documents written.

    The first query opens the snapshot: the index jobs created after it are the changes the new
    index may lack, which `catch_up` enqueues again once the swap is done.
    """
    last_job_id = session.scalar(select(func.coalesce(func.max(Job.id), 0)))
    counter = _Counter(item_search.documents(session))
    index.rebuild(counter, progress=progress, procs=procs)
    return last_job_id, counter.count


def catch_up(session: Session, after_job_id: int) -> None:
    """Enqueue again the items of index jobs newer than `after_job_id` that may have reached the old index."""
    query = select(Job.payload).where(Job.kind == sync.INDEX_JOB, Job.id > after_job_id, Job.status != PENDING)
    sync.enqueue_items(session, {item_id for payload in session.scalars(query) for item_id in payload["item_ids"]})


class _Counter:
    """Counts the documents as the index consumes them."""

    def __init__(self, documents: Iterable[dict]) -> None:
        self.documents, self.count = documents, 0

    def __iter__(self) -> Iterator[dict]:
        for document in self.documents:
            self.count += 1
            yield document
