"""Redactions make the recordings again with silence; seals open by themselves on their date."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.cli import main
from app.interview import access, redaction, sealing, snapshot
from app.interview.hidden import NO_END
from app.interview.hidden import ranges as hidden_ranges
from app.interview.models import IndexSegment, Interview
from app.job import registry
from app.job.models import PENDING, Job
from app.media import service as media_service
from tests.factories import form, login, make_user, run_jobs
from tests.interview.factories import add_segment, make_interview

MEDIA = Path(__file__).parents[1] / "fixtures" / "media"
TODAY = date.today()


@pytest.mark.parametrize(
    "text, seconds",
    [("754", 754.0), ("12:34", 754.0), ("1:02:03", 3723.0), ("0:05.5", 5.5), (" 3:00 ", 180.0), ("12.25", 12.25)],
)
def test_times_are_read_as_minutes_and_seconds_or_seconds(text, seconds):
    assert redaction.parse_time(text) == seconds


@pytest.mark.parametrize("text", ["", "douze", "1:75", "-3", "1:2:3:4", "12:34:"])
def test_other_times_are_refused(text):
    assert redaction.parse_time(text) is None


@pytest.fixture
def recorded(session, settings):
    item = make_interview(session, cues=("Bonjour", "Le nom du contremaître", "Au revoir"))
    media = media_service.attach(session, item, MEDIA / "sound.m4a", settings, background=False)
    session.flush()
    return item, media


def test_a_redaction_from_the_workspace_silences_the_recording_made_again(client, session, settings, recorded):
    item, media = recorded
    login(client, make_user(session, role="supervisor"))
    response = client.post(
        f"/workspace/items/{item.identifier}/access/redactions",
        data=form(client, start="0:01", end="2.5", reason="Un nom de famille"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    job = session.scalar(select(Job).where(Job.kind == media_service.RECORDING_JOB, Job.status == PENDING))
    assert job.payload["silence"] == [[1.0, 2.5]] and media.derivatives_status == "pending"
    hidden = hidden_ranges(session, item.id, TODAY)
    assert not redaction.copy_is_current(settings, media, hidden)  # nothing served before the job is done
    run_jobs(session, settings)
    session.refresh(media)
    made = json.loads((media_service.derivative_dir(settings, media.sha256) / "recording.json").read_text())
    assert made["silenced"] == [[1.0, 2.5]] and redaction.copy_is_current(settings, media, hidden)
    assert session.scalar(select(AuditEvent.details).where(AuditEvent.action == "interview.redaction")) == {
        "start": 1.0,
        "end": 2.5,
    }


def test_a_copy_made_before_a_new_redaction_is_not_current(session, settings, recorded):
    item, media = recorded
    redaction.add(session, item, 1, 2, "", today=TODAY)
    run_jobs(session, settings)
    session.refresh(media)
    redaction.add(session, item, 3, 4, "", today=TODAY)
    assert not redaction.copy_is_current(settings, media, hidden_ranges(session, item.id, TODAY))
    media.derivatives_status = "ready"  # as if the row were ready but the file on disk the old one
    assert not redaction.copy_is_current(settings, media, hidden_ranges(session, item.id, TODAY))


@pytest.mark.parametrize("start, end, field", [("5", "4", "end"), ("soon", "4", "start"), ("1", "", "end")])
def test_a_wrong_redaction_comes_back_with_its_message(client, session, recorded, start, end, field):
    item, _media = recorded
    login(client, make_user(session, role="supervisor"))
    response = client.post(
        f"/workspace/items/{item.identifier}/access/redactions", data=form(client, start=start, end=end)
    )
    assert response.status_code == 422 and f'id="f-{field}-error"' in response.text
    assert hidden_ranges(session, item.id, TODAY) == []


def test_removing_a_redaction_gives_the_passage_back(client, session, settings, recorded):
    item, media = recorded
    kept = redaction.add(session, item, 10, 20, "", today=TODAY)
    login(client, make_user(session, role="supervisor"))
    url = f"/workspace/items/{item.identifier}/access/redactions/{kept.id}/delete"
    assert client.post(url, data=form(client), follow_redirects=False).status_code == 303
    assert hidden_ranges(session, item.id, TODAY) == []
    assert client.post(url, data=form(client)).status_code == 404
    job = session.scalar(select(Job).where(Job.kind == media_service.RECORDING_JOB, Job.status == PENDING))
    assert job.payload["silence"] == []


def test_a_closed_index_segment_is_hidden_and_silenced_to_the_end_when_it_has_no_end(session, settings, recorded):
    item, _media = recorded
    add_segment(session, item, "Fin", "Ce qui suit", 40, 60, access="withdrawn")
    session.add(IndexSegment(item_id=item.id, position=1, start_seconds=90, end_seconds=None, language="fr", title="x"))
    session.flush()
    session.scalars(select(IndexSegment).where(IndexSegment.start_seconds == 90)).one().access = "on_request"
    redaction.hidden_changed(session, item, TODAY)
    job = session.scalar(select(Job).where(Job.kind == media_service.RECORDING_JOB, Job.status == PENDING))
    assert job.payload["silence"] == [[40.0, 60.0], [90.0, NO_END]]


def test_seals_whose_date_has_come_open_with_an_audit_entry(session):
    due = make_interview(session, "sealed", sealed_until=TODAY - timedelta(days=1))
    later = make_interview(session, "sealed", sealed_until=TODAY + timedelta(days=1))
    segment_item = make_interview(session)
    add_segment(session, segment_item, "Scellé", "…", 0, 10, access="sealed", sealed_until=TODAY)
    opened = sealing.open_sealed(session, TODAY)
    assert sorted(opened) == sorted([due.identifier, segment_item.identifier])
    assert session.get(Interview, due.id).access == "public" and session.get(Interview, later.id).access == "sealed"
    segment = session.scalars(select(IndexSegment).where(IndexSegment.item_id == segment_item.id)).one()
    assert access.segment_is_public(segment, TODAY) and segment.sealed_until is None
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "interview.opened")).all()
    assert {event.target_label for event in events} == {due.identifier, segment_item.identifier}
    assert sealing.open_sealed(session, TODAY) == []


def test_the_periodic_job_opens_seals_and_comes_back(session, settings):
    due = make_interview(session, "sealed", sealed_until=TODAY)
    sealing.schedule(session, 0)
    sealing.schedule(session, 0)  # a second worker starting: still one run waiting
    (job,) = session.scalars(select(Job).where(Job.kind == sealing.OPEN_JOB)).all()
    job.status = "running"  # claimed by the worker, which then calls the handler
    registry.load_handlers()
    registry.get(sealing.OPEN_JOB)(session, registry.JobContext.from_settings(settings), {})
    assert session.get(Interview, due.id).access == "public"
    again = session.scalar(select(Job).where(Job.kind == sealing.OPEN_JOB, Job.status == PENDING))
    assert again.run_after > job.run_after + timedelta(minutes=settings.sealed_check_minutes - 1)


def test_the_command_opens_what_is_due(fresh_env):
    result = CliRunner().invoke(main, ["interviews", "open-sealed"])
    assert result.exit_code == 0, result.output
    assert "0 interview(s) opened" in result.output


def test_restoring_a_version_that_closes_a_segment_again_makes_the_recording_silent_there(session, settings, recorded):
    item, _media = recorded
    add_segment(session, item, "Le contremaître", "Son nom", 40, 60, access="withdrawn")
    session.flush()
    segment = session.scalars(select(IndexSegment).where(IndexSegment.item_id == item.id)).one()
    saved = {"cues": snapshot.take_cues(item), "index": snapshot.take_segments(item)}
    segment.access = "public"
    redaction.hidden_changed(session, item, TODAY)
    run_jobs(session, settings)
    assert hidden_ranges(session, item.id, TODAY) == []

    snapshot.restore(session, item, saved)
    assert hidden_ranges(session, item.id, TODAY) == [access.Range(40.0, 60.0)]
    job = session.scalar(select(Job).where(Job.kind == media_service.RECORDING_JOB, Job.status == PENDING))
    assert job.payload["silence"] == [[40.0, 60.0]]
    run_jobs(session, settings)
    snapshot.restore(session, item, saved)  # the same ranges: nothing to make again
    assert session.scalar(select(Job).where(Job.kind == media_service.RECORDING_JOB, Job.status == PENDING)) is None
