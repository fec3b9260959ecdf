"""The team asks a resident for more information; the resident edits and sends again; the earlier version
stays for the team, and the contribution is back in the queue (pages and API)."""

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEvent
from app.contribution import service as contribution_service
from app.contribution.models import NEEDS_INFO, PENDING, Contribution
from tests.contribution.factories import make_contribution
from tests.contribution.helpers import submit
from tests.factories import bearer, form, login, logout, make_user
from tests.mailbox import body, mailbox
from tests.web.html import parse

QUESTION = "En quelle année votre grand-père a-t-il ouvert l'épicerie ?"


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia")


def _sent(client, session) -> tuple[Contribution, str]:
    response = submit(client)
    assert response.status_code == 303
    return contribution_service.get(session, session.scalar(select(func.max(Contribution.id)))), response.headers[
        "location"
    ]


def _ask(client, contribution, question=QUESTION):
    data = form(client, question=question)
    return client.post(f"/workspace/contributions/{contribution.id}/ask?lang=en", data=data, follow_redirects=False)


def test_asked_for_information_the_resident_edits_and_resends_and_the_team_sees_both_versions(
    client, session, settings, curator
):
    contribution, url = _sent(client, session)
    with mailbox() as box:
        settings.smtp_host, settings.smtp_port, settings.smtp_starttls = "127.0.0.1", box.port, False
        login(client, curator)
        asked = _ask(client, contribution)
        assert asked.status_code == 303 and asked.headers["location"].endswith("done=asked_mailed")
        (message,) = box.messages
    assert message["To"] == "marie.dupont@example.org" and QUESTION in body(message) and url in body(message)
    assert (contribution.status, contribution.info_request) == (NEEDS_INFO, QUESTION)
    assert session.scalar(select(AuditEvent.details).where(AuditEvent.action == "contribution.ask")) == {
        "question": QUESTION
    }
    queue = parse(client.get("/workspace/contributions?lang=en").text).find("ul", class_="contribution-queue")
    assert "Waiting for the resident's answer" in queue.text
    logout(client)

    page = parse(client.get(f"{url}?lang=en").text)
    assert "has a question about your memory" in page.find(role="status").text
    assert QUESTION in page.find("section", aria_labelledby="question-title").text
    edit = page.find("form", action=f"{url}/resend")
    assert edit.find("textarea", name="story").text == " ".join(contribution.story.split())
    story = "Mon grand-père a ouvert l'épicerie en 1952, rue Carnot."
    resent = client.post(
        f"{url}/resend", data=form(client, story=story, title="L'épicerie", date_text="1952"), follow_redirects=False
    )
    assert resent.status_code == 303
    assert "read your memory again" in client.get(resent.headers["location"] + "&lang=en").text
    assert (contribution.status, contribution.story, contribution.date_earliest) == (PENDING, story, 1952)
    assert contribution.info_request is None

    login(client, curator)
    review = parse(client.get(f"/workspace/contributions/{contribution.id}?lang=en").text)
    versions = review.find("section", aria_labelledby="versions-title")
    assert QUESTION in versions.text and "On y vendait du café." in versions.text
    assert "L'épicerie de mon grand-père" in versions.text
    assert review.find("textarea", name="story").text == story


def test_the_resident_cannot_resend_unless_asked_and_bad_edits_keep_the_text(client, session, curator):
    contribution, url = _sent(client, session)
    refused = client.post(f"{url}/resend?lang=en", data=form(client, story="Autre chose"))
    assert refused.status_code == 409 and "cannot be changed now" in refused.text
    assert contribution.story.startswith("Mon grand-père")
    login(client, curator)
    assert _ask(client, contribution).status_code == 303
    logout(client)
    empty = client.post(f"{url}/resend?lang=en", data=form(client, story="  ", title="x" * 300))
    assert empty.status_code == 400 and contribution.status == NEEDS_INFO
    errors = parse(empty.text)
    assert "heart of your contribution" in errors.find(id="edit-story-error").text
    assert "At most 255 characters." in errors.find(id="edit-title-error").text
    assert contribution.versions == [] and contribution.story.startswith("Mon grand-père")


def test_a_question_must_be_written_and_only_pending_contributions_are_asked(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings)
    login(client, curator)
    empty = _ask(client, contribution, question=" ")
    assert empty.status_code == 400 and "Write your question" in parse(empty.text).find(id="ask-question-error").text
    assert _ask(client, contribution).headers["location"].endswith("done=asked")  # no mail server: no mail
    assert _ask(client, contribution).status_code == 409
    rejected = client.post(
        f"/workspace/contributions/{contribution.id}/reject", data=form(client, reason="Pas de réponse")
    )
    assert rejected.status_code == 200 and contribution.status == "rejected"


def test_the_api_asks_and_shows_the_question(client, session, settings, curator):
    contribution, token = make_contribution(session, settings)
    headers = bearer(session, curator)
    assert client.post(f"/api/v1/contributions/{contribution.id}/ask", headers=headers, json={}).status_code == 400
    asked = client.post(f"/api/v1/contributions/{contribution.id}/ask", headers=headers, json={"question": QUESTION})
    assert asked.status_code == 200
    assert (asked.json()["status"], asked.json()["info_request"]) == (NEEDS_INFO, QUESTION)
    again = client.post(f"/api/v1/contributions/{contribution.id}/ask", headers=headers, json={"question": QUESTION})
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"
    assert QUESTION in parse(client.get(f"/contribute/status/{token}").text).text
