"""A resident's approved memory: its kind, its collection, its readable identifier, its links to the item it is
about (both ways), and the moderation queue's titles, through the real app."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from app.contribution import service as contribution_service
from app.contribution.models import Contribution
from app.item import service as item_service
from app.item.models import Item
from tests.contribution.helpers import alt_texts, photo, submit
from tests.factories import form, login, logout, make_collection, make_item, make_user
from tests.web.html import parse

BASE = "http://testserver"


@pytest.fixture
def house(session):
    return make_item(session, identifier="MAISON-12", title="Maison du directeur")


@pytest.fixture
def residents(session):
    return make_collection(session, slug="memoire-vive", titles={"fr": "Mémoire vive"})


def _sent_about(client, session, item) -> Contribution:
    assert submit(client, files=[photo()], item=item.identifier).status_code == 303
    return contribution_service.get(session, session.scalar(select(func.max(Contribution.id))))


def _approve(client, contribution, **fields):
    data = form(client, title="Le bureau du directeur", story=contribution.story, date_text="1958", place="")
    data |= {"place_text": "", "item": contribution.target_item.identifier, "collection": "memoire-vive"}
    data |= alt_texts(contribution) | fields
    return client.post(f"/workspace/contributions/{contribution.id}/approve?lang=en", data=data, follow_redirects=False)


def test_an_approved_memory_is_a_memory_in_the_residents_collection_linked_both_ways(client, session, house, residents):
    contribution = _sent_about(client, session, house)
    assert contribution.target_item_id == house.id
    login(client, make_user(session, role="supervisor"))
    assert _approve(client, contribution).status_code == 303
    memory = item_service.get_with_details(session, contribution.created_item.identifier)
    assert memory.kind == "memory" and [c.slug for c in memory.collections] == ["memoire-vive"]
    assert re.fullmatch(rf"VIL-{date.today().year}-\d{{4}}", memory.identifier)
    assert memory.media[0].alt_texts == {"fr": "Une rue de Villerupt (1)"}
    logout(client)
    page = parse(client.get(f"/items/{memory.identifier}?lang=en").text)
    assert page.find("a", href=f"{BASE}/items/MAISON-12"), "the memory links to the item it is about"
    assert "Memory" in page.text
    about = parse(client.get("/items/MAISON-12?lang=en").text).find("section", aria_labelledby="memories-title")
    assert [(a.text, a.get("href")) for a in about.find_all("a")] == [
        ("Le bureau du directeur", f"{BASE}/items/{memory.identifier}")
    ]
    listed = client.get("/api/v1/items", params={"kind": "memory"}).json()
    assert [found["identifier"] for found in listed["items"]] == [memory.identifier]


def test_the_moderator_may_file_the_memory_in_another_collection_but_not_an_unknown_one(
    client, session, house, residents
):
    other = make_collection(session, slug="la-cite")
    contribution = _sent_about(client, session, house)
    login(client, make_user(session, role="supervisor"))
    refused = _approve(client, contribution, collection="nulle-part")
    assert refused.status_code == 400 and contribution.created_item_id is None
    assert "Choose a collection from the list." in parse(refused.text).find(id="review-collection-error").text
    assert _approve(client, contribution, collection=other.slug).status_code == 303
    memory = item_service.get_with_details(session, contribution.created_item.identifier)
    assert [c.slug for c in memory.collections] == ["la-cite"]


def test_approving_photos_without_alternative_text_is_refused_naming_them(client, session, house, residents):
    contribution = _sent_about(client, session, house)
    login(client, make_user(session, role="supervisor"))
    refused = _approve(client, contribution, **{f"alt_{contribution.files[0].id}": " "})
    assert refused.status_code == 422 and contribution.status == "pending" and contribution.created_item_id is None
    assert "alternative text" in refused.text and "“photo 1”" in parse(refused.text).find(id="review-alt-error").text
    api = client.post(
        f"/api/v1/contributions/{contribution.id}/approve?lang=en",
        headers={"Accept": "application/json"} | _bearer(session),
        json={"title": "Le bureau"},
    )
    assert api.status_code == 422 and api.headers["content-type"] == "application/problem+json"
    assert "“photo 1”" in api.json()["detail"] and session.scalar(select(Item).where(Item.kind == "memory")) is None


def _bearer(session):
    from tests.factories import bearer

    return bearer(session, make_user(session, role="supervisor"))


def test_the_queue_shows_the_titles_of_the_contribution_and_of_the_item_it_is_about(client, session, house, residents):
    contribution = _sent_about(client, session, house)
    login(client, make_user(session, role="curator"))
    entry = parse(client.get("/workspace/contributions?lang=en").text).find("ul", class_="contribution-queue")
    entry = entry.find("li")
    assert entry.find("a", href=f"{BASE}/workspace/contributions/{contribution.id}").text == (
        "L'épicerie de mon grand-père"
    )
    assert "About: Maison du directeur" in entry.text and "MAISON-12" not in entry.text
    assert entry.find("a", href=f"{BASE}/items/MAISON-12").text == "Maison du directeur"
