"""Trainees and their approved tasks, for the portfolio's tests and the permission harness."""

from datetime import timedelta
from itertools import count

from app.clock import utcnow
from app.task.models import APPROVED, Task, TaskTime
from tests.factories import make_user

_seq = count(1)


def make_approved(session, profile, task_type, *, reviewer=None, minutes=None, **fields) -> Task:
    """An approved task of `task_type` done by the trainee, reviewed by `reviewer`, with `minutes` logged."""
    reviewer = reviewer or make_user(session, role="supervisor")
    now = utcnow()
    values = {"title": f"{task_type} {next(_seq)}", "state": APPROVED, "approved_at": now, "reviewed_at": now} | fields
    task = Task(type=task_type, claimed_by_id=profile.user_id, reviewed_by_id=reviewer.id, **values)
    session.add(task)
    session.flush()
    if minutes is not None:
        started = now - timedelta(hours=1)
        session.add(
            TaskTime(
                task_id=task.id, user_id=profile.user_id, profile_id=profile.id, started_at=started, minutes=minutes
            )
        )
        session.flush()
    return task
