"""A sealed interview in the lists (browse, the home page): its notice only, as on its page, in search and in the
API. No date, place or picture on its card, no filter by its details (its collections included, which its API
record empties) finds it, the date order does not place it among the dated items, and it gives no collection its
cover."""

from datetime import date

import pytest
from sqlalchemy import update

from app.interview.models import Interview
from app.media import service as media_service
from tests.account.routes import _image
from tests.factories import make_collection, make_item, make_place
from tests.interview.conftest import set_access
from tests.web.html import parse

SEALED_UNTIL = date(2051, 3, 1)


@pytest.fixture
def sealed(session, settings):
    """A sealed interview of 1962 in Audun-le-Tiche, with a photograph, pinned, in a collection (its only item)."""
    place = make_place(session, "Audun-le-Tiche")
    item = make_item(
        session,
        identifier="OH-SEALED",
        kind="interview",
        title="Souvenirs de la mine",
        date_text="1962",
        date_earliest=1962,
        date_latest=1962,
        place_id=place.id,
        featured=True,
    )
    media = media_service.attach(
        session,
        item,
        _image(settings.media_dir.parent),
        settings,
        background=False,
        rights="https://creativecommons.org/licenses/by/4.0/",
    )
    make_collection(session, [item], slug="memoires", titles={"fr": "Mémoires"})
    set_access(session, item, "sealed", SEALED_UNTIL)
    return item, place, media


def _card(html: str, title: str):
    for card in parse(html).find_all("article", class_="card"):
        if title in card.text:
            return card
    return None


def _pictures(card) -> str:
    """Every address of a picture in the card."""
    return " ".join(str(value) for element in card.iter() for value in element.attrs.values())


@pytest.mark.parametrize("url", ["/items?kind=interview", "/"])
def test_its_card_is_its_notice_title_and_kind_only(client, sealed, url):
    item, place, media = sealed
    page = client.get(url)
    assert page.status_code == 200
    card = _card(page.text, "Souvenirs de la mine")
    assert card is not None, url  # on the home page, among the newest items, not among the pictured ones
    assert "1962" not in card.text and "Audun" not in card.text
    assert media.sha256 not in _pictures(card)
    assert media.sha256 not in page.text  # nor as the collection's cover, nor a pinned item's picture


def test_no_filter_by_its_details_finds_it(client, session, sealed):
    item, place, media = sealed
    for query in ("period=1960-1969", "period=1962", f"place={place.slug}", "collection=memoires"):
        assert "OH-SEALED" not in client.get(f"/items?{query}").text, query
        assert client.get(f"/api/v1/items?{query}").json()["total"] == 0, query
    assert client.get("/api/v1/items?kind=interview").json()["total"] == 1  # it is listed, as its notice
    collection = client.get("/collections/memoires").text
    assert "Souvenirs de la mine" not in collection and media.sha256 not in collection  # nor its cover


def test_the_date_order_puts_it_with_the_undated_items(client, session, sealed):
    make_item(
        session,
        identifier="OH-OPEN",
        kind="interview",
        title="Zola à Villerupt",
        date_text="1990",
        date_earliest=1990,
        date_latest=1990,
    )
    listed = client.get("/api/v1/items?kind=interview&sort=date").json()["items"]
    assert [entry["identifier"] for entry in listed] == ["OH-OPEN", "OH-SEALED"]


def test_once_the_seal_opens_it_is_listed_with_its_details(client, session, sealed):
    item, place, media = sealed
    session.execute(update(Interview).where(Interview.item_id == item.id).values(sealed_until=date.today()))
    card = _card(client.get("/items?kind=interview").text, "Souvenirs de la mine")
    assert "1962" in card.text and "Audun-le-Tiche" in card.text and media.sha256 in _pictures(card)
    assert "OH-SEALED" in client.get("/items?period=1960-1969").text
    collection = client.get("/collections/memoires").text
    assert "Souvenirs de la mine" in collection and media.sha256 in collection
