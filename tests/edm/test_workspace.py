"""Stored tiers follow the item write path and media changes; the workspace shows them with advice and filters
the catalog by them."""

import re

import pytest
from sqlalchemy import select

from app.edm.refresh import refresh_all
from app.item import write as item_write
from app.item.models import Item
from app.media import service as media_service
from tests.edm.conftest import image
from tests.factories import login, make_item, make_user

OPEN = "https://creativecommons.org/licenses/by/4.0/"


def written(session, identifier: str, **columns) -> Item:
    """An item made through the one write path, committed (the tiers are computed at the commit)."""
    item = item_write.new(session, identifier, "building", "draft")
    item_write.set_columns(item, {"language": "fr", "titles": {"fr": f"Maison {identifier}"}, **columns})
    session.commit()
    return item


def stored(session, item: Item) -> tuple[int | None, str | None]:
    row = session.execute(select(Item.content_tier, Item.metadata_tier).where(Item.id == item.id)).one()
    return row.content_tier, row.metadata_tier


def test_the_write_path_and_media_changes_refresh_the_stored_tiers(session, settings, tmp_path):
    item = written(session, "EDM-1", rights=OPEN)
    assert stored(session, item) == (0, "0")
    item_write.set_columns(item, {"dc_type": "Maison"})
    media_service.attach(session, item, image(tmp_path, 1200, 900), settings)
    session.commit()
    assert stored(session, item) == (4, "A")
    media_service.remove_from(session, item.id, 0)
    session.commit()
    assert stored(session, item)[0] == 0


def test_refreshing_tiers_keeps_the_records_datestamp(session):
    item = make_item(session, dc_type="Maison", rights=OPEN)  # written around the write path: no tiers yet
    before = session.scalar(select(Item.updated_at).where(Item.id == item.id))
    assert stored(session, item) == (None, None)
    assert refresh_all(session) >= 1
    assert stored(session, item) == (0, "A")
    assert session.scalar(select(Item.updated_at).where(Item.id == item.id)) == before


@pytest.fixture
def curator(client, session):
    user = make_user(session, role="curator")
    login(client, user)
    return user


def identifiers(html: str) -> set[str]:
    return set(re.findall(r'<span class="note">(EDM-\d+)</span>', html))


def test_the_catalog_filters_by_content_and_metadata_tier(client, session, settings, tmp_path, curator):
    written(session, "EDM-10", rights=OPEN)
    written(session, "EDM-11", rights=OPEN, dc_type="Maison")
    pictured = written(session, "EDM-12", rights=OPEN, dc_type="Maison")
    media_service.attach(session, pictured, image(tmp_path, 1200, 900), settings)
    session.commit()

    def shown(**query) -> set[str]:
        response = client.get("/workspace/europeana", params=query)
        assert response.status_code == 200
        return identifiers(response.text)

    assert shown(content="0") == {"EDM-10", "EDM-11"}
    assert shown(content="4") == {"EDM-12"}
    assert shown(metadata="0") == {"EDM-10"}
    assert shown(metadata="a") == {"EDM-11", "EDM-12"}
    assert shown(content="0", metadata="A") == {"EDM-11"}
    assert shown(content="3") == set()
    assert shown() == {"EDM-10", "EDM-11", "EDM-12"}


@pytest.mark.parametrize("query", [{"content": "5"}, {"content": "deux"}, {"metadata": "D"}, {"content": "-1"}])
def test_a_tier_that_does_not_exist_is_a_400_with_a_message(client, curator, query):
    response = client.get("/workspace/europeana", params=query)
    assert response.status_code == 400
    assert "Choisissez un niveau de contenu" in response.text


def test_visitors_never_see_the_tiers_catalog(client):
    assert client.get("/workspace/europeana").status_code == 401


def test_the_item_page_shows_its_tiers_and_what_to_add(client, session, curator):
    item = written(session, "EDM-20", rights="Tous droits réservés")
    page = client.get(f"/workspace/items/{item.identifier}")
    assert page.status_code == 200
    section = page.text[page.text.index('id="europeana"') :]
    assert "Niveaux Europeana" in section
    assert "Choisissez une licence ou une déclaration de droits" in section  # content: no licence Europeana takes
    assert "Ajoutez une date, un lieu, un sujet, un type ou un créateur." in section  # metadata: no searchable field


def test_a_marked_item_gone_from_the_session_is_skipped_at_the_commit(session):
    item = item_write.new(session, "EDM-30", "building", "draft")
    item_write.set_columns(item, {"language": "fr", "titles": {"fr": "Maison"}})
    session.flush()
    session.expunge(item)  # as after a rollback, or a request that let its objects go
    session.commit()  # nothing to refresh, and no attempt to load a detached object
    assert stored(session, item) == (None, None)
