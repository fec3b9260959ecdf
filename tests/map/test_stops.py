"""The stops of published walking tours are on the map and in its list while nothing is filtered: a stop alone
is a point leading to its page, close stops and items share clusters, and no stop of an unpublished tour shows."""

import pytest

from tests.map.test_api import BORDER, WORLD, answer, members
from tests.tour.conftest import AUMETZ_MINE, MICHEVILLE, VILLERUPT, build_tour, make_places
from tests.web.html import parse

# build_tour's stops: Villerupt's centre, the Bassompierre mine at Aumetz, Micheville's furnace.
AROUND = "5.80,49.30,6.10,49.60"


@pytest.fixture
def tours(session, settings, museum):
    places = make_places(session, settings, images=False)
    published = build_tour(session, settings, places, with_audio=False)
    draft = build_tour(session, settings, places, status="draft", slug="brouillon", with_audio=False)
    return published, draft


def stops(body: dict) -> list[dict]:
    return [feature for feature in body["features"] if feature["properties"].get("stop")]


def test_a_published_tours_stops_are_points_leading_to_their_pages(client, tours, museum):
    published, _draft = tours
    found = {}
    for point in (VILLERUPT, AUMETZ_MINE, MICHEVILLE):  # a street's view around each stop: the stop alone
        box = f"{point[1] - 0.001},{point[0] - 0.001},{point[1] + 0.001},{point[0] + 0.001}"
        found |= {feature["properties"]["url"]: feature for feature in stops(answer(client, box, 18, lang="de"))}
    assert set(found) == {f"http://testserver/tours/{published.slug}/stops/{n}" for n in (1, 2, 3)}
    first = found[f"http://testserver/tours/{published.slug}/stops/1"]["properties"]
    assert first["title"] == "Ortsmitte" and first["place"] == "Die Eisenstraße"
    assert first["kind_name"] == "Station eines Rundgangs"
    for url in found:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_stops_are_counted_in_the_clusters_and_no_draft_tours(client, tours, museum):
    points = [*museum.public.values(), VILLERUPT, AUMETZ_MINE, MICHEVILLE]
    in_border = sum(1 for point in points if 5.85 <= point[1] <= 6.05 and 49.40 <= point[0] <= 49.55)
    body = answer(client, BORDER, 8)
    assert members(body) == body["total"] == in_border
    assert not any("brouillon" in f["properties"].get("url", "") for f in answer(client, WORLD, 18)["features"])


@pytest.mark.parametrize("params", [{"q": "maison"}, {"kind": "building"}, {"place": "villerupt"}])
def test_stops_are_not_catalog_items_so_filters_leave_them_out(client, tours, museum, params):
    assert stops(answer(client, AROUND, 18, **params)) == []


def test_the_list_by_distance_has_the_stops_too(client, tours, museum):
    published, _draft = tours
    page = parse(client.get("/map?near=villerupt&lang=en").text)
    lines = page.find("ol", class_="map-results").find_all("li")
    stop_lines = [li for li in lines if "/tours/" in (li.find("a").get("href") or "")]
    assert stop_lines and all("Stop of a walking tour" in li.text for li in stop_lines)
    assert f"/tours/{published.slug}/stops/1" in stop_lines[0].find("a").get("href")
    filtered = parse(client.get("/map?near=villerupt&kind=building").text).find("ol", class_="map-results")
    assert not any("/tours/" in (a.get("href") or "") for a in filtered.find_all("a"))
