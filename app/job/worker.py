"""Running jobs: one (`run_once`), in a loop (`run`), or in threads inside another process.

A handler runs in its own transaction, which also marks its job done: the job is done if and only
if the handler's writes are committed. A handler must therefore neither commit nor roll back, and
whatever it does outside the database (files) must be safe to do twice, since a worker that dies
before its commit leaves the job to be run again once its lease expires.

The job's row is locked when the handler first uses its session, and on SQLite that takes the
database's write lock until the commit, so that other writers wait: a handler with slow work on
files should do it before its first query (take what it needs from the payload).
"""

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from app.job import registry
from app.job import service as job_service
from app.job.models import DONE, PENDING, Job
from app.job.registry import JobContext

logger = logging.getLogger(__name__)

LOST = "lost"
MAX_ERROR_CHARS = 10_000


@dataclass(frozen=True)
class Outcome:
    """What became of one claimed job."""

    job_id: int
    kind: str
    worker_id: str
    # done; pending (will be retried at run_after); failed; lost (another worker took it over)
    status: str
    attempts: int
    max_attempts: int
    seconds: float
    error: str | None = None
    run_after: datetime | None = None


Report = Callable[[Outcome], None]


def run_once(
    session_factory: sessionmaker[Session],
    context: JobContext,
    *,
    worker_id: str,
    lease: timedelta = job_service.DEFAULT_LEASE,
    report: Report | None = None,
) -> bool:
    """Claim one due job and run it; False when no job was due."""
    job = job_service.claim(session_factory, worker_id=worker_id, lease=lease)
    if job is None:
        return False
    started = time.monotonic()
    status, error, run_after = _execute(session_factory, context, job)
    outcome = Outcome(
        job.id,
        job.kind,
        worker_id,
        status,
        job.attempts,
        job.max_attempts,
        time.monotonic() - started,
        error,
        run_after,
    )
    logger.info("worker %s: job %s (%s) %s", worker_id, job.id, job.kind, status)
    if report is not None:
        report(outcome)
    return True


class LeaseLost(Exception):
    """Another worker took the job over: this attempt must change nothing."""


def _execute(
    session_factory: sessionmaker[Session], context: JobContext, job: Job
) -> tuple[str, str | None, datetime | None]:
    try:
        handler = registry.get(job.kind)
        with session_factory() as session:
            _hold_when_first_used(session, job)
            handler(session, context, dict(job.payload))
            if not job_service.mark_done(session, job.id, job.attempts):
                raise LeaseLost(f"job {job.id} was taken over during attempt {job.attempts}")
            session.commit()
        return DONE, None, None
    except LeaseLost:
        return LOST, None, None
    except Exception as exc:
        error = _describe(exc)
        failed = job_service.fail(session_factory, job.id, error, attempt=job.attempts)
        if failed is None:
            return LOST, error, None
        return failed.status, error, failed.run_after if failed.status == PENDING else None


def _hold_when_first_used(session: Session, job: Job) -> None:
    # The job's row is locked (and SQLite's write lock taken) when the handler first uses its
    # session, not before: work it does before that, on files, holds up no other writer.
    def hold(_session: Session, _transaction: SessionTransaction, connection: Connection) -> None:
        if not job_service.hold(connection, job.id, job.attempts):
            raise LeaseLost(f"job {job.id} was taken over before attempt {job.attempts} began")

    event.listen(session, "after_begin", hold)


def _describe(exc: Exception) -> str:
    """A failure as stored in `last_error`: a one-line summary, then the traceback."""
    summary = f"{type(exc).__name__}: {exc}".splitlines()[0]
    details = "".join(traceback.format_exception(exc))
    return f"{summary}\n\n{details[-MAX_ERROR_CHARS:]}"


def run(
    session_factory: sessionmaker[Session],
    context: JobContext,
    *,
    stop: threading.Event,
    poll_interval: float = 1.0,
    worker_id: str | None = None,
    wake: threading.Event | None = None,
    drain: bool = False,
    report: Report | None = None,
) -> int:
    """Run jobs until `stop` is set, or with `drain` until none is due; returns the errors survived."""
    registry.load_handlers()
    worker_id = worker_id or default_worker_id()
    errors = 0
    while not stop.is_set():
        try:
            ran = run_once(session_factory, context, worker_id=worker_id, report=report)
        except Exception:
            # The database may be unreachable or busy for a moment: the jobs wait in it.
            logger.exception("worker %s: could not claim or record a job", worker_id)
            errors, ran = errors + 1, False
        if ran:
            continue
        if drain:
            # Nothing due, or the database failing: either way a drain ends here, not in a retry loop.
            return errors
        _sleep(stop, wake, poll_interval)
    return errors


def _sleep(stop: threading.Event, wake: threading.Event | None, seconds: float) -> None:
    if wake is None:
        stop.wait(seconds)
    elif wake.wait(seconds):
        wake.clear()


def default_worker_id() -> str:
    """host:pid, to tell workers apart in logs."""
    return f"{socket.gethostname()}:{os.getpid()}"


class BackgroundWorker:
    """Worker threads inside another process: the web app, or `museum worker`."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        context: JobContext,
        threads: int = 1,
        *,
        poll_interval: float = 1.0,
        drain: bool = False,
        report: Report | None = None,
    ) -> None:
        self.session_factory, self.context, self.threads = session_factory, context, threads
        self.poll_interval, self.drain, self.report = poll_interval, drain, report
        self._stop = threading.Event()
        # One wake event per thread: with a shared one, a thread clearing it could swallow the
        # signal before another thread, busy at that moment, went back to sleep.
        self._wakes: list[threading.Event] = []
        self._threads: list[threading.Thread] = []
        self._errors: list[int] = []

    def start(self) -> None:
        """Start the threads (handler modules are imported first, so an import error shows here)."""
        registry.load_handlers()
        for number in range(1, self.threads + 1):
            wake = threading.Event()
            thread = threading.Thread(
                target=self._run,
                args=(f"{default_worker_id()}/{number}", wake),
                name=f"job-worker-{number}",
                daemon=True,
            )
            self._wakes.append(wake)
            self._threads.append(thread)
            thread.start()

    def _run(self, worker_id: str, wake: threading.Event) -> None:
        self._errors.append(
            run(
                self.session_factory,
                self.context,
                stop=self._stop,
                poll_interval=self.poll_interval,
                worker_id=worker_id,
                wake=wake,
                drain=self.drain,
                report=self.report,
            )
        )

    @property
    def errors(self) -> int:
        """How many times the finished threads failed to claim or record a job (see the log)."""
        return sum(self._errors)

    def wake(self) -> None:
        """Look for due jobs now instead of at the end of the poll interval."""
        for wake in self._wakes:
            wake.set()

    def wake_after_commit(self, session: Session) -> None:
        """Wake the worker once `session` commits (a job enqueued before is then visible)."""
        event.listen(session, "after_commit", lambda _session: self.wake(), once=True)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the threads to end (after `stop`, or after a drain); True when they all did."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in self._threads)

    def stop(self, timeout: float | None = None) -> bool:
        """Let each thread finish its current job and end; True when they all did within `timeout`."""
        self._stop.set()
        self.wake()
        return self.join(timeout)
