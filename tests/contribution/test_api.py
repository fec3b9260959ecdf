"""Moderating contributions through the JSON API: personal tokens of staff, 401 without one, 403 below curator."""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.contribution.models import APPROVED, PENDING, REJECTED
from app.item.models import Item
from tests.contribution.factories import make_contribution
from tests.factories import bearer, login, make_user


@pytest.fixture
def curator(session):
    return bearer(session, make_user(session, "api-curator", role="curator"))


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/api/v1/contributions"),
        ("GET", "/api/v1/contributions/{id}"),
        ("POST", "/api/v1/contributions/{id}/approve"),
        ("POST", "/api/v1/contributions/{id}/reject"),
    ],
)
def test_without_a_token_401_and_with_a_residents_token_403(client, session, settings, method, path):
    contribution, _token = make_contribution(session, settings)
    url = path.format(id=contribution.id)
    anonymous = client.request(method, url, json={"reason": "x"})
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"] == "Bearer"
    assert anonymous.headers["content-type"] == "application/problem+json"
    resident = client.request(
        method, url, json={"reason": "x"}, headers=bearer(session, make_user(session, role="contributor"))
    )
    assert resident.status_code == 403 and resident.headers["content-type"] == "application/problem+json"
    assert contribution.status == PENDING


def test_a_curator_lists_and_reads_contributions_without_their_private_details(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings, files=("photo.jpg", "sound.mp3"), address_hash="f" * 64)
    make_contribution(session, settings, REJECTED)
    listing = client.get("/api/v1/contributions", headers=curator).json()
    assert listing["total"] == 2 and listing["contributions"][0]["status"] == PENDING
    one = client.get(f"/api/v1/contributions/{contribution.id}", headers=curator)
    body = one.json()
    assert body["credit"] == "Jeanne Habitante" and [f["type"] for f in body["files"]] == ["image", "audio"]
    assert "jeanne@example.org" not in one.text and "f" * 64 not in one.text and "contact" not in body
    assert client.get("/api/v1/contributions?status=rejected", headers=curator).json()["total"] == 1
    assert client.get("/api/v1/contributions/999999", headers=curator).status_code == 404


def test_a_supervisor_approves_with_a_title_and_the_item_is_public(client, session, settings):
    supervisor = bearer(session, make_user(session, "api-supervisor", role="supervisor"))
    contribution, _token = make_contribution(session, settings)
    response = client.post(
        f"/api/v1/contributions/{contribution.id}/approve",
        headers=supervisor,
        json={"title": "La cité en 1960", "date": "1960", "alt_texts": ["Des maisons de la cité"]},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["item_status"]) == (APPROVED, "published") and body["item"]
    assert client.get(f"/api/v1/items/{body['item']}").json()["title"] == "La cité en 1960"
    assert session.scalar(select(Item.date_earliest).where(Item.identifier == body["item"])) == 1960
    again = client.post(f"/api/v1/contributions/{contribution.id}/approve", headers=supervisor, json={"title": "x"})
    assert again.status_code == 409 and again.headers["content-type"] == "application/problem+json"


def test_a_curators_approval_makes_an_item_in_review_that_a_supervisor_publishes(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings)
    response = client.post(
        f"/api/v1/contributions/{contribution.id}/approve",
        headers=curator,
        json={"title": "La cité en 1960", "alt_texts": ["Des maisons de la cité"]},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["item_status"]) == (APPROVED, "in_review")
    assert client.get(f"/api/v1/items/{body['item']}").status_code == 404
    assert client.post(f"/api/v1/items/{body['item']}/publish", headers=curator).status_code == 403
    supervisor = bearer(session, make_user(session, "api-supervisor", role="supervisor"))
    assert client.post(f"/api/v1/items/{body['item']}/publish", headers=supervisor).json()["status"] == "published"
    assert client.get(f"/api/v1/items/{body['item']}").status_code == 200
    assert client.get(f"/api/v1/contributions/{contribution.id}", headers=curator).json()["item_status"] == "published"


def test_approving_without_any_title_is_refused(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings, title=None)
    response = client.post(f"/api/v1/contributions/{contribution.id}/approve", headers=curator)
    assert response.status_code == 422 and contribution.status == PENDING


def test_a_curator_rejects_with_a_reason(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings)
    assert client.post(f"/api/v1/contributions/{contribution.id}/reject", headers=curator, json={}).status_code == 400
    response = client.post(
        f"/api/v1/contributions/{contribution.id}/reject",
        headers=curator,
        json={"reason": "Doublon de la contribution 3."},
    )
    assert response.status_code == 200 and response.json()["rejection_reason"] == "Doublon de la contribution 3."
    assert session.scalar(select(AuditEvent.actor_name).where(AuditEvent.action == "contribution.reject")) == (
        "api-curator"
    )


def test_a_logged_in_session_alone_cannot_write_through_the_api(client, session, settings):
    contribution, _token = make_contribution(session, settings)
    login(client, make_user(session, role="curator"))
    response = client.post(f"/api/v1/contributions/{contribution.id}/reject", json={"reason": "x"})
    assert response.status_code == 403 and contribution.status == PENDING
