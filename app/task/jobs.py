"""The worker's periodic run of the task board: expired claims go back to the board, and the catalog's needs
are proposed as tasks (and tasks whose need has gone are closed); then it schedules the next run."""

from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from app.clock import utcnow
from app.job import service as job_service
from app.job.registry import JobContext, handler
from app.task import claims, proposals

HOUSEKEEPING_JOB = "task.housekeeping"
EVERY_MINUTES = 15


def housekeeping(session: Session) -> proposals.Outcome:
    """Return expired claims to the board and propose the catalog's needs."""
    claims.expire(session)
    return proposals.run(session)


def schedule(session: Session, minutes: int = EVERY_MINUTES, *, now: datetime | None = None) -> None:
    """Have the worker run the board's housekeeping in `minutes` (one pending run at a time)."""
    run_after = (now or utcnow()) + timedelta(minutes=minutes)
    job_service.enqueue(session, HOUSEKEEPING_JOB, {}, key=HOUSEKEEPING_JOB, run_after=run_after)


def at_worker_start(session_factory: sessionmaker[Session], *, periodic: bool = True) -> None:
    """Schedule the periodic run when a worker starts (not for a worker that only drains the queue)."""
    if periodic:
        with session_factory() as session:
            schedule(session)
            session.commit()


@handler(HOUSEKEEPING_JOB)
def run_housekeeping(session: Session, context: JobContext, payload: dict) -> None:
    """One run, then the next in EVERY_MINUTES."""
    housekeeping(session)
    schedule(session)
