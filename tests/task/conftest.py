"""Task board fixtures: trainees with profiles in a cohort, a supervisor, tasks in a given state."""

from datetime import date

import pytest

from app.task.models import Task
from app.trainee.models import Cohort, TraineeProfile
from tests.factories import make_user


def make_cohort(session, slug: str = "villerupt-2026") -> Cohort:
    cohort = Cohort(slug=slug, name="Villerupt 2026", starts_on=date(2026, 9, 1), funders=["Région Grand Est"])
    session.add(cohort)
    session.flush()
    return cohort


def make_trainee(session, cohort: Cohort, name: str | None = None, languages=("fr",), weekly_hours: float = 35.0):
    user = make_user(session, name, role="curator")
    profile = TraineeProfile(
        user_id=user.id,
        cohort_id=cohort.id,
        starts_on=cohort.starts_on,
        weekly_hours=weekly_hours,
        languages=list(languages),
        portfolio_key=f"key-{user.id}-{name or 'x'}",
    )
    session.add(profile)
    session.flush()
    return user


def make_task(session, **fields) -> Task:
    values = {"type": "catalogue_item", "title": "Cataloguer la photo de l'usine"} | fields
    task = Task(**values)
    session.add(task)
    session.flush()
    return task


@pytest.fixture
def cohort(session):
    return make_cohort(session)


@pytest.fixture
def trainee(session, cohort):
    return make_trainee(session, cohort, "trainee-ana")


@pytest.fixture
def supervisor(session):
    return make_user(session, "supervisor-sam", role="supervisor")
