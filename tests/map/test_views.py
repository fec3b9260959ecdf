"""/map without JavaScript: the list by distance, the filter form, place names by language; item pages' small maps.
The list is a search: its tests run with each search engine, the others (`one_engine`) once."""

import shutil

import numpy as np
import pytest
from pydantic import ValidationError

from app.config import Settings
from app.map.service import distances
from tests.map.conftest import ESCH
from tests.search.both_engines import app, one_engine, settings  # noqa: F401  (fixtures: each engine)
from tests.web.html import parse


def listed(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    items = parse(response.text).find("ol", class_="map-results").find_all("li")
    return [li.find("a").get("href").rsplit("/", 1)[1] for li in items]


def test_the_list_is_sorted_by_distance_from_the_chosen_place(client, museum):
    order = listed(client, "/map?near=esch-sur-alzette")
    assert set(order) == set(museum.public) and len(order) == len(museum.public)
    lat, lon = np.array([museum.public[i] for i in order]).T
    km = distances(lat, lon, *ESCH).tolist()
    assert km == sorted(km)
    assert order[0] == "ESCH-0"


def test_the_list_starts_from_the_museums_place_and_from_a_map_view(client, museum):
    assert listed(client, "/map")[0] == "VIL-00"
    assert listed(client, f"/map?lat={ESCH[0]}&lon={ESCH[1]}&zoom=15")[0] == "ESCH-0"


def test_the_list_shows_distances_and_never_private_items(client, museum):
    page = parse(client.get("/map?near=villerupt&lang=en").text)
    first = page.find("ol", class_="map-results").find("li")
    assert first.find("span", class_="map-distance").text == "0 m"
    text = page.text
    assert "secrète" not in text and "SECRET" not in text
    assert f"{len(museum.public)} items on the map, nearest to Villerupt first." in text
    # The postcard, and the sealed interview's notice (search lists its title, never its place).
    assert "2 more matching items have no location." in text


@pytest.mark.parametrize(
    "lang, name", [("fr", "Esch-sur-Alzette"), ("de", "Esch an der Alzette"), ("lb", "Esch-Uelzecht")]
)
def test_places_across_the_border_keep_their_name_in_each_language(client, museum, lang, name):
    page = parse(client.get(f"/map?near=esch-sur-alzette&lang={lang}").text)
    assert page.find("select", id="map-near").find("option", selected=True).text == name
    assert name in page.find("p", class_="result-count").text
    first = page.find("ol", class_="map-results").find("li")
    assert name in first.find("span", class_="card-meta").text


def test_the_filter_form_works_without_javascript_and_keeps_the_filters(client, museum):
    page = parse(client.get("/map?kind=artwork").text)
    form = page.find("form", class_="map-filters")
    assert form.get("method") == "get"
    assert {s.get("name") for s in form.find_all("select")} >= {"kind", "collection", "place", "period"}
    assert listed(client, "/map?kind=artwork") == ["ESCH-0"]
    assert listed(client, "/map?q=maison&period=1905-1909") == [f"VIL-0{n}" for n in range(5, 10)]
    near = page.find("form", class_="map-near")
    assert {i.get("name"): i.get("value") for i in near.find_all("input")} == {"kind": "artwork"}


def test_the_map_is_hidden_from_screen_readers_and_configured_from_the_settings(client, museum, settings):
    page = parse(client.get("/map?collection=acier").text)
    element = page.find("div", id="map")
    assert element.get("aria-hidden") == "true"
    assert element.get("data-tiles") == settings.map_tile_url
    assert element.get("data-filters") == "collection=acier"
    assert element.get("data-api") == "http://testserver/api/v1/map"
    assert "OpenStreetMap" in page.find("p", class_="map-credit").text


def test_pages_of_the_list_keep_the_place_and_a_page_past_the_end_is_not_found(client, museum, settings):
    settings.per_page = 5
    page = parse(client.get("/map?near=thil&kind=building").text)
    nxt = page.find("a", rel="next").get("href")
    assert "near=thil" in nxt and "kind=building" in nxt and "page=2" in nxt
    assert client.get("/map?near=thil&page=9").status_code == 404


@one_engine
@pytest.mark.parametrize(
    "query, words",
    [
        ("near=atlantis", "not a place with a location"),
        ("lat=north&lon=5", "latitude and longitude"),
        ("lat=95&lon=5", "latitude and longitude"),
        ("zoom=99", "zoom level"),
        ("kind=spaceship", "not a kind"),
    ],
)
def test_bad_parameters_are_a_clear_page(client, museum, query, words):
    response = client.get(f"/map?{query}&lang=en")
    assert response.status_code == 400
    assert "text/html" in response.headers["content-type"]
    assert words in response.text


@one_engine
def test_the_page_allows_the_tile_server_and_nothing_else_outside(client, museum):
    policy = client.get("/map").headers["content-security-policy"]
    img = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert img == "img-src 'self' data: https://tile.openstreetmap.org"
    assert "geolocation=(self)" in client.get("/map").headers["permissions-policy"]


@one_engine
def test_an_item_page_with_a_point_shows_a_small_map_and_links_its_place_to_the_map(client, museum):
    page = parse(client.get("/items/ESCH-2?lang=de").text)
    small = page.find("div", class_="item-map")
    assert small.get("aria-hidden") == "true"
    assert (float(small.get("data-lat")), float(small.get("data-lon"))) == pytest.approx(museum.public["ESCH-2"])
    place = page.find("a", href="http://testserver/map?near=esch-sur-alzette")
    assert place.text == "Esch an der Alzette"
    assert page.find("a", class_="map-link").get("href").startswith("http://testserver/map?lat=")


@one_engine
def test_an_item_without_a_point_has_no_small_map(client, museum):
    page = parse(client.get("/items/NOWHERE").text)
    assert not page.find_all("div", class_="item-map")
    assert "leaflet" not in client.get("/items/NOWHERE").text


@one_engine
def test_a_sealed_interviews_notice_shows_no_map_and_no_coordinates(client, museum):
    response = client.get("/items/SECRET-SEALED")
    assert response.status_code == 200  # its notice: the title only, until the seal opens
    assert "item-map" not in response.text and "49.47" not in response.text and "leaflet" not in response.text


@pytest.mark.parametrize("center", ["Villerupt", "49.4", "95,5", "49,5,6"])
def test_a_map_centre_that_is_not_a_point_is_refused_at_start_up(center, tmp_path):
    with pytest.raises(ValidationError, match="map_center"):
        Settings(map_center=center, media_dir=tmp_path)


def test_a_long_query_is_cut_as_on_the_search_page(client, museum):
    response = client.get("/map", params={"q": "maison " * 60})
    assert response.status_code == 200
    assert len(parse(response.text).find("input", id="map-q").get("value")) <= 200


@one_engine
def test_without_an_index_the_page_says_so_and_the_api_is_a_503(client, museum, settings):
    shutil.rmtree(settings.index_dir)
    page = client.get("/map?lang=en")
    assert page.status_code == 503 and "Search is being rebuilt" in page.text
    answer = client.get("/api/v1/map?bbox=5,49,7,50&zoom=8")
    assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
