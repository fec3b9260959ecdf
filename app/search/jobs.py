"""The indexer: applies the outbox's index jobs, and rebuilds the whole index from the database.

The database is read in a session of its own, before the handler's session is used: the job's
row lock (on SQLite, the database's write lock) is only taken at that first use, so web writes
never wait while Whoosh writes. Applying a job twice writes the same documents again.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

import app.models  # noqa: F401  (every table is mapped before the indexed domain's loaders run)
from app.clock import utcnow
from app.job import service as job_service
from app.job.models import DONE, PENDING, Job
from app.job.registry import JobContext, handler
from app.search import registry, sync
from app.search.index import IndexUnavailable, SearchIndex


@handler(sync.INDEX_JOB)
def index_records(session: Session, context: JobContext, payload: dict) -> None:
    """Public records become documents again; the others leave the index.

    An index that is missing or unreadable is rebuilt instead: the rebuild reads the database
    after this change was committed, so it includes it.
    """
    try:
        with Session(bind=session.get_bind()) as reader:
            apply(reader, context.search_index, sync.job_ids(payload), sync.companion_ids(payload))
    except IndexUnavailable:
        job_service.enqueue(session, sync.REBUILD_JOB, {}, key=sync.REBUILD_KEY)


@handler(sync.REBUILD_JOB)
def rebuild_index(session: Session, context: JobContext, payload: dict) -> None:
    """A fresh index built beside the live one and swapped in; then the changes it may have missed."""
    with Session(bind=session.get_bind()) as reader:
        snapshot, _count = rebuild(reader, context.search_index)
    catch_up(session, snapshot)


def apply(session: Session, index: SearchIndex, ids: Iterable[int], beside: dict[str, list[int]] | None = None) -> None:
    """Make the index agree with the database about these records (and the companions' records `beside`)."""
    for companion in registry.companions():
        if (found := (beside or {}).get(companion.name)) and companion.name in index.companions:
            written = companion.documents(session, found)
            index.companions[companion.name].replace("record_id", map(str, sorted(found)), written)
    wanted = set(ids)
    if not wanted:
        return
    documents = list(registry.source().documents(session, sorted(wanted)))  # of the public ones only
    if documents:
        index.update(documents)
    hidden = wanted - {document["id"] for document in documents}
    if hidden:
        index.delete(sorted(hidden))
    if index.passages is not None:
        index.passages.replace("record_id", map(str, sorted(wanted)), _passages(session, sorted(wanted)))


def _passages(session: Session, ids: list[int] | None) -> Iterator[dict]:
    """The passages of these records (of all with None), from every domain that has some."""
    for passages in registry.passages():
        yield from passages.documents(session, ids)


@dataclass(frozen=True)
class Snapshot:
    """The index jobs a rebuild's database snapshot saw: the newest id, and those still pending."""

    last_job_id: int
    pending: tuple[int, ...]


def rebuild(
    session: Session, index: SearchIndex, progress: Callable[[int], None] | None = None, procs: int = 1
) -> tuple[Snapshot, int]:
    """Rebuild from one snapshot of the database; returns what it saw of the job table and the documents written.

    The first query opens the snapshot: the index jobs pending in it are changes the new index
    already holds, and those created after it are the changes it may lack (see `catch_up`).
    """
    pending = tuple(session.scalars(select(Job.id).where(Job.kind == sync.INDEX_JOB, Job.status == PENDING)))
    last_job_id = session.execute(select(func.coalesce(func.max(Job.id), 0))).scalar_one()
    counter = _Counter(registry.source().documents(session, None))
    index.rebuild(counter, progress=progress, procs=procs)
    if index.passages is not None:
        index.passages.rebuild(_passages(session, None))
    for companion in registry.companions():
        if companion.name in index.companions:
            index.companions[companion.name].rebuild(companion.documents(session, None))
    return Snapshot(last_job_id, pending), counter.count


def catch_up(session: Session, snapshot: Snapshot) -> None:
    """After the swap: the jobs pending in the snapshot are done (the new index holds their changes),
    and the records of newer index jobs that may have reached the old index only are enqueued again."""
    _mark_done(session, snapshot.pending)
    query = select(Job.payload).where(Job.kind == sync.INDEX_JOB, Job.id > snapshot.last_job_id, Job.status != PENDING)
    ids: set[int] = set()
    beside: dict[str, set[int]] = {}
    for payload in session.scalars(query):
        ids.update(sync.job_ids(payload))
        for name, found in sync.companion_ids(payload).items():
            beside.setdefault(name, set()).update(found)
    sync.enqueue(session, ids, beside)


def _mark_done(session: Session, job_ids: tuple[int, ...], chunk: int = 500) -> None:
    # Still pending only: a worker may have claimed one since, and will finish it itself. This
    # write comes first, so that on SQLite the transaction takes the write lock before reading.
    for start in range(0, len(job_ids), chunk):
        session.execute(
            update(Job)
            .where(Job.id.in_(job_ids[start : start + chunk]), Job.status == PENDING)
            .values(status=DONE, finished_at=utcnow()),
            execution_options={"synchronize_session": False},
        )


class _Counter:
    """Counts the documents as the index consumes them."""

    def __init__(self, documents: Iterable[dict]) -> None:
        self.documents, self.count = documents, 0

    def __iter__(self) -> Iterator[dict]:
        for document in self.documents:
            self.count += 1
            yield document
