"""Asking to hear an on-request interview, the curators' answer by e-mail, and the private link it makes."""

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.clock import utcnow
from app.contribution import spam
from app.interview import access_request_service as requests
from app.interview.models import AccessRequest
from tests.factories import form, login, logout, make_user
from tests.interview.factories import approved_link, make_interview, make_request
from tests.mailbox import body, mailbox
from tests.web.html import parse

STAMP = re.compile(r'name="stamp" value="([^"]+)"')
PURPOSE = "Je prépare l'histoire de ma famille, venue de Gubbio en 1924."


def _send(client, identifier: str, **fields):
    """The form as a person fills it: its stamp aged past the minimum fill time, and its CSRF token."""
    page = client.get(f"/items/{identifier}/access-request")
    stamp = spam.read_stamp(client.app.state.secret_key, STAMP.search(page.text).group(1))
    aged = spam.new_stamp(client.app.state.secret_key, issued=int(time.time()) - 60, key=stamp.key)
    values = {"name": "Lucia Bernardi", "contact": "lucia@example.org", "purpose": PURPOSE} | fields
    return client.post(
        f"/items/{identifier}/access-request", data=form(client, stamp=aged, **values), follow_redirects=False
    )


@pytest.fixture
def interview(session):
    return make_interview(session, "on_request", cues=("Mon père travaillait au haut fourneau",))


def test_an_on_request_page_offers_the_form_and_the_request_is_recorded(client, session, interview):
    page = client.get(f"/items/{interview.identifier}?lang=en").text
    assert f"/items/{interview.identifier}/access-request" in page
    assert "haut fourneau" not in page
    response = _send(client, interview.identifier, contact=" lucia@example.org ")
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"/items/{interview.identifier}/access-request/sent")
    request = session.scalar(select(AccessRequest))
    assert (request.name, request.contact, request.purpose, request.status) == (
        "Lucia Bernardi",
        "lucia@example.org",
        PURPOSE,
        "pending",
    )


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"name": " "}, "name", "Indiquez votre nom."),
        ({"contact": "06 12 34 56 78"}, "contact", "Indiquez une adresse e-mail"),
        ({"purpose": "Pour voir"}, "purpose", "Dites en une phrase ou deux"),
        ({"name": "x" * 201}, "name", "200 caractères au plus"),
    ],
)
def test_a_wrong_field_comes_back_with_its_message_next_to_it(client, session, interview, fields, field, message):
    response = _send(client, interview.identifier, **fields)
    assert response.status_code == 422
    error = parse(response.text).find(id=f"f-{field}-error")
    assert message in error.text
    assert session.scalar(select(AccessRequest)) is None


def test_a_forged_stamp_is_a_400_and_the_honeypot_records_nothing(client, session, interview):
    data = form(client, stamp="1.forged.0", name="Robot", contact="r@example.org", purpose=PURPOSE)
    assert client.post(f"/items/{interview.identifier}/access-request", data=data).status_code == 400
    assert _send(client, interview.identifier, website="https://spam.example").status_code == 303
    assert session.scalar(select(AccessRequest)) is None


def test_too_many_requests_from_one_address_are_a_429(client, session, interview):
    for _ in range(requests.RATE_LIMIT):
        assert _send(client, interview.identifier).status_code == 303
    response = _send(client, interview.identifier)
    assert response.status_code == 429 and "réessayez plus tard" in response.text


@pytest.mark.parametrize("level", ["public", "sealed", "withdrawn"])
def test_only_on_request_interviews_can_be_requested(client, session, level):
    from datetime import date

    item = make_interview(session, level, sealed_until=date.today() + timedelta(days=30) if level == "sealed" else None)
    assert client.get(f"/items/{item.identifier}/access-request").status_code == 404
    assert "/access-request" not in client.get(f"/items/{item.identifier}").text


