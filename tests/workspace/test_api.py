"""The workspace through the JSON API: personal tokens, roles, stale edits (409), the workflow, revisions."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.item.models import Item
from tests.factories import bearer, make_collection, make_item, make_user

NEW = {
    "kind": "artwork",
    "language": "fr",
    "titles": {"fr": "Le laminoir", "lb": "De Walzwierk"},
    "date": "années 1950",
    "medium": "Huile sur toile",
    "place": "Villerupt",
    "subjects": ["sidérurgie"],
    "credits": [{"role": "creator", "name": "Jean Dupont"}, {"role": "digitised_by", "name": "Luca Rossi"}],
}


@pytest.fixture
def curator(session):
    return bearer(session, make_user(session, "nadia", role="curator"))


@pytest.fixture
def supervisor(session):
    return bearer(session, make_user(session, "sophie", role="supervisor"))


def _create(client, headers, **changes) -> dict:
    response = client.post("/api/v1/items", json=NEW | changes, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_curator_creates_a_draft_that_visitors_cannot_see(client, curator):
    made = _create(client, curator, identifier="API-1")
    assert (made["identifier"], made["status"], made["revision"], made["title"]) == ("API-1", "draft", 1, "Le laminoir")
    assert made["values"]["date_earliest"] == 1950 and made["values"]["credits"][1] == ["digitised_by", "Luca Rossi"]
    assert client.get("/api/v1/items/API-1").status_code == 404
    assert "API-1" not in {i["identifier"] for i in client.get("/api/v1/items").json()["items"]}


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/api/v1/items"),
        ("PATCH", "/api/v1/items/X"),
        ("DELETE", "/api/v1/items/X"),
        ("POST", "/api/v1/items/X/submit"),
        ("POST", "/api/v1/items/X/publish"),
        ("GET", "/api/v1/items/X/revisions"),
    ],
)
def test_without_a_token_every_write_is_401_and_a_contributor_gets_403(client, session, method, path):
    make_item(session, identifier="X", status="draft")
    response = client.request(method, path, json={"revision": 1})
    assert response.status_code == 401 and response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    contributor = bearer(session, make_user(session, role="contributor"))
    assert client.request(method, path, json={"revision": 1}, headers=contributor).status_code == 403


def test_invalid_fields_are_422_problems_naming_the_fields(client, curator):
    response = client.post(
        "/api/v1/items",
        json=NEW | {"titles": {"de": "Nur Deutsch"}, "latitude": 120, "collections": ["nope"]},
        headers=curator,
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"title_fr", "latitude", "collections"}


def test_an_edit_from_an_old_revision_is_a_409_with_the_other_changes(client, session, curator, supervisor):
    made = _create(client, curator, identifier="API-2")
    first = client.patch("/api/v1/items/API-2", json={"revision": 1, "medium": "Gouache"}, headers=curator)
    assert first.status_code == 200 and first.json()["revision"] == 2
    stale = client.patch(
        "/api/v1/items/API-2", json={"revision": made["revision"], "medium": "Fusain"}, headers=curator
    )
    assert stale.status_code == 409
    assert stale.json()["revisions"][0]["changes"]["medium"] == ["Huile sur toile", "Gouache"]
    assert session.scalars(select(Item.medium).where(Item.identifier == "API-2")).one() == "Gouache"


def test_the_workflow_over_the_api_and_what_each_role_may_do(client, session, curator, supervisor):
    _create(client, curator, identifier="API-3")
    assert client.post("/api/v1/items/API-3/publish", headers=curator).status_code == 403
    assert client.post("/api/v1/items/API-3/submit", headers=curator).json()["status"] == "in_review"
    assert client.patch("/api/v1/items/API-3", json={"revision": 2, "medium": "x"}, headers=curator).status_code == 403
    assert client.post("/api/v1/items/API-3/send-back", json={"comment": ""}, headers=supervisor).status_code == 422
    assert client.post("/api/v1/items/API-3/publish", headers=supervisor).json()["status"] == "published"
    assert client.get("/api/v1/items/API-3").json()["title"] == "Le laminoir"
    assert client.post("/api/v1/items/API-3/withdraw", headers=supervisor).json()["status"] == "withdrawn"
    assert client.get("/api/v1/items/API-3").status_code == 404
    revisions = client.get("/api/v1/items/API-3/revisions", headers=curator).json()["revisions"]
    assert [r["action"] for r in revisions] == ["withdraw", "publish", "submit", "create"]
    assert revisions[1]["user"] == "sophie" and revisions[1]["changes"]["status"] == ["in_review", "published"]


def test_only_reviewers_delete_and_the_audit_log_says_who(client, session, curator, supervisor):
    _create(client, curator, identifier="API-4")
    assert client.delete("/api/v1/items/API-4", headers=curator).status_code == 403
    assert client.delete("/api/v1/items/API-4", headers=supervisor).status_code == 204
    assert client.delete("/api/v1/items/API-4", headers=supervisor).status_code == 404
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "item.delete")).one()
    assert (event.actor_name, event.target_label) == ("sophie", "API-4")


def test_collections_are_picked_by_slug_and_suggestions_come_from_the_catalog(client, session, curator):
    make_collection(session, slug="patrimoine-industriel")
    made = _create(client, curator, identifier="API-5", collections=["patrimoine-industriel"])
    assert made["values"]["collections"] == ["patrimoine-industriel"]
    found = client.get("/api/v1/workspace/suggest", params={"field": "place", "q": "viller"}, headers=curator)
    assert found.json() == {"field": "place", "names": ["Villerupt"]}
    people = client.get("/api/v1/workspace/suggest", params={"field": "agent", "q": "ross"}, headers=curator)
    assert people.json()["names"] == ["Luca Rossi"]
    assert (
        client.get("/api/v1/workspace/suggest", params={"field": "users", "q": "a"}, headers=curator).status_code == 400
    )


def test_the_openapi_schema_documents_the_workspace_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/items"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/items/{identifier}"])
    assert "409" in paths["/api/v1/items/{identifier}"]["patch"]["responses"]
    for step in ("submit", "publish", "send-back", "withdraw", "to-draft", "revisions"):
        assert f"/api/v1/items/{{identifier}}/{step}" in paths


def test_a_file_attached_through_the_api_is_a_revision_of_the_item(client, curator):
    _create(client, curator, identifier="API-6")
    photo = Path(__file__).parent.parent / "fixtures" / "media" / "photo.jpg"
    response = client.post(
        "/api/v1/items/API-6/media",
        files={"file": ("photo.jpg", photo.read_bytes())},
        data={"caption": "La façade"},
        headers=curator,
    )
    assert response.status_code == 201
    latest = client.get("/api/v1/items/API-6/revisions", headers=curator).json()["revisions"][0]
    assert (latest["number"], latest["user"]) == (2, "nadia")
    assert latest["changes"]["media"][1][0]["caption"] == {"fr": "La façade"}


@pytest.mark.parametrize(
    "field, value",
    [
        ("subjects", [f"sujet {n}" for n in range(201)]),
        ("collections", [f"c{n}" for n in range(51)]),
        ("credits", [{"role": "creator", "name": f"Personne {n}"} for n in range(101)]),
    ],
)
def test_lists_longer_than_their_bound_are_refused_before_any_write(client, session, curator, field, value):
    response = client.post("/api/v1/items", json=NEW | {field: value}, headers={**curator, "Accept-Language": "en"})
    assert response.status_code in (400, 422) and response.headers["content-type"] == "application/problem+json"
    assert field in response.text
    assert session.scalar(select(Item).where(Item.kind == "artwork")) is None


def test_many_subjects_and_credits_are_written_in_a_few_queries(client, curator, query_counter):
    subjects = [f"sujet {n}" for n in range(200)]
    credits = [{"role": "creator", "name": f"Personne {n}"} for n in range(100)]
    made = _create(client, curator, subjects=subjects, credits=credits)
    assert len(made["values"]["subjects"]) == 200 and len(made["values"]["credits"]) == 100
    lookups = [statement for statement in query_counter if statement.startswith("SELECT")]
    assert len(lookups) < 30  # looked up together, not one query per subject or person
