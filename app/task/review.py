"""Submitting work and reviewing it: someone other than the doer approves (always), or sends it back with a
comment; a trainee trusted with a task type is only reviewed on a random sample of their submissions."""

import random
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.db import rowcount
from app.errors import DomainError
from app.i18n import gettext as _
from app.task import evidence
from app.task.models import APPROVED, CLAIMED, SENT_BACK, SUBMITTED, Task, TaskTrust

TARGET_MEDIAN_DAYS = 7
COMMENT_LIMIT = 5000
Random = Callable[[], float]


@dataclass(frozen=True)
class Waiting:
    task: Task
    age_days: float


def submit(
    session: Session,
    task: Task,
    user,
    note: str,
    *,
    sample: float,
    result: tuple[str, int] | None = None,
    rng: Random = random.random,
    now: datetime | None = None,
) -> Task:
    """Hand in the work (only its doer, while holding it or once sent back); approved at once when the doer is
    trusted with the type and the submission is not drawn for review."""
    now = now or utcnow()
    holds = task.claimed_by_id == user.id and task.state in (CLAIMED, SENT_BACK)
    if not holds:
        raise DomainError(_("Only the trainee holding this task can submit it."), status=409)
    evidence.check_need_met(session, task)
    statement = (
        update(Task)
        .where(Task.id == task.id, Task.claimed_by_id == user.id, Task.state.in_((CLAIMED, SENT_BACK)))
        .values(state=SUBMITTED, submitted_at=now, claim_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    if rowcount(session.execute(statement)) != 1:
        raise DomainError(_("Only the trainee holding this task can submit it."), status=409)
    session.refresh(task)
    task.submission_note = note.strip()[:COMMENT_LIMIT]
    if result is not None:
        task.result_kind, task.result_id = result
    task.sampled = not trusted(session, user.id, task.type) or rng() < sample
    if not task.sampled:
        task.state, task.approved_at, task.reviewed_by_id = APPROVED, now, None
    session.flush()
    return task


def review(session: Session, task: Task, reviewer, approve: bool, comment: str, now: datetime | None = None) -> None:
    """Approve the work, or send it back to its doer with a comment: never by the person who did it."""
    if reviewer is None or reviewer.id == task.claimed_by_id:
        raise DomainError(_("You did this task: someone else must review it."), status=403)
    if task.state != SUBMITTED:
        raise DomainError(_("This task is not waiting for review."), status=409)
    comment = comment.strip()[:COMMENT_LIMIT]
    if not approve and not comment:
        raise DomainError(_("Say what is to be done again: a send-back needs a comment."), status=422)
    now = now or utcnow()
    task.reviewed_by_id, task.reviewed_at, task.review_comment = reviewer.id, now, comment
    task.state = APPROVED if approve else SENT_BACK
    task.approved_at = now if approve else None
    session.flush()


def queue(session: Session, now: datetime | None = None) -> list[Waiting]:
    """The submissions waiting for review, the oldest first, with their age in days."""
    now = now or utcnow()
    query = (
        select(Task)
        .where(Task.state == SUBMITTED)
        .options(selectinload(Task.claimed_by))
        .order_by(Task.submitted_at, Task.id)
    )
    return [Waiting(task, _days(now - (task.submitted_at or now))) for task in session.scalars(query)]


def median_age(waiting: list[Waiting]) -> float | None:
    """The median age in days of the queue (None when it is empty)."""
    return statistics.median(w.age_days for w in waiting) if waiting else None


def _days(delta) -> float:
    return round(delta.total_seconds() / 86400, 1)


def trusted(session: Session, user_id: int, task_type: str) -> bool:
    """Whether a supervisor trusts this user with this task type."""
    return session.get(TaskTrust, (user_id, task_type)) is not None


def trust(session: Session, user_id: int, task_type: str, supervisor) -> None:
    """Trust a trainee with a task type (again: nothing changes)."""
    if not trusted(session, user_id, task_type):
        session.add(TaskTrust(user_id=user_id, type=task_type, granted_by_id=supervisor.id))
        session.flush()


def distrust(session: Session, user_id: int, task_type: str) -> None:
    """Every submission of this type is reviewed again."""
    session.execute(delete(TaskTrust).where(TaskTrust.user_id == user_id, TaskTrust.type == task_type))


def trusts(session: Session) -> list[TaskTrust]:
    return list(session.scalars(select(TaskTrust).order_by(TaskTrust.user_id, TaskTrust.type)))