def test_approval_mails_a_private_link_in_the_requesters_language_that_opens_the_transcript(
    client, session, settings, interview
):
    request = make_request(session, interview, language="de")
    curator = make_user(session, role="curator")
    with mailbox() as box:
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", box.port, False
        login(client, curator)
        queue = client.get("/workspace/access-requests")
        assert "Lucia Bernardi" in queue.text
        answer = client.post(f"/workspace/access-requests/{request.id}/approve", data=form(client))
        (message,) = box.messages
    assert answer.status_code == 200
    assert message["To"] == "lucia@example.org" and "wurde angenommen" in body(message)
    link = re.search(r"http://testserver(/items/\S+/listen/\S+)", body(message)).group(1)
    assert link in answer.text  # shown once to the curator as well
    assert request.status == "approved" and request.token_hash and link.rsplit("/", 1)[1] not in request.token_hash
    logout(client)
    page = client.get(link)
    assert page.status_code == 200 and "haut fourneau" in page.text
    assert page.headers["cache-control"] == "no-store"
    uses = session.scalars(select(AuditEvent.details).where(AuditEvent.action == "interview.listened")).all()
    assert uses == [{"request": request.id}]
    assert client.post(f"/workspace/access-requests/{request.id}/approve", data=form(client)).status_code == 401


def test_refusal_needs_a_reason_and_tells_the_requester(client, session, settings, interview):
    request = make_request(session, interview)
    login(client, make_user(session, role="curator"))
    empty = client.post(f"/workspace/access-requests/{request.id}/refuse", data=form(client, reason=" "))
    assert empty.status_code == 422 and request.status == "pending"
    with mailbox() as box:
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", box.port, False
        refused = client.post(
            f"/workspace/access-requests/{request.id}/refuse",
            data=form(client, reason="Les témoins réservent cet entretien à la famille."),
            follow_redirects=False,
        )
        (message,) = box.messages
    assert refused.status_code == 303 and request.status == "refused"
    assert "réservent cet entretien" in body(message) and "n'a pas pu être acceptée" in body(message)
    again = client.post(f"/workspace/access-requests/{request.id}/refuse", data=form(client, reason="Non"))
    assert again.status_code == 409


def test_an_expired_link_is_410_and_an_unknown_one_404(client, session, interview):
    request, token = approved_link(session, interview)
    assert client.get(f"/items/{interview.identifier}/listen/{token}").status_code == 200
    request.expires_at = utcnow() - timedelta(minutes=1)
    session.flush()
    gone = client.get(f"/items/{interview.identifier}/listen/{token}?lang=en")
    assert gone.status_code == 410 and "no longer opens" in gone.text and "haut fourneau" not in gone.text
    assert client.get(f"/items/{interview.identifier}/listen/nothing-like-it").status_code == 404


def test_a_link_closes_when_the_interview_is_no_longer_on_request(client, session, interview):
    from app.interview.models import Interview

    _request, token = approved_link(session, interview)
    session.get(Interview, interview.id).access = "withdrawn"
    session.flush()
    assert client.get(f"/items/{interview.identifier}/listen/{token}").status_code == 410


def test_a_private_link_plays_the_recording_and_stops_with_the_link(client, session, settings, interview):
    from pathlib import Path

    from app.media import service as media_service

    sound = Path(__file__).parent.parent / "fixtures" / "media" / "sound.mp3"
    media = media_service.attach(session, interview, sound, settings, background=False)
    session.flush()
    request, token = approved_link(session, interview)
    page = client.get(f"/items/{interview.identifier}/listen/{token}")
    src = parse(page.text).find("audio").get("src")
    assert src.endswith(f"/items/{interview.identifier}/listen/{token}/recordings/{media.id}/recording.m4a")
    played = client.get(src, headers={"Range": "bytes=0-99"})
    assert played.status_code == 206 and played.headers["content-type"] == "audio/mp4"
    assert played.headers["cache-control"] == "no-store"
    assert client.get(f"/items/{interview.identifier}/recordings/{media.id}/recording.m4a").status_code == 404
    listened = session.scalars(select(AuditEvent).where(AuditEvent.action == "interview.listened")).all()
    assert len(listened) == 1  # the page's visit, not each piece of the file the player asks for
    request.expires_at = utcnow() - timedelta(minutes=1)
    session.flush()
    assert client.get(src).status_code == 404
