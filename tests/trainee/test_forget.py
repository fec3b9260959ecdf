"""Forgetting a trainee on request (`museum trainees forget NAME`): personal data and the account erased, the
anonymous counts (hours, tasks, the outcome's category) kept; and the other `museum trainees`/`cohorts` commands."""

from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.account import passwords, resets
from app.account import service as account_service
from app.account.models import ApiToken, LoginSession, PasswordReset, User
from app.audit.models import AuditEvent
from app.cli import main
from app.db import make_engine
from app.task.models import APPROVED, Task, TaskTime
from app.trainee import service as trainee_service
from app.trainee.models import TraineeProfile
from tests.factories import api_token, form, make_user
from tests.trainee.factories import make_cohort, make_trainee

PASSWORD = "a trainee's long password"
PERSONAL = dict(
    public_name="Nadia B.",
    origin="LU",
    gender="woman",
    outcome="job",
    outcome_on=date(2026, 12, 1),
    outcome_note="Embauchée chez Ternium",
    languages=["fr", "lb"],
    public_choices={"page": True},
)


def trainee_with_work(session, settings) -> TraineeProfile:
    user = make_user(session, "nadia", role="curator", email="nadia@example.org", password=PASSWORD)
    profile = make_trainee(session, user=user, cohort=make_cohort(session, slug="promo"), **PERSONAL)
    task = Task(type="catalogue_item", state=APPROVED, title="Cataloguer", claimed_by_id=user.id)
    session.add(task)
    session.flush()
    session.add_all(
        [
            TaskTime(task_id=task.id, user_id=user.id, profile_id=profile.id, minutes=90),
            TaskTime(task_id=task.id, user_id=user.id, profile_id=None, minutes=30),
        ]
    )
    api_token(session, user)
    resets.create(session, user, settings)
    session.flush()
    return profile


def test_forget_erases_the_personal_fields_and_the_account_but_keeps_the_counts(session, settings):
    profile = trainee_with_work(session, settings)
    user_id = profile.user_id
    trainee_service.forget(session, profile)
    session.expire_all()
    profile = session.get(TraineeProfile, profile.id)
    assert profile.user_id is None and profile.forgotten_at is not None
    assert (profile.public_name, profile.origin, profile.gender, profile.outcome_on, profile.outcome_note) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert (profile.languages, profile.public_choices, profile.photo_path) == ([], {}, None)
    assert profile.outcome == "job"  # the anonymous count of exit outcomes
    user = session.get(User, user_id)
    assert (user.name, user.email, user.active) == (f"forgotten-{profile.id}", None, False)
    assert "nadia" not in user.display_name.lower() and str(profile.id) in user.display_name
    assert not passwords.verify(user.password_hash, PASSWORD)
    for model in (LoginSession, ApiToken, PasswordReset):
        assert session.scalar(select(func.count()).select_from(model).where(model.user_id == user_id)) == 0
    minutes = session.scalar(select(func.sum(TaskTime.minutes)).where(TaskTime.profile_id == profile.id))
    assert minutes == 120
    assert session.scalar(select(func.count()).select_from(Task).where(Task.state == APPROVED)) == 1
    assert trainee_service.active_trainees(session) == []
    labels = (
        session.scalars(select(AuditEvent.target_label)).all() + session.scalars(select(AuditEvent.actor_name)).all()
    )
    assert "nadia" not in labels
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "trainee.forget")).one()
    assert "nadia" not in str(event.details) and "Ternium" not in str(event.details)


def test_a_forgotten_trainee_can_no_longer_log_in(client, session, settings):
    profile = trainee_with_work(session, settings)
    credentials = {"name": "nadia", "password": PASSWORD}
    assert client.post("/login", data=form(client, **credentials), follow_redirects=False).status_code == 303
    assert client.get("/workspace/me/trainee").status_code == 200
    trainee_service.forget(session, profile)
    session.flush()
    assert client.get("/workspace/me/trainee", follow_redirects=False).status_code == 401
    client.cookies.clear()
    for name in ("nadia", f"forgotten-{profile.id}"):
        answer = client.post("/login", data=form(client, name=name, password=PASSWORD), follow_redirects=False)
        assert answer.status_code in (400, 401, 422), answer.status_code
    assert (
        account_service.authenticate(account_service.get_by_name(session, f"forgotten-{profile.id}"), PASSWORD) is None
    )


@pytest.fixture
def db(fresh_env):
    engine = make_engine(f"sqlite:///{fresh_env / 'museum.db'}")
    with Session(engine) as session:
        yield session
    engine.dispose()


def invoke(*args: str, exit_code: int = 0, input: str | None = None) -> str:
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exit_code == exit_code, result.output
    return result.output


def test_the_commands_list_and_forget_a_trainee(db, settings):
    trainee_with_work(db, settings)
    db.commit()
    listing = invoke("trainees", "list", "--cohort", "promo")
    assert "nadia" in listing and "promo" in listing and "1 trainees" in listing
    assert "Ternium" not in listing and "LU" not in listing and "nadia@example.org" not in listing
    assert "promo" in invoke("cohorts", "list")
    assert "Aborted" in invoke("trainees", "forget", "nadia", input="n\n", exit_code=1)
    assert invoke("trainees", "list").strip().endswith("1 trainees")
    output = invoke("trainees", "forget", "nadia", "--yes")
    assert "forgotten" in output and "Kept, anonymously" in output
    db.expire_all()
    profile = db.scalars(select(TraineeProfile)).one()
    assert profile.user_id is None and profile.outcome_note is None and profile.outcome == "job"
    assert db.scalar(select(User).where(User.name == "nadia")) is None
    assert "Ancien stagiaire" in db.scalar(select(User.display_name).where(User.name == f"forgotten-{profile.id}"))
    assert invoke("trainees", "list").strip().endswith("0 trainees")


def test_forgetting_an_unknown_name_is_a_clear_error(db):
    output = invoke("trainees", "forget", "nobody", "--yes", exit_code=1)
    assert "no trainee has the login name 'nobody'" in output
    assert "no cohort" in invoke("trainees", "list", "--cohort", "nope", exit_code=1)
