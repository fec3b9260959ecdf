"""The workspace's "Access and consent" page: levels, seal dates, consent, the release form, and publishing."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.interview.models import Interview
from app.item.kinds import IN_REVIEW, PUBLISHED
from app.job.models import Job
from app.search.sync import INDEX_JOB
from tests.factories import form, login, logout, make_user
from tests.interview.factories import make_interview, upload_release_form
from tests.web.html import parse

MEDIA = Path(__file__).parents[1] / "fixtures" / "media"


@pytest.fixture
def supervisor(client, session):
    user = make_user(session, role="supervisor")
    login(client, user)
    return user


def _save(client, item, **fields):
    values = {"access": "public", "sealed_until": "", "languages": "fr", "consent_minute": "", "consent_note": ""}
    return client.post(
        f"/workspace/items/{item.identifier}/access", data=form(client, **(values | fields)), follow_redirects=False
    )


def test_sealing_an_interview_is_audited_reindexed_and_stamped(client, session, supervisor):
    item = make_interview(session)
    before = session.get(Interview, item.id).access_changed_at
    opens = (date.today() + timedelta(days=9000)).isoformat()
    response = _save(client, item, access="sealed", sealed_until=opens, languages="fr, it")
    assert response.status_code == 303 and response.headers["location"].endswith("done=saved")
    interview = session.get(Interview, item.id)
    assert (interview.access, interview.sealed_until.isoformat(), interview.languages) == (
        "sealed",
        opens,
        ["fr", "it"],
    )
    assert interview.access_changed_at > before
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "interview.access"))
    assert event.actor_id == supervisor.id and event.details["after"] == {"access": "sealed", "sealed_until": opens}
    jobs = session.scalars(select(Job.payload).where(Job.kind == INDEX_JOB)).all()
    assert any(item.id in next(iter(payload.values())) for payload in jobs)


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"access": "sealed"}, "sealed_until", "a besoin de la date"),
        ({"access": "sealed", "sealed_until": date.today().isoformat()}, "sealed_until", "dans le futur"),
        ({"access": "sealed", "sealed_until": "2051-13-40"}, "sealed_until", "AAAA-MM-JJ"),
        ({"access": "secret"}, "access", "niveaux d’accès"),
        ({"languages": "fr, 123"}, "languages", "codes séparés"),
        ({"consent_minute": "douze", "consent_note": "Oui"}, "consent_minute", "nombre entier"),
        ({"consent_minute": "12"}, "consent_note", "ce qui a été convenu"),
    ],
)
def test_a_wrong_value_comes_back_next_to_its_field_and_nothing_changes(
    client, session, supervisor, fields, field, message
):
    item = make_interview(session, "on_request")
    response = _save(client, item, **fields)
    assert response.status_code == 422
    assert message in parse(response.text).find(id=f"f-{field}-error").text.replace("&#39;", "'")
    assert session.get(Interview, item.id).access == "on_request"


def test_an_interview_without_consent_cannot_be_published_until_it_is_noted(client, session, supervisor):
    item = make_interview(session, consent=False, status=IN_REVIEW)
    refused = client.post(f"/workspace/items/{item.identifier}/publish", data=form(client), follow_redirects=False)
    assert refused.status_code == 422 and "consentement" in refused.text and item.status == IN_REVIEW
    assert "Aucun consentement" in client.get(f"/workspace/items/{item.identifier}/access").text
    noted = _save(client, item, consent_minute="2", consent_note="Accord donné à voix haute, bande 1.")
    assert noted.status_code == 303
    published = client.post(f"/workspace/items/{item.identifier}/publish", data=form(client), follow_redirects=False)
    assert published.status_code == 303 and item.status == PUBLISHED


def test_the_api_refuses_to_publish_an_interview_without_consent(client, session):
    from tests.factories import bearer

    item = make_interview(session, consent=False, status=IN_REVIEW)
    headers = bearer(session, make_user(session, role="supervisor"))
    response = client.post(f"/api/v1/items/{item.identifier}/publish", headers=headers, json={})
    assert response.status_code == 422 and item.status == IN_REVIEW


def test_the_release_form_is_kept_privately_and_given_to_staff_only(client, session, settings, supervisor):
    item = make_interview(session, consent=False, status=IN_REVIEW)
    pdf = (MEDIA / "document.pdf").read_bytes()
    stored = upload_release_form(client, item, pdf)
    assert stored.status_code == 303
    interview = session.get(Interview, item.id)
    path = settings.media_dir / "private" / "release-forms" / interview.release_form_path
    assert path.read_bytes() == pdf and interview.release_form_mime == "application/pdf"
    download = client.get(f"/workspace/items/{item.identifier}/access/release-form")
    assert download.content == pdf and download.headers["cache-control"] == "private, no-store"
    sha = interview.release_form_path.rsplit("/", 1)[1].split(".")[0]
    logout(client)
    assert client.get(f"/workspace/items/{item.identifier}/access/release-form").status_code == 401
    assert client.get(f"/media/files/{sha}.pdf").status_code == 404


@pytest.mark.parametrize(
    "name, content", [("notes.txt", b"Accord oral, voir bande."), ("form.pdf", b"%PDF-1.4 broken")]
)
def test_a_release_form_that_is_no_pdf_or_picture_is_refused_and_nothing_is_kept(
    client, session, settings, supervisor, name, content
):
    item = make_interview(session, consent=False)
    response = client.post(
        f"/workspace/items/{item.identifier}/access/release-form",
        data=form(client),
        files={"release_form": (name, content, "application/octet-stream")},
    )
    assert response.status_code == 422 and parse(response.text).find(id="f-release_form-error")
    assert session.get(Interview, item.id).release_form_path is None


def test_the_page_is_for_interviews_and_staff_only(client, session):
    item = make_interview(session)
    assert client.get(f"/workspace/items/{item.identifier}/access").status_code == 401
    login(client, make_user(session, role="curator"))
    assert client.get("/workspace/items/NOPE/access").status_code == 404
    page = client.get(f"/workspace/items/{item.identifier}?lang=en")
    assert f"/workspace/items/{item.identifier}/access" in page.text


def test_no_file_or_a_file_over_the_limit_is_refused_next_to_the_field(client, session, settings, supervisor):
    item = make_interview(session, consent=False)
    url = f"/workspace/items/{item.identifier}/access/release-form"
    empty = client.post(url, data=form(client), files={"release_form": ("", b"", "application/octet-stream")})
    assert empty.status_code == 422 and "Choisissez d’abord un fichier" in empty.text
    settings.release_form_max_bytes = 400
    pdf = (MEDIA / "document.pdf").read_bytes()
    assert len(pdf) > 400
    big = client.post(url, data=form(client), files={"release_form": ("accord.pdf", pdf, "application/pdf")})
    assert big.status_code == 422 and parse(big.text).find(id="f-release_form-error")
    assert session.get(Interview, item.id).release_form_path is None
