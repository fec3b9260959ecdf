"""QR codes of public records, `/qr/{kind}/{key}.png|svg`: each decodes back to exactly the record's permanent
address with `?via=qr`; nothing that is not public has one; sizes are bounded; answers are cached by ETag."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.main import create_app
from app.web.deps import get_session
from tests.factories import make_item
from tests.interview.factories import make_interview
from tests.plaque.helpers import church, decode_png, decode_svg, furnaces


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_codes_of_an_item_an_exhibit_and_a_page_decode_to_their_addresses(client, session, fmt):
    item, exhibit = church(session), furnaces(session)
    decode = decode_png if fmt == "png" else decode_svg
    cases = {
        f"/qr/item/{item.identifier}.{fmt}": f"http://testserver/items/{item.identifier}?via=qr",
        f"/qr/exhibit/{exhibit.slug}.{fmt}": f"http://testserver/exhibits/{exhibit.slug}?via=qr",
        f"/qr/exhibit-page/{exhibit.slug}/la-coulee.{fmt}": f"http://testserver/exhibits/{exhibit.slug}/la-coulee?via=qr",
    }
    for address, url in cases.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert response.headers["content-type"].startswith("image/png" if fmt == "png" else "image/svg+xml")
        assert decode(response.content) == url
        # The address the code leads to is the record's page, and it is public.
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


@pytest.fixture
def public_client(settings, session) -> Iterator[TestClient]:
    """The app with its public base URL set, as on the server: codes name the public site, whatever the Host."""
    app = create_app(settings.model_copy(update={"public_base_url": "https://villerupt.example"}))

    def _session() -> Iterator[Session]:
        yield session
        session.flush()

    app.dependency_overrides[get_session] = _session
    with TestClient(app) as client:
        yield client


def test_codes_name_the_public_base_url(public_client, session):
    item = church(session)
    response = public_client.get(f"/qr/item/{item.identifier}.png")
    assert decode_png(response.content) == f"https://villerupt.example/items/{item.identifier}?via=qr"


def test_scale_and_border_change_the_image_and_still_decode(client, session):
    item = church(session)
    small = client.get(f"/qr/item/{item.identifier}.png?scale=4&border=2")
    large = client.get(f"/qr/item/{item.identifier}.png?scale=20&border=6")
    assert len(small.content) < len(large.content)
    assert decode_png(small.content) == decode_png(large.content) == f"http://testserver/items/{item.identifier}?via=qr"


@pytest.mark.parametrize(
    "query", ["scale=0", "scale=41", "scale=100000", "scale=abc", "border=-1", "border=9", "scale=2.5", "border=x"]
)
def test_bad_sizes_are_refused_with_a_page_in_the_visitors_language(client, session, query):
    item = church(session)
    response = client.get(f"/qr/item/{item.identifier}.png?{query}&lang=de")
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"] and "ist ungültig" in response.text


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_records_that_are_not_public_have_no_code(client, session, status):
    item = church(session, status=status)
    exhibit = furnaces(session, status=status)
    for address in (
        f"/qr/item/{item.identifier}.png",
        f"/qr/exhibit/{exhibit.slug}.svg",
        f"/qr/exhibit-page/{exhibit.slug}/la-coulee.png",
    ):
        assert client.get(address).status_code == 404, address


def test_guessed_addresses_are_not_found(client, session):
    item, exhibit = church(session), furnaces(session)
    withdrawn_interview = make_interview(session, "withdrawn")
    for address in (
        "/qr/item/NO-SUCH-ITEM.png",
        f"/qr/item/{withdrawn_interview.identifier}.png",  # restricted: a withdrawn interview has no public page
        f"/qr/exhibit/{item.identifier}.png",  # an item's identifier is no exhibit
        f"/qr/exhibit-page/{exhibit.slug}/no-such-page.png",
        f"/qr/exhibit-page/{exhibit.slug}.png",
        f"/qr/exhibit/{exhibit.slug}/la-coulee.png",
        "/qr/tour/anything.png",  # no such kind (yet)
        f"/qr/item/{item.identifier}/extra.png",
        f"/qr/item/{item.identifier}.gif",
        "/qr/item/.png",
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "text/html" in response.headers["content-type"]


def test_codes_are_cached_and_revalidated_by_etag(client, session):
    item = make_item(session)
    first = client.get(f"/qr/item/{item.identifier}.svg")
    assert first.headers["cache-control"].startswith("public") and first.headers["etag"]
    again = client.get(f"/qr/item/{item.identifier}.svg", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
    other = client.get(f"/qr/item/{item.identifier}.svg?scale=5")
    assert other.headers["etag"] != first.headers["etag"]
    assert first.headers["etag"] != client.get(f"/qr/item/{item.identifier}.png").headers["etag"]


def test_the_exhibit_booklet_uses_the_same_qr_codes(app):
    from app.plaque import qr

    assert app.state.templates.env.globals["qr_svg"] is qr.qr_svg
    svg = str(qr.qr_svg("https://villerupt.example/items/X"))
    assert svg.startswith('<svg aria-hidden="true" ') and 'class="qr-code"' in svg
