"""The job queue's operations: enqueue in the caller's transaction, claim, finish, inspect.

`enqueue` and the inspection functions work in the caller's session and never commit. `claim`,
`complete` and `fail` take the session factory and commit their own short transactions: a claim
must be visible to other workers before the job runs, and a failure must be recorded even though
the handler's transaction was rolled back.

On SQLite every transaction opened here starts with a write statement (or is only a read): one
that reads first and writes later fails with SQLITE_BUSY_SNAPSHOT ("database is locked", without
waiting) when another connection committed in between, which busy workers do all the time.
"""

import logging
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    FromClause,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utcnow
from app.db import rowcount
from app.job.models import DONE, FAILED, PENDING, RUNNING, Job

logger = logging.getLogger(__name__)

STATUSES = (PENDING, RUNNING, DONE, FAILED)
DEFAULT_LEASE = timedelta(minutes=10)
CLOCK_SLACK = timedelta(seconds=1)
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)


def enqueue(
    session: Session,
    kind: str,
    payload: dict,
    *,
    key: str | None = None,
    run_after: datetime | None = None,
    max_attempts: int = 5,
) -> Job:
    """Add a job in the caller's transaction; with `key`, reuse the pending job with that key (and payload)."""
    run_after = run_after or utcnow()
    job = _pending_with_key(session, key) if key is not None else None
    if job is not None:
        job.run_after = min(job.run_after, run_after)
        return job
    job = Job(kind=kind, payload=payload, key=key, run_after=run_after, max_attempts=max_attempts)
    session.add(job)
    session.flush()
    return job


def _pending_with_key(session: Session, key: str) -> Job | None:
    # Only a pending job may absorb new work: a running one may already have read the data the
    # caller is changing. FOR UPDATE (PostgreSQL) keeps a worker from claiming it before the
    # caller commits; on SQLite the caller's own write lock does the same.
    query = select(Job).where(Job.key == key, Job.status == PENDING).order_by(Job.id).limit(1)
    return session.scalars(query.with_for_update()).first()


def claim(session_factory: sessionmaker[Session], *, worker_id: str, lease: timedelta = DEFAULT_LEASE) -> Job | None:
    """Take the oldest due job (or one whose worker's lease expired), marked running for `lease`."""
    # A job enqueued "now" must be due at once, even if the wall clock stepped back a little
    # since (virtual machines adjust theirs): a second of slack is invisible next to any backoff.
    now = utcnow() + CLOCK_SLACK
    with session_factory() as session:
        # A plain read first, so that idle workers never take SQLite's write lock.
        pending_due, lease_expired = _due_now(session, now)
    if not (pending_due or lease_expired):
        return None
    with session_factory.begin() as session:
        if lease_expired:
            session.execute(_FAIL_ABANDONED, {"now": now})
        for take in (_TAKE_EXPIRED_LEASE, _TAKE_PENDING) if lease_expired else (_TAKE_PENDING,):
            job_id = session.scalar(take, {"now": now, "locked_until": now + lease})
            if job_id is not None:
                logger.debug("worker %s claimed job %s", worker_id, job_id)
                return _detached(session, session.get_one(Job, job_id))
    return None


def _due_now(session: Session, now: datetime) -> tuple[bool, bool]:
    """Whether a pending job is due, and whether a running job's lease has expired."""
    next_pending, first_expiry = session.execute(_NEXT_TIMES).one()
    return (next_pending is not None and next_pending <= now), (first_expiry is not None and first_expiry < now)


# The claim's statements, built once (SQLAlchemy then reuses their compiled form). Each candidate
# query has a single condition on status, so that the (status, run_after) index yields its rows
# in order: with OR-ed statuses SQLite sorts the whole queue on every claim. FOR UPDATE SKIP
# LOCKED makes PostgreSQL skip rows another worker is claiming or running instead of waiting for
# them; SQLite does not render it and needs it not, as it runs one write statement at a time.
# A declarative class's __table__ is typed as any FromClause; here it is the Table SQLAlchemy made for it.
_jobs = cast(Table, Job.__table__)
_now: BindParameter[Any] = bindparam("now")


def _candidate(job: FromClause, condition: ColumnElement[bool]) -> Select[int]:
    # Jobs sharing a key wait for each other, so that an older run never overwrites a newer one.
    other = _jobs.alias("other")
    key_busy = exists().where(
        other.c.key == job.c.key, other.c.status == RUNNING, other.c.locked_until >= _now, other.c.id != job.c.id
    )
    query = select(job.c.id).where(condition, or_(job.c.key.is_(None), ~key_busy))
    return query.order_by(job.c.run_after, job.c.id).limit(1).with_for_update(skip_locked=True)


def _take(candidate: Select[int]) -> Update:
    return (
        update(_jobs)
        .where(_jobs.c.id == candidate.scalar_subquery())
        .values(status=RUNNING, locked_until=bindparam("locked_until"), attempts=_jobs.c.attempts + 1)
        .returning(_jobs.c.id)
    )


