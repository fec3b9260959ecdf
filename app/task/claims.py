"""Claiming tasks: one conditional UPDATE decides who holds a task, so two trainees never do the same work.

A claim holds a task until `claim_expires_at`; past it the task counts as open (for the board and for a new
claim) before `expire` puts it back on the board for good.
"""

from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.clock import utcnow
from app.db import rowcount
from app.errors import DomainError
from app.i18n import gettext as _
from app.task.models import APPROVED, CLAIMED, OPEN, SENT_BACK, SUBMITTED, Task
from app.trainee.models import TraineeProfile

CANDIDATES = 5  # tasks tried, in order, when someone else takes the first one meanwhile


def claimable(now: datetime) -> ColumnElement[bool]:
    """Open tasks, and claimed ones whose claim has run out."""
    return or_(Task.state == OPEN, and_(Task.state == CLAIMED, Task.claim_expires_at < now))


def claim(session: Session, task_id: int, user, minutes: int, now: datetime | None = None) -> bool:
    """Take the task for `minutes` if nobody holds it; False when someone else got it first."""
    now = now or utcnow()
    statement = (
        update(Task)
        .where(Task.id == task_id, claimable(now))
        .values(state=CLAIMED, claimed_by_id=user.id, claimed_at=now, claim_expires_at=now + timedelta(minutes=minutes))
        .execution_options(synchronize_session=False)
    )
    won = rowcount(session.execute(statement)) == 1
    _refresh(session, task_id)
    return won


def renew(session: Session, task: Task, user, minutes: int, now: datetime | None = None) -> None:
    """Hold the task `minutes` longer from now: only its holder, only while the claim lasts."""
    now = now or utcnow()
    statement = (
        update(Task)
        .where(Task.id == task.id, Task.state == CLAIMED, Task.claimed_by_id == user.id, Task.claim_expires_at >= now)
        .values(claim_expires_at=now + timedelta(minutes=minutes))
        .execution_options(synchronize_session=False)
    )
    if rowcount(session.execute(statement)) != 1:
        raise DomainError(_("Only the trainee holding this task can renew the claim, while it lasts."), status=409)
    _refresh(session, task.id)


def release(session: Session, task: Task, user) -> None:
    """Put the task back on the board: only its holder."""
    statement = (
        update(Task)
        .where(Task.id == task.id, Task.state == CLAIMED, Task.claimed_by_id == user.id)
        .values(state=OPEN, claimed_by_id=None, claimed_at=None, claim_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    if rowcount(session.execute(statement)) != 1:
        raise DomainError(_("You do not hold this task."), status=409)
    _refresh(session, task.id)


def expire(session: Session, now: datetime | None = None) -> int:
    """Put every task whose claim ran out back on the board; how many."""
    statement = (
        update(Task)
        .where(Task.state == CLAIMED, Task.claim_expires_at < (now or utcnow()))
        .values(state=OPEN, claimed_by_id=None, claimed_at=None, claim_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    count = rowcount(session.execute(statement))
    if count:
        session.expire_all()
    return count


def next_task(session: Session, user, minutes: int, now: datetime | None = None) -> Task | None:
    """Claim the next task this trainee can do (easiest, then oldest first); None when there is none."""
    now = now or utcnow()
    for _attempt in range(3):
        ids = session.scalars(_candidates(session, user, now).limit(CANDIDATES)).all()
        if not ids:
            return None
        for task_id in ids:
            if claim(session, task_id, user, minutes, now):
                return session.get(Task, task_id)
    return None


def _candidates(session: Session, user, now: datetime):
    query = select(Task.id).where(claimable(now)).order_by(Task.difficulty, Task.created_at, Task.id)
    languages = session.scalar(select(TraineeProfile.languages).where(TraineeProfile.user_id == user.id))
    if languages:
        query = query.where(or_(Task.language.is_(None), Task.language.in_(languages)))
    done = select(Task.need_key).where(
        Task.claimed_by_id == user.id, Task.state.in_((SUBMITTED, APPROVED, SENT_BACK)), Task.need_key.is_not(None)
    )
    return query.where(or_(Task.need_key.is_(None), Task.need_key.not_in(done)))


def _refresh(session: Session, task_id: int) -> None:
    """Load the task again: the UPDATE went past the session's copy."""
    session.get(Task, task_id, populate_existing=True)
