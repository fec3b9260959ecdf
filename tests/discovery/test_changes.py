"""IIIF Change Discovery: Activity Streams 2.0 with Create, Update and Delete as records are published, edited,
withdrawn and deleted; pages in order; only manifests visitors may open."""

from urllib.parse import urlsplit

import pytest

from app.publishing import revisions, workflow
from app.publishing.kinds import kind_of
from app.workspace import service as workspace_service
from app.workspace import workflow as workspace_workflow
from tests.account.routes import item_with_image
from tests.discovery.helpers import hidden_records
from tests.factories import make_item, make_user

CONTEXT = "http://iiif.io/api/discovery/1/context.json"


def _activities(client) -> list[dict]:
    top = client.get("/iiif/discovery")
    assert top.status_code == 200 and top.headers["content-type"].startswith("application/ld+json")
    collection = top.json()
    assert collection["@context"] == CONTEXT and collection["type"] == "OrderedCollection"
    found, url = [], collection["first"]["id"]
    while url:
        page = client.get(urlsplit(url).path).json()
        assert page["type"] == "OrderedCollectionPage" and page["partOf"]["id"] == collection["id"]
        found += page["orderedItems"]
        url = page.get("next", {}).get("id")
    assert collection["totalItems"] == len(found)
    for activity in found:
        assert activity["type"] in ("Create", "Update", "Delete") and activity["object"]["type"] == "Manifest"
    assert [a["endTime"] for a in found] == sorted(a["endTime"] for a in found)
    return found


def _of(found: list[dict], identifier: str) -> list[str]:
    return [a["type"] for a in found if a["object"]["id"].endswith(f"/iiif/manifest/{identifier}")]


@pytest.fixture
def supervisor(session):
    return make_user(session, role="supervisor")


def _reviewed_item(session, settings):
    item, media = item_with_image(session, settings, "in_review")
    media.alt_texts = {"fr": "Une façade de brique"}
    session.flush()
    session.expunge_all()
    return workspace_service.load(session, item.identifier)


def test_publish_edit_withdraw_make_create_update_delete(client, session, settings, supervisor):
    item = _reviewed_item(session, settings)
    assert _of(_activities(client), item.identifier) == []
    workflow.take(session, item, "publish", supervisor)
    assert _of(_activities(client), item.identifier) == ["Create"]
    before = kind_of(item).take(item)
    item.titles = {"fr": "Maison du directeur"}
    revisions.record(session, item, supervisor, "edit", before)
    assert _of(_activities(client), item.identifier) == ["Create", "Update"]
    workflow.take(session, item, "withdraw", supervisor)
    found = _activities(client)
    assert _of(found, item.identifier) == ["Create", "Update", "Delete"]
    manifest = next(a for a in found if a["type"] == "Delete")["object"]["id"]
    assert manifest == f"http://testserver/iiif/manifest/{item.identifier}"


def test_deleting_a_published_item_is_a_delete(client, session, settings, supervisor):
    item, _media = item_with_image(session, settings, "published")
    identifier = item.identifier
    assert _of(_activities(client), identifier) == ["Create"]
    workspace_workflow.delete(session, item, supervisor)
    assert _of(_activities(client), identifier) == ["Delete"]


def test_items_without_manifest_or_hidden_are_not_created(client, session, settings):
    make_item(session)  # no image: no manifest
    hidden = hidden_records(session)
    found = _activities(client)
    assert not [a for a in found if a["type"] != "Delete"]
    text = str(found)
    for what in ("draft", "in_review", "withdrawn", "sealed", "withdrawn_interview"):
        assert hidden[what] not in text, what


def test_pages_split_and_link(app, client, session, settings):
    app.state.discovery_per_page = 2
    for _ in range(5):
        item_with_image(session, settings, "published")
    collection = client.get("/iiif/discovery").json()
    assert collection["totalItems"] == 5 and collection["last"]["id"].endswith("/iiif/discovery/page-2")
    middle = client.get("/iiif/discovery/page-1").json()
    assert middle["startIndex"] == 2 and len(middle["orderedItems"]) == 2
    assert middle["prev"]["id"].endswith("page-0") and middle["next"]["id"].endswith("page-2")
    assert client.get("/iiif/discovery/page-3").status_code == 404
    assert len(_activities(client)) == 5


def test_discovery_answers_304(client, session, settings):
    item_with_image(session, settings, "published")
    first = client.get("/iiif/discovery/page-0")
    assert client.get("/iiif/discovery/page-0", headers={"if-none-match": first.headers["etag"]}).status_code == 304
