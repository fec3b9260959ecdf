"""Only published items are ever public: pages, API, counts, collections, search documents, IIIF."""

import pytest

from app.item import search as item_search
from app.item.kinds import STATUSES
from tests.factories import make_collection, make_item

HIDDEN = [status for status in STATUSES if status != "published"]


@pytest.mark.parametrize("status", HIDDEN)
def test_an_unpublished_item_is_nowhere_public(client, session, status):
    item = make_item(session, identifier=f"HID-{status}", status=status, title="Secrète")
    make_collection(session, [item], slug=f"c-{status}")
    assert client.get(f"/items/{item.identifier}").status_code == 404
    assert client.get(f"/api/v1/items/{item.identifier}").status_code == 404
    assert client.get(f"/iiif/manifest/{item.identifier}").status_code == 404
    assert client.get("/api/v1/items").json()["total"] == 0
    assert client.get(f"/api/v1/collections/c-{status}").json()["item_count"] == 0
    assert "Secrète" not in client.get("/items").text
    assert list(item_search.documents(session, [item.id])) == []


def test_the_workflow_states_are_the_statuses_items_can_have():
    assert STATUSES == ("draft", "in_review", "published", "withdrawn")
