"""Walking tours and their stops have QR codes and plaques too: a published tour's code and each stop's decode to
their permanent addresses with `?via=qr`, a visit from them is counted, and an unpublished tour has none."""

import pytest
from sqlalchemy import select

from app.clock import utcnow
from app.plaque.models import PlaqueVisit
from tests.factories import login, make_user
from tests.plaque.helpers import decode_png, decode_svg
from tests.tour.conftest import build_tour, make_places
from tests.web.html import parse


@pytest.fixture
def places(session, settings):
    return make_places(session, settings, images=False)


def test_a_tour_and_its_stops_have_codes_that_lead_to_them(client, session, settings, places):
    tour = build_tour(session, settings, places, with_audio=False)
    cases = {
        f"/qr/tour/{tour.slug}.png": f"http://testserver/tours/{tour.slug}?via=qr",
        f"/qr/stop/{tour.slug}/2.svg": f"http://testserver/tours/{tour.slug}/stops/2?via=qr",
    }
    for address, url in cases.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert (decode_png if address.endswith(".png") else decode_svg)(response.content) == url
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    today = utcnow().date()
    session.expire_all()
    counts = {(row.path, row.day): row.count for row in session.scalars(select(PlaqueVisit))}
    assert counts == {(f"/tours/{tour.slug}", today): 1, (f"/tours/{tour.slug}/stops/2", today): 1}
    for missing in (f"/qr/stop/{tour.slug}/9.png", f"/qr/stop/{tour.slug}/x.png", "/qr/tour/nulle-part.png"):
        assert client.get(missing).status_code == 404, missing


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_a_tour_that_is_not_published_has_no_code_and_counts_nothing(client, session, settings, places, status):
    tour = build_tour(session, settings, places, status=status, with_audio=False)
    assert client.get(f"/qr/tour/{tour.slug}.png").status_code == 404
    assert client.get(f"/qr/stop/{tour.slug}/1.png").status_code == 404
    client.get(f"/tours/{tour.slug}?via=qr")
    assert session.scalars(select(PlaqueVisit)).all() == []


def test_a_stops_plaque_is_titled_by_the_stop_and_its_tour(client, session, settings, places):
    tour = build_tour(session, settings, places, with_audio=False)
    login(client, make_user(session, role="curator"))
    page = parse(client.get("/workspace/plaques", params={"records": f"/tours/{tour.slug}/stops/2"}).text)
    assert "La mine — La route du fer" in page.text
    sheet = client.get("/workspace/plaques/print", params={"layout": "plaque", "records": f"/tours/{tour.slug}"})
    assert sheet.status_code == 200 and "La route du fer" in sheet.text and "Die Eisenstraße" in sheet.text
