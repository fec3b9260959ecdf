"""Importing interviews: no publishing without the speakers' consent, access levels kept, redactions left out."""

from datetime import date

from sqlalchemy import select

from app.audit.models import AuditEvent
from app.interview.models import Cue, Interview, Redaction
from app.item.models import Item
from app.transfer.exporter import export_file
from tests.transfer.conftest import write_csv, write_jsonl

INTERVIEW = {"identifier": "INT-7", "kind": "interview", "title": "Entretien avec Giovanna", "language": "fr"}
CONSENT = {"consent_minute": "3", "consent_note": "Giovanna accepte la publication en ligne"}


def _interview(session, identifier: str) -> Interview | None:
    session.expire_all()
    item = session.scalars(select(Item).where(Item.identifier == identifier)).one()
    return session.get(Interview, item.id)


def test_a_published_interview_without_consent_is_rejected_and_the_other_rows_are_kept(tmp_path, run_import, session):
    rows = [INTERVIEW, {"identifier": "B1", "kind": "building", "title": "Église Sainte-Barbe"}]
    report = run_import(write_csv(tmp_path / "items.csv", rows))
    assert report.created == 1
    [error] = report.rejected
    assert (error.row, error.identifier) == (2, "INT-7")
    assert "consent" in error.message and "consent_minute" in error.message and '"draft"' in error.message
    assert session.scalars(select(Item.identifier)).all() == ["B1"]


def test_an_interview_is_imported_as_a_draft_or_published_with_its_oral_consent(tmp_path, run_import, session):
    assert run_import(write_csv(tmp_path / "draft.csv", [{**INTERVIEW, "status": "draft"}])).created == 1
    assert _interview(session, "INT-7") is None  # nothing said: the draft waits for its consent

    report = run_import(write_csv(tmp_path / "publish.csv", [{**INTERVIEW, "status": "published", **CONSENT}]))
    assert (report.updated, report.rejected) == (1, [])
    interview = _interview(session, "INT-7")
    assert (interview.consent_minute, interview.consent_note) == (3, CONSENT["consent_note"])
    events = session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("interview.%"))).all()
    assert events == ["interview.consent"]

    # Consent now on file: a later file may publish or update the interview without repeating it.
    again = run_import(write_csv(tmp_path / "again.csv", [{**INTERVIEW, "status": "published"}]))
    assert (again.unchanged, again.rejected) == (1, [])


def test_access_levels_are_imported_and_a_change_of_level_is_an_update(tmp_path, run_import, session):
    sealed = {**INTERVIEW, **CONSENT, "access": "sealed", "sealed_until": "2051-01-01"}
    assert run_import(write_jsonl(tmp_path / "items.jsonl", [sealed])).created == 1
    interview = _interview(session, "INT-7")
    assert (interview.access, interview.sealed_until) == ("sealed", date(2051, 1, 1))

    assert run_import(write_jsonl(tmp_path / "same.jsonl", [sealed])).unchanged == 1
    opened = run_import(write_jsonl(tmp_path / "open.jsonl", [{**sealed, "access": "on request", "sealed_until": ""}]))
    assert opened.updated == 1
    interview = _interview(session, "INT-7")
    assert (interview.access, interview.sealed_until) == ("on_request", None)
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.action == "interview.access")).all()
    assert len(actions) == 2


def test_wrong_interview_columns_reject_the_row_with_the_reason(tmp_path, run_import, session):
    rows = [
        {**INTERVIEW, **CONSENT, "identifier": "A", "access": "secret"},
        {**INTERVIEW, **CONSENT, "identifier": "B", "access": "sealed"},
        {**INTERVIEW, **CONSENT, "identifier": "C", "access": "sealed", "sealed_until": "2001-01-01"},
        {**INTERVIEW, "identifier": "D", "consent_minute": "4"},
        {**INTERVIEW, **CONSENT, "identifier": "E", "consent_minute": "quatre"},
        {"identifier": "F", "kind": "building", "title": "Mairie", "access": "withdrawn"},
    ]
    report = run_import(write_csv(tmp_path / "items.csv", rows))
    messages = {error.identifier: error.message for error in report.rejected}
    assert report.created == 0 and sorted(messages) == ["A", "B", "C", "D", "E", "F"]
    assert 'access "secret" is unknown' in messages["A"]
    assert "needs sealed_until" in messages["B"]
    assert "has passed" in messages["C"]
    assert "go together" in messages["D"]
    assert "not a whole number" in messages["E"]
    assert "only apply to interviews" in messages["F"]


def test_the_export_keeps_access_and_consent_and_leaves_redacted_passages_out(tmp_path, run_import, session, settings):
    (tmp_path / "t.txt").write_text("0.10\tBonjour.\n1.00\tLe nom du contremaître.\n2.00\tLa grève.\n")
    row = {**INTERVIEW, **CONSENT, "access": "on_request", "transcript": "t.txt"}
    assert run_import(write_csv(tmp_path / "items.csv", [row])).created == 1
    item = session.scalars(select(Item).where(Item.identifier == "INT-7")).one()
    cues = session.scalars(select(Cue).where(Cue.item_id == item.id).order_by(Cue.position)).all()
    assert [cue.text for cue in cues] == ["Bonjour.", "Le nom du contremaître.", "La grève."]
    for cue, end in zip(cues, (60, 120, 180), strict=True):
        cue.end_seconds = end
    session.add(Redaction(item_id=item.id, start_seconds=65, end_seconds=70, reason="a living person's name"))
    session.flush()

    out = tmp_path / "out" / "items.jsonl"
    export_file(session, out, settings)
    text = out.read_text(encoding="utf-8")
    assert '"access": "on_request"' in text and '"consent_minute": 3' in text
    transcript = (out.parent / "items.transcripts" / "INT-7.txt").read_text(encoding="utf-8")
    assert "Bonjour." in transcript and "La grève." in transcript
    assert "contremaître" not in transcript
