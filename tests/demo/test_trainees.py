"""The demo's cohort of example trainees: marked as examples, tasks in every state on the catalog's own records,
time logged and reviews, one public portfolio, and loading it twice creates nothing twice."""

from sqlalchemy import func, select

from app.account.models import User
from app.demo import trainees as demo_trainees
from app.media import service as media_service
from app.task.models import STATES, Task, TaskTime
from app.trainee.models import Cohort, TraineeProfile
from tests.account.routes import _image
from tests.factories import make_item


def catalog(session, settings) -> None:
    """A small published catalog: buildings, an image, an interview (what the demo's tasks work on)."""
    for n in range(8):
        make_item(session, title=f"Maison {n}")
    media_service.attach(session, make_item(session, kind="photograph"), _image(settings.media_dir.parent), settings)
    make_item(session, kind="interview", title="Souvenirs de la mine")
    session.flush()


def counts(session) -> tuple:
    return tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Cohort, User, TraineeProfile, Task, TaskTime)
    )


def test_the_demo_cohort_has_examples_and_tasks_in_every_state(session, settings):
    catalog(session, settings)
    assert demo_trainees.load_trainees(session) == 5
    cohort = session.scalars(select(Cohort)).one()
    assert cohort.name == "Promotion 2026 — Mémoire vive" and "Fonds social européen+" in cohort.funders
    profiles = session.scalars(select(TraineeProfile)).all()
    assert all(p.example and p.public_name.startswith("Exemple — ") for p in profiles)
    users = {u.id: u for u in session.scalars(select(User)).all()}
    assert all("(exemple)" in users[p.user_id].display_name and users[p.user_id].role == "curator" for p in profiles)
    assert sum(p.origin == "LU" for p in profiles) == 2
    assert {p.outcome for p in profiles} >= {"job", "training", None}
    assert [p.public_choices for p in profiles if p.public_choices] == [demo_trainees.PUBLIC_CHOICES]
    tasks = session.scalars(select(Task)).all()
    assert {task.state for task in tasks} == set(STATES)
    assert all(task.target_id is not None for task in tasks)
    reviewed = [task for task in tasks if task.state in ("approved", "sent_back")]
    assert reviewed and all(task.reviewed_by_id and task.review_comment for task in reviewed)
    assert all(users[task.reviewed_by_id].role == "supervisor" for task in reviewed)
    assert all(task.reviewed_by_id != task.claimed_by_id for task in reviewed)
    times = session.scalars(select(TaskTime)).all()
    by_user = {p.user_id: p.id for p in profiles}
    assert times and all(by_user[time.user_id] == time.profile_id and time.minutes for time in times)


def test_loading_the_demo_cohort_twice_creates_nothing_twice(session, settings):
    catalog(session, settings)
    demo_trainees.load_trainees(session)
    before = counts(session)
    assert demo_trainees.load_trainees(session) == 0
    assert counts(session) == before
