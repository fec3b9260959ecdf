"""Trainees and their approved tasks, for the portfolio's tests and the permission harness."""

import secrets
from datetime import date, timedelta
from itertools import count

from app.clock import utcnow
from app.task.models import APPROVED, Task, TaskTime
from app.trainee.models import Cohort, TraineeProfile
from tests.factories import make_user

_seq = count(1)


def make_cohort(session, **fields) -> Cohort:
    n = next(_seq)
    values = {"slug": f"cohorte-{n}", "name": f"Cohorte {n}", "starts_on": date(2026, 1, 5), "funders": []} | fields
    cohort = Cohort(**values)
    session.add(cohort)
    session.flush()
    return cohort


def make_trainee(session, user=None, **fields) -> TraineeProfile:
    """A trainee profile (a new curator account unless `user` is given) in a new cohort."""
    user = user or make_user(session, role="curator")
    cohort = fields.pop("cohort", None) or make_cohort(session)
    values = {"starts_on": date(2026, 1, 5), "portfolio_key": secrets.token_urlsafe(16), "public_choices": {}} | fields
    profile = TraineeProfile(user_id=user.id, cohort_id=cohort.id, **values)
    session.add(profile)
    session.flush()
    return profile


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
