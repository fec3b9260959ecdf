"""Helpers for the job tests: enqueue and read jobs in committed transactions, move the clock."""

import time
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.job import service as job_service
from app.job.models import Job
from tests.job.handlers import effects


def enqueue(session_factory: sessionmaker[Session], kind: str, payload: dict | None = None, **options) -> int:
    """Enqueue and commit one job; returns its id."""
    with session_factory.begin() as session:
        return job_service.enqueue(session, kind, payload or {}, **options).id


def load(session_factory: sessionmaker[Session], job_id: int) -> Job:
    with session_factory() as session:
        return session.get(Job, job_id)


def effect_counts(session_factory: sessionmaker[Session]) -> dict[int, int]:
    """How many times each `n` was recorded by a committed handler."""
    with session_factory() as session:
        return dict(session.execute(select(effects.c.n, func.count()).group_by(effects.c.n)).all())


def advance_clock(session_factory: sessionmaker[Session], delta: timedelta) -> None:
    """Let `delta` pass for the queue: backoffs and leases end that much sooner."""
    with session_factory.begin() as session:
        for job in session.scalars(select(Job)):
            job.run_after -= delta
            if job.locked_until is not None:
                job.locked_until -= delta


def wait_until(condition, timeout: float = 5.0) -> float:
    """Seconds it took `condition()` to become true; fails the test after `timeout`."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, "condition not met in time"
        time.sleep(0.01)
    return time.monotonic() - started
