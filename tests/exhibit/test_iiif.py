"""An exhibit as a IIIF Presentation 3.0 Collection of its published items' manifests, in order."""

import json
from pathlib import Path

from jsonschema import Draft7Validator

from tests.exhibit.published import exhibit, shown  # noqa: F401 - fixtures
from tests.factories import make_exhibit, make_item

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "schemas" / "iiif_presentation_3_0.schema.json").read_text()
)


def test_the_collection_is_valid_and_lists_the_manifests_in_order(client, exhibit, shown):
    first, second, _third = shown
    response = client.get("/iiif/exhibit/la-cite-ouvriere")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.headers["access-control-allow-origin"] == "*"
    collection = response.json()
    assert [error.message for error in Draft7Validator(SCHEMA).iter_errors(collection)] == []
    assert collection["type"] == "Collection"
    assert collection["label"] == {"de": ["Die Arbeitersiedlung"], "fr": ["La cité ouvrière"]}
    assert collection["homepage"][0]["language"] == ["fr"]
    # The memory without images or sound has no manifest to list.
    assert [entry["id"] for entry in collection["items"]] == [
        f"http://testserver/iiif/manifest/{first.identifier}",
        f"http://testserver/iiif/manifest/{second.identifier}",
    ]
    for entry in collection["items"]:
        assert client.get(entry["id"]).status_code == 200


def test_unpublished_items_are_not_listed(client, session, exhibit, shown):
    shown[1].status = "withdrawn"
    session.flush()
    ids = [entry["id"] for entry in client.get("/iiif/exhibit/la-cite-ouvriere").json()["items"]]
    assert ids == [f"http://testserver/iiif/manifest/{shown[0].identifier}"]


def test_an_exhibit_not_published_has_no_collection(client, session):
    make_exhibit(session, [make_item(session)], slug="brouillon", status="draft")
    response = client.get("/iiif/exhibit/brouillon")
    assert response.status_code == 404
    assert client.get("/iiif/exhibit/nulle-part").status_code == 404
