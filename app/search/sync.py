"""Keeping the index in step with the database through an outbox: the job table.

At each flush the ids of the records whose indexed content or passages may have changed (as the
indexed domains' `changed_ids` find them, app/search/registry.py) are written as one "search.index"
job, with a Core insert on the flush's own connection: the job commits or rolls back with the
change, so a rolled-back transaction never reaches the index and a crash after the commit leaves
the job in the queue. The worker applies the jobs (app/search/jobs.py).

Every index job carries the same key: the queue runs jobs sharing a key one at a time, so two
workers never apply an older state of a record after a newer one. They are inserted directly, never
through `job_service.enqueue`, whose dedupe by key would drop the ids of the second job.
"""

import weakref
from collections.abc import Iterable, Mapping
from typing import cast

from sqlalchemy import Table, event, func, insert, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.job.models import DONE, PENDING, Job
from app.search import registry

INDEX_JOB = "search.index"
INDEX_KEY = "search.index"
REBUILD_JOB = "search.rebuild"
REBUILD_KEY = "search.rebuild"
# Set by app/search/pg/sync.py on the sessions whose changes it writes itself, and the ids it will write.
DIRECT = "search.direct"
DIRECT_IDS = "search.direct_ids"
# A declarative class's __table__ is typed as any FromClause; here it is the Table SQLAlchemy made for it.
_jobs = cast(Table, Job.__table__)


# The targets already listened to. Not event.contains: for a sessionmaker it answers from a registry
# keyed by the id of the sessionmaker's own Session subclass, which a new sessionmaker often reuses
# once the old one is gone, and a new factory was then left without the outbox.
_installed: "weakref.WeakSet" = weakref.WeakSet()


def install(target, engine_name: str = "whoosh") -> None:
    """Write index jobs at the flushes of `target`: a sessionmaker, a Session subclass or one session. With the
    PostgreSQL engine, write the search tables in the transaction instead (app/search/pg/sync.py)."""
    if engine_name == "postgres":
        from app.search.pg import sync as pg_sync  # only where PostgreSQL searches

        pg_sync.install(target)
        return
    if target not in _installed:
        event.listen(target, "after_flush", _after_flush)
        _installed.add(target)


def enqueue(session: Session, ids: Iterable[int], beside: Mapping[str, Iterable[int]] | None = None) -> None:
    """Write one index job for the records `ids` (and the companions' records `beside`, by companion name) in
    the session's transaction (for writes that bypass the ORM)."""
    if session.info.get(DIRECT):  # the PostgreSQL engine: written at the commit, not by the worker
        session.info.setdefault(DIRECT_IDS, set()).update(ids)
        return
    ids = sorted(set(ids))
    others = {f"{name}_ids": sorted(set(found)) for name, found in (beside or {}).items()}
    others = {key: found for key, found in others.items() if found}
    if not ids and not others:
        return
    now = utcnow()
    session.connection().execute(
        insert(_jobs).values(
            kind=INDEX_JOB,
            key=INDEX_KEY,
            payload={registry.source().ids_key: ids} | others,
            status=PENDING,
            run_after=now,
            created_at=now,
        )
    )


def applied(session: Session, ids: Iterable[int]) -> None:
    """Record, as an index job already done, a change the PostgreSQL engine wrote in its own transaction: the
    newest job's id stays the catalog's generation, which the caches of every server read (the exhibit pages'
    bodies, app/exhibit/pagecache.py; whether a file is public, app/media/visibility.py)."""
    now = utcnow()
    payload = {registry.source().ids_key: sorted(set(ids))}
    values = dict(kind=INDEX_JOB, payload=payload, status=DONE, run_after=now, created_at=now, finished_at=now)
    session.connection().execute(insert(_jobs).values(**values))


# The catalog's generation: the newest index job's id (0 before the first). Every change to what the public sees
# writes one, whichever the engine, in the change's own transaction.
GENERATION = select(func.coalesce(func.max(Job.id), 0))


def generation(session: Session) -> int:
    """The catalog's generation (GENERATION, read in `session`)."""
    return session.scalar(GENERATION) or 0


def job_ids(payload: dict) -> list[int]:
    """The record ids of an index job."""
    return payload.get(registry.source().ids_key, [])


def companion_ids(payload: dict) -> dict[str, list[int]]:
    """{companion name: its record ids} of an index job."""
    return {
        companion.name: payload[companion.ids_key]
        for companion in registry.companions()
        if payload.get(companion.ids_key)
    }


def _after_flush(session: Session, _flush_context) -> None:
    ids = registry.source().changed_ids(session)
    for passages in registry.passages():
        ids |= passages.changed_ids(session)
    enqueue(session, ids, {companion.name: companion.changed_ids(session) for companion in registry.companions()})
