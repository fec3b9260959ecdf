"""Sealed interviews open by themselves on their date.

Pages are right at once (app/interview/access.py compares the seal with today); this writes it down:
the level becomes public, an audit entry says so, and the search index learns it through the outbox.
"""

from datetime import date, datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utcnow
from app.interview import access_service, redaction
from app.interview.models import PUBLIC, SEALED, IndexSegment, Interview
from app.item.models import Item
from app.job import service as job_service

OPEN_JOB = "interview.open-sealed"


def open_sealed(session: Session, today: date) -> list[str]:
    """Open every interview and index segment whose seal date has come; the identifiers of the items touched."""
    opened: list[str] = []
    for interview in session.scalars(_due(Interview, today)).all():
        item = session.get_one(Item, interview.item_id)
        details = {"sealed_until": interview.sealed_until.isoformat() if interview.sealed_until else None}
        interview.access, interview.sealed_until = PUBLIC, None
        access_service.changed(session, item, "interview.opened", details=details)
        opened.append(item.identifier)
    for segment in session.scalars(_due(IndexSegment, today)).all():
        item = session.get_one(Item, segment.item_id)
        details = {"segment": segment.id, "sealed_until": segment.sealed_until.isoformat()}
        segment.access, segment.sealed_until = PUBLIC, None
        access_service.changed(session, item, "interview.opened", details=details)
        redaction.hidden_changed(session, item, today)
        opened.append(item.identifier)
    return list(dict.fromkeys(opened))


def _due(model: type[Interview] | type[IndexSegment], today: date) -> Select:
    return select(model).where(model.access == SEALED, model.sealed_until.is_not(None), model.sealed_until <= today)


def schedule(session: Session, minutes: int, *, now: datetime | None = None) -> None:
    """Have the worker look for seals to open in `minutes` (one pending run at a time)."""
    run_after = (now or utcnow()) + timedelta(minutes=minutes)
    job_service.enqueue(session, OPEN_JOB, {}, key=OPEN_JOB, run_after=run_after)


def at_worker_start(session_factory: sessionmaker[Session], minutes: int, *, periodic: bool = True) -> None:
    """Open what is due now, and schedule the periodic run (a worker starting is when the schedule begins);
    a worker that only drains the queue (`--drain`, `--once`) leaves no run behind it."""
    with session_factory() as session:
        open_sealed(session, date.today())
        if periodic:
            schedule(session, minutes)
        session.commit()
