"""A resident's memory about an item and the item link to each other; unpublished memories stay hidden."""

from app.item.kinds import DRAFT
from tests.factories import make_item


def test_an_item_lists_the_memories_about_it_and_each_memory_links_back(client, session):
    house = make_item(session, identifier="PA-MAISON", title="Maison du directeur")
    memory = make_item(
        session,
        identifier="MEMOIRE-00001",
        kind="document",
        title="Les Noëls de 1952",
        relation="PA-MAISON",
        date_text="1952",
    )
    make_item(session, identifier="MEMOIRE-00002", title="Souvenir pas encore relu", relation="PA-MAISON", status=DRAFT)

    page = client.get("/items/PA-MAISON", headers={"Accept-Language": "fr"}).text
    assert "Souvenirs des habitants" in page and 'href="http://testserver/items/MEMOIRE-00001"' in page
    assert "Les Noëls de 1952" in page and "pas encore relu" not in page

    back = client.get(f"/items/{memory.identifier}", headers={"Accept-Language": "fr"}).text
    assert f'href="http://testserver/items/{house.identifier}"' in back and "Maison du directeur" in back


def test_a_relation_to_no_published_item_is_shown_as_written(client, session):
    make_item(session, identifier="PA-BROUILLON", title="Brouillon", status=DRAFT)
    make_item(session, identifier="MEMOIRE-00003", relation="PA-BROUILLON")
    page = client.get("/items/MEMOIRE-00003").text
    assert "PA-BROUILLON" in page and "/items/PA-BROUILLON" not in page
