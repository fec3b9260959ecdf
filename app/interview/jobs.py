"""The worker's periodic run that opens sealed interviews on their date, and schedules the next one."""

from datetime import date

from sqlalchemy.orm import Session

from app.interview import sealing
from app.job.registry import JobContext, handler


@handler(sealing.OPEN_JOB)
def open_sealed(session: Session, context: JobContext, payload: dict) -> None:
    """Open what is due today, then come back in `sealed_check_minutes`."""
    sealing.open_sealed(session, date.today())
    sealing.schedule(session, context.settings.sealed_check_minutes)