_pending, _expired = _jobs.alias("job"), _jobs.alias("job")
_TAKE_PENDING = _take(_candidate(_pending, and_(_pending.c.status == PENDING, _pending.c.run_after <= _now)))
_TAKE_EXPIRED_LEASE = _take(
    _candidate(
        _expired,
        and_(
            _expired.c.status == RUNNING, _expired.c.locked_until < _now, _expired.c.attempts < _expired.c.max_attempts
        ),
    )
)
# min() rather than EXISTS: PostgreSQL may plan an EXISTS as a scan of the whole table.
_NEXT_TIMES = select(
    select(func.min(_jobs.c.run_after)).where(_jobs.c.status == PENDING).scalar_subquery(),
    select(func.min(_jobs.c.locked_until)).where(_jobs.c.status == RUNNING).scalar_subquery(),
)
# Running, lease expired, no attempt left: its worker died (or hung) on the last try.
_abandoned = _jobs.alias("job")
_FAIL_ABANDONED = (
    update(_jobs)
    .where(
        _jobs.c.id.in_(
            select(_abandoned.c.id)
            .where(
                _abandoned.c.status == RUNNING,
                _abandoned.c.locked_until < _now,
                _abandoned.c.attempts >= _abandoned.c.max_attempts,
            )
            .with_for_update(skip_locked=True)
        )
    )
    .values(
        status=FAILED,
        finished_at=_now,
        locked_until=None,
        last_error="lease expired on the last attempt: the worker stopped or crashed while running it",
    )
)


def hold(connection: Connection, job_id: int, attempt: int | None = None) -> bool:
    """Lock the running job for this transaction; False when it is no longer this attempt's."""
    # A write first (see the module docstring); on PostgreSQL the row lock also keeps other
    # workers from taking over the job while its handler's transaction is open.
    held = connection.execute(update(_jobs).where(*_running(job_id, attempt)).values(locked_until=_jobs.c.locked_until))
    return held.rowcount == 1


def _running(job_id: int, attempt: int | None) -> list[ColumnElement[bool]]:
    # The attempt number fences off a worker whose lease expired and was taken over.
    conditions = [_jobs.c.id == job_id, _jobs.c.status == RUNNING]
    return conditions if attempt is None else [*conditions, _jobs.c.attempts == attempt]


def mark_done(session: Session, job_id: int, attempt: int | None = None) -> bool:
    """Mark the running job done in the caller's transaction; False when it is no longer this attempt's."""
    done = session.execute(
        update(_jobs).where(*_running(job_id, attempt)).values(status=DONE, finished_at=utcnow(), locked_until=None)
    )
    return rowcount(done) == 1


def complete(session_factory: sessionmaker[Session], job_id: int, *, attempt: int | None = None) -> bool:
    """Mark the running job done; False when it is no longer this attempt's."""
    with session_factory.begin() as session:
        return mark_done(session, job_id, attempt)


def fail(session_factory: sessionmaker[Session], job_id: int, error: str, *, attempt: int | None = None) -> Job | None:
    """Record a failed attempt: pending again after a backoff, or failed once attempts run out."""
    with session_factory.begin() as session:
        if not hold(session.connection(), job_id, attempt):
            return None
        job = session.get_one(Job, job_id)  # held above: the row is there
        job.last_error, job.locked_until = error, None
        if job.attempts >= job.max_attempts:
            job.status, job.finished_at = FAILED, utcnow()
        else:
            job.status, job.run_after = PENDING, utcnow() + backoff(job.attempts)
        return _detached(session, job)


def _detached(session: Session, job: Job) -> Job:
    # Returned after the commit: detached first, so it stays readable whatever the factory's
    # expire_on_commit says.
    session.flush()
    session.expunge(job)
    return job


def backoff(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min... up to 1 h."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


def stats(session: Session) -> dict[str, int]:
    """How many jobs are in each status (every status listed, even at zero)."""
    counts = dict(session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
    return {status: counts.get(status, 0) for status in STATUSES}


def failed(session: Session, limit: int = 20) -> list[Job]:
    """The most recently failed jobs, newest first."""
    query = select(Job).where(Job.status == FAILED).order_by(Job.finished_at.desc(), Job.id.desc())
    return list(session.scalars(query.limit(limit)))


def retry_failed(session: Session, ids: list[int] | None = None) -> list[int]:
    """Put failed jobs (all, or those of `ids`) back in the queue with fresh attempts."""
    query = update(Job).where(Job.status == FAILED)
    if ids is not None:
        query = query.where(Job.id.in_(ids))
    values = dict(status=PENDING, attempts=0, run_after=utcnow(), finished_at=None, locked_until=None)
    query = query.values(**values).returning(Job.id)
    return sorted(session.scalars(query, execution_options={"synchronize_session": False}))


def purge_done(session: Session, older_than: timedelta) -> int:
    """Delete the jobs finished successfully more than `older_than` ago; returns how many."""
    query = delete(Job).where(Job.status == DONE, Job.finished_at < utcnow() - older_than)
    return rowcount(session.execute(query, execution_options={"synchronize_session": False}))
