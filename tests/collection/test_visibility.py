"""Visitors never see a collection that is not published: pages, API, item links, filters, search, guessed URLs."""

import pytest
from sqlalchemy import select

from app.collection.models import Collection
from app.item import search as item_search
from app.transfer.importer import import_file
from tests.account.routes import item_with_image
from tests.factories import login, make_collection, make_item
from tests.transfer.conftest import write_csv
from tests.web.html import parse

HIDDEN = ("draft", "in_review", "withdrawn")


@pytest.fixture
def member(session):
    return make_item(session, status="published", title="Maison du directeur")


@pytest.mark.parametrize("status", HIDDEN)
def test_an_unpublished_collection_is_nowhere_for_visitors(client, session, member, status):
    make_collection(session, [member], slug="secrete", status=status, titles={"fr": "Collection secrète"})
    make_collection(session, [member], slug="publique", titles={"fr": "Collection publique"})
    for url in ("/", "/collections", "/items", f"/items/{member.identifier}"):
        page = client.get(url)
        assert page.status_code == 200 and "secrete" not in page.text and "Collection secrète" not in page.text, url
        assert "Collection publique" in page.text or url == "/items", url
    assert client.get("/collections/secrete").status_code == 404
    assert client.get("/collections/secrete?page=2").status_code == 404
    assert client.get("/api/v1/collections/secrete").status_code == 404
    assert [c["slug"] for c in client.get("/api/v1/collections").json()["collections"]] == ["publique"]
    detail = client.get(f"/api/v1/items/{member.identifier}").json()
    assert [c["slug"] for c in detail["collections"]] == ["publique"]
    # Guessing the slug as a filter tells nothing either: as an unknown collection, no item.
    assert client.get("/api/v1/items?collection=secrete").json()["total"] == 0
    assert client.get("/api/v1/items?collection=publique").json()["total"] == 1


@pytest.mark.parametrize("status", HIDDEN)
def test_search_documents_name_only_published_collections(session, member, status):
    make_collection(session, [member], slug="secrete", status=status)
    make_collection(session, [member], slug="publique")
    [document] = item_search.documents(session, [member.id])
    assert [slug for slug, _titles in document["collections"]] == ["publique"]


def test_staff_see_unpublished_collections_in_the_workspace_only(client, session, member):
    from tests.factories import make_user

    make_collection(session, [member], slug="secrete", status="draft")
    login(client, make_user(session, role="admin"))
    assert client.get("/collections/secrete").status_code == 404
    assert client.get("/workspace/collections/secrete").status_code == 200
    assert "secrete" in client.get("/workspace/collections").text


@pytest.mark.parametrize("item_status, shown", [("published", True), ("draft", False), ("withdrawn", False)])
def test_the_cover_is_shown_only_while_its_item_is_published(client, session, settings, item_status, shown):
    item, media = item_with_image(session, settings, item_status)
    make_collection(session, [item], slug="usines", cover_media_id=media.id)
    for url in ("/collections", "/collections/usines"):
        images = [img.get("src", "") for img in parse(client.get(url).text).find_all("img")]
        assert any(media.sha256 in src for src in images) is shown, url


def test_an_import_naming_an_unknown_collection_makes_a_draft_not_a_public_collection(
    tmp_path, session, settings, client
):
    make_collection(session, slug="patrimoine")
    rows = [
        {
            "identifier": "IMP-1",
            "kind": "building",
            "title": "Usine",
            "status": "published",
            "collection": "patrimoine|Nouvelle série",
        }
    ]
    report = import_file(session, write_csv(tmp_path / "rows.csv", rows), settings)
    assert report.rejected == []
    statuses = dict(session.execute(select(Collection.slug, Collection.status)).all())
    assert statuses == {"patrimoine": "published", "nouvelle-serie": "draft"}
    assert client.get("/collections/nouvelle-serie").status_code == 404
    assert client.get("/api/v1/items?collection=patrimoine").json()["total"] == 1


def test_deleting_the_covers_item_leaves_the_collection_without_a_cover(session, settings):
    from app.collection import editing
    from app.workspace import service as workspace
    from app.workspace.workflow import delete

    item, media = item_with_image(session, settings, "published")
    make_collection(session, [item], slug="usines", cover_media_id=media.id)
    delete(session, workspace.load(session, item.identifier), None)
    session.expire_all()
    assert editing.load(session, "usines").cover_media_id is None
