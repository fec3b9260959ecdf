"""Automatic proposals: the catalog's needs become tasks (one live task per need), and a task whose need has gone
is closed; `museum tasks propose | expire | list`."""

from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli import main
from app.clock import utcnow
from app.contribution.models import APPROVED as CONTRIBUTION_APPROVED
from app.db import make_engine
from app.interview.models import Cue, Interview
from app.media.models import Media
from app.task import claims, proposals
from app.task.models import AUTOMATIC, CLAIMED, CLOSED, OPEN, Task
from tests.contribution.factories import make_contribution
from tests.factories import make_item
from tests.task.conftest import make_task


def image(session, item, **fields) -> Media:
    values = {
        "item": item,
        "media_type": "image",
        "mime_type": "image/jpeg",
        "sha256": "ab" * 32,
        "original_path": "originals/ab/ab/x.jpg",
        "size_bytes": 10,
    } | fields
    media = Media(**values)
    session.add(media)
    session.flush()
    return media


def tasks_for(session, key: str) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.need_key == key)))


def test_an_image_without_alt_text_gets_one_task_that_closes_once_written(session):
    item = make_item(session, titles={"fr": "Cité", "de": "Siedlung"})
    media = image(session, item)
    described = image(session, item, position=1, alt_texts={"fr": "Une rue de la cité"})
    proposals.run(session)
    proposals.run(session)  # a second run adds nothing
    [task] = tasks_for(session, f"alt_text:media:{media.id}")
    assert (task.type, task.origin, task.target_kind, task.target_id, task.state) == (
        "describe_image",
        AUTOMATIC,
        "media",
        media.id,
        OPEN,
    )
    assert tasks_for(session, f"alt_text:media:{described.id}") == []
    media.alt_texts = {"de": "Eine Straße der Siedlung"}
    session.flush()
    outcome = proposals.run(session)
    assert outcome.closed == 1
    assert (task.state, task.result_kind) == (CLOSED, proposals.NEED_MET) and task.closed_at is not None
    media.alt_texts = {}
    session.flush()
    proposals.run(session)  # the need came back: a new task
    assert sorted(t.state for t in tasks_for(session, f"alt_text:media:{media.id}")) == [CLOSED, OPEN]


def test_a_task_someone_is_working_on_is_not_closed_under_them(session, trainee):
    item = make_item(session, titles={"fr": "Usine"})
    proposals.run(session)
    [task] = tasks_for(session, f"title_de:item:{item.id}")
    assert (task.type, task.language) == ("translate", "de")
    claims.claim(session, task.id, trainee, 30)
    item.titles = {"fr": "Usine", "de": "Fabrik"}
    session.flush()
    proposals.run(session)
    assert task.state == CLAIMED
    task.claim_expires_at = utcnow() - timedelta(minutes=1)  # the claim ran out
    session.flush()
    proposals.run(session)
    assert task.state == CLOSED


def test_interview_windows_without_cues_become_transcription_tasks(session):
    item = make_item(session, kind="interview", titles={"fr": "Entretien", "de": "Gespräch"}, duration_seconds=1000)
    session.add(Interview(item_id=item.id, languages=["fr"]))
    for n, start in enumerate((0, 100, 320, 950)):
        session.add(
            Cue(item_id=item.id, position=n, start_seconds=start, end_seconds=start + 30, language="fr", text="…")
        )
    session.flush()
    proposals.run(session)
    made = session.scalars(select(Task).where(Task.type == "transcribe", Task.target_id == item.id)).all()
    assert sorted((t.start_seconds, t.end_seconds) for t in made) == [(600, 900)]
    session.add(Cue(item_id=item.id, position=9, start_seconds=640, end_seconds=700, language="fr", text="…"))
    session.flush()
    proposals.run(session)
    assert made[0].state == CLOSED


def test_a_pending_contribution_is_to_be_checked_until_it_is_decided(session, settings):
    contribution, _token = make_contribution(session, settings)
    proposals.run(session)
    [task] = tasks_for(session, f"contribution:contribution:{contribution.id}")
    assert task.type == "check_contribution"
    contribution.status = CONTRIBUTION_APPROVED
    session.flush()
    proposals.run(session)
    assert task.state == CLOSED


def test_a_withdrawn_task_is_not_proposed_again(session):
    item = make_item(session, titles={"fr": "Église"})
    task = make_task(session, need_key=f"title_de:item:{item.id}", state=CLOSED, origin=AUTOMATIC)
    proposals.run(session)
    assert tasks_for(session, f"title_de:item:{item.id}") == [task]


def test_proposals_are_capped_per_kind_and_run(session):
    for n in range(7):
        make_item(session, titles={"fr": f"Maison {n}"})
    outcome = proposals.run(session, cap=3)
    assert outcome.created[proposals.TITLE] == 3


def test_commands_propose_expire_and_list(fresh_env):
    engine = make_engine(f"sqlite:///{fresh_env / 'museum.db'}")
    with Session(engine) as session:
        make_item(session, identifier="T-CLI", titles={"fr": "La mairie"})
        session.commit()
    runner = CliRunner()
    proposed = runner.invoke(main, ["tasks", "propose"])
    assert proposed.exit_code == 0, proposed.output
    assert "title_de 1" in proposed.output
    with Session(engine) as session:
        task = session.scalar(select(Task).where(Task.type == "translate"))
        task.state, task.claim_expires_at = CLAIMED, utcnow() - timedelta(minutes=5)
        session.commit()
    expired = runner.invoke(main, ["tasks", "expire"])
    assert expired.exit_code == 0 and "1 expired" in expired.output
    listed = runner.invoke(main, ["tasks", "list", "--state", "open"])
    assert listed.exit_code == 0 and "translate\tT-CLI" in listed.output
    assert runner.invoke(main, ["tasks", "list", "--state", "bogus"]).exit_code != 0
    engine.dispose()
