"""/api/v1/map over HTTP: valid GeoJSON, clusters that add up, the search's filters, nothing private, clear refusals;
the points read from each search engine's index."""

import math

import pytest
from geojson_pydantic import FeatureCollection

from tests.map.conftest import ESCH, VILLERUPT
from tests.search.both_engines import app, index_of, one_engine, settings  # noqa: F401  (fixtures: each engine)

WORLD = "-180,-90,180,90"
BORDER = "5.85,49.40,6.05,49.55"  # Villerupt, Thil, Audun-le-Tiche and Esch-sur-Alzette, across the border
TOWN = "5.925,49.46,5.97,49.51"  # Villerupt's street only


def answer(client, bbox: str, zoom: int, **params) -> dict:
    response = client.get("/api/v1/map", params={"bbox": bbox, "zoom": zoom, **params})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/geo+json"
    body = response.json()
    FeatureCollection.model_validate(body)  # RFC 7946's shapes
    return body


def inside(point: tuple[float, float], bbox: str) -> bool:
    west, south, east, north = (float(v) for v in bbox.split(","))
    return west <= point[1] <= east and south <= point[0] <= north


def members(body: dict) -> int:
    return sum(feature["properties"]["count"] for feature in body["features"])


# The zooms in one test per box: the museum is built once for the seven (and for each engine).
@pytest.mark.parametrize("bbox", [WORLD, BORDER, TOWN, "5.95,49.49,6.0,49.52"])
def test_counts_add_up_to_the_public_items_in_the_box_at_every_zoom(client, museum, bbox):
    expected = sum(inside(point, bbox) for point in museum.public.values())
    for zoom in (0, 3, 8, 12, 15, 18, 20):
        body = answer(client, bbox, zoom)
        assert members(body) == body["total"] == expected, zoom
        assert len(body["features"]) < 300, zoom
        for feature in body["features"]:
            lon, lat = feature["geometry"]["coordinates"]
            assert inside((lat, lon), bbox), f"zoom {zoom}: a cluster's point lies among its members, in the box"
            if feature["properties"]["cluster"]:
                west, south, east, north = feature["bbox"]
                assert west <= lon <= east and south <= lat <= north, zoom


def test_the_world_is_one_cluster_and_a_street_is_single_items(client, museum):
    world = answer(client, WORLD, 0)
    assert [f["properties"]["count"] for f in world["features"]] == [len(museum.public)]
    street = answer(client, TOWN, 18)
    singles = {f["properties"]["identifier"]: f for f in street["features"] if not f["properties"]["cluster"]}
    assert set(singles) == {identifier for identifier, point in museum.public.items() if inside(point, TOWN)}
    house = singles["VIL-03"]
    lon, lat = house["geometry"]["coordinates"]
    assert (lat, lon) == pytest.approx(museum.public["VIL-03"]), "RFC 7946: longitude first"
    assert house["id"] == "VIL-03"
    assert house["properties"]["url"].endswith("/items/VIL-03")
    assert house["properties"]["title"] == "Maison ouvrière 3"
    assert house["properties"]["thumbnail"] is None


def test_a_cluster_carries_the_box_of_its_members_to_zoom_to(client, museum):
    body = answer(client, BORDER, 9)
    clusters = [f for f in body["features"] if f["properties"]["cluster"]]
    assert clusters
    for cluster in clusters:
        west, south, east, north = cluster["bbox"]
        within = [p for p in museum.public.values() if west <= p[1] <= east and south <= p[0] <= north]
        assert len(within) >= cluster["properties"]["count"]
        zoomed = answer(client, ",".join(str(v) for v in cluster["bbox"]), 18)
        assert zoomed["total"] == len(within)


def test_the_border_box_holds_both_countries_and_titles_follow_the_language(client, museum):
    body = answer(client, "5.97,49.49,6.0,49.51", 20, lang="lb")
    titles = {f["properties"]["title"] for f in body["features"] if not f["properties"]["cluster"]}
    assert "Héichuewen 1" in titles  # Luxembourgish where the record has it
    assert {f["properties"]["place"] for f in body["features"] if not f["properties"]["cluster"]} == {"Esch-Uelzecht"}
    both = answer(client, BORDER, 11)
    assert both["total"] == sum(inside(p, BORDER) for p in museum.public.values())
    lons = [f["geometry"]["coordinates"][0] for f in both["features"]]
    assert min(lons) < VILLERUPT[1] + 0.05 and max(lons) > ESCH[1] - 0.02


@pytest.mark.parametrize("bbox", ["-10,-10,-9,-9", "150,60,170,70", "5.0,49.0,5.0,49.0"])
def test_an_empty_area_is_an_empty_collection(client, museum, bbox):
    body = answer(client, bbox, 10)
    assert body["features"] == [] and body["total"] == 0


def test_unpublished_sealed_and_withdrawn_items_never_appear(client, museum):
    for zoom in range(0, 21, 2):
        body = answer(client, WORLD if zoom < 6 else "5.93,49.46,5.95,49.48", zoom, q="secrète")
        assert body["total"] == 0
    close = answer(client, "5.939,49.469,5.941,49.471", 20)
    assert close["features"] == []
    everything = answer(client, WORLD, 0)
    assert everything["total"] == len(museum.public)


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "artwork"},
        {"collection": "acier"},
        {"place": "esch-sur-alzette"},
        {"period": "1900-1904"},
        {"q": "fourneau"},
        {"q": "maison", "period": "1905-1920"},
        {"q": "Hochofen"},  # the glossary's German for haut-fourneau, as search finds it
    ],
)
def test_the_filters_select_the_same_items_as_search(client, museum, params):
    found = client.get("/api/v1/search", params={**params, "per_page": 100}).json()
    located = {hit["identifier"] for hit in found["results"]} & set(museum.public)
    assert located, "each case finds something"
    body = answer(client, WORLD, 20, **params)
    assert body["total"] == len(located)
    street = answer(client, "5.85,49.40,6.05,49.55", 20, **params)
    singles = {f["properties"]["identifier"] for f in street["features"] if not f["properties"]["cluster"]}
    clustered = sum(f["properties"]["count"] for f in street["features"] if f["properties"]["cluster"])
    assert singles <= located and len(singles) + clustered == len(located)


@one_engine
@pytest.mark.parametrize(
    "query, words",
    [
        ("bbox=10,40,5,50&zoom=3", "180th meridian"),
        ("bbox=170,-10,-170,10&zoom=3", "180th meridian"),
        ("bbox=5,50,6,49&zoom=3", "south"),
        ("bbox=5,49,6&zoom=3", "not a box"),
        ("bbox=a,b,c,d&zoom=3", "not a box"),
        ("bbox=nan,49,6,50&zoom=3", "not a box"),
        ("bbox=-200,49,6,50&zoom=3", "between longitudes"),
        ("bbox=5,-91,6,50&zoom=3", "between longitudes"),
        ("zoom=3", "not a box"),
        ("bbox=5,49,6,50", "zoom"),
        ("bbox=5,49,6,50&zoom=21", "zoom"),
        ("bbox=5,49,6,50&zoom=-1", "zoom"),
        ("bbox=5,49,6,50&zoom=1.5", "zoom"),
        ("bbox=5,49,6,50&zoom=3&kind=spaceship", "kind"),
        ("bbox=5,49,6,50&zoom=3&period=later", "period"),
    ],
)
def test_bad_boxes_zooms_and_filters_are_clear_problem_details(client, museum, query, words):
    response = client.get(f"/api/v1/map?{query}&lang=en")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert words in response.json()["detail"]


@one_engine
def test_refusals_speak_the_visitors_language(client, museum):
    response = client.get("/api/v1/map?bbox=10,40,5,50&zoom=3&lang=de")
    assert "Meridian" in response.json()["detail"]


def test_a_box_wider_than_any_screen_at_a_street_zoom_still_stays_under_300_features(client, session, settings, app):
    from app.item import search as item_search
    from tests.factories import make_item

    for n in range(900):  # a 30 x 30 grid over Lorraine and Luxembourg
        make_item(session, latitude=49.0 + (n // 30) * 0.03, longitude=5.5 + (n % 30) * 0.03)
    session.flush()
    index = index_of(app, settings)
    index.rebuild(item_search.documents(session))
    index.close()
    for zoom in (5, 10, 15, 20):
        body = answer(client, "5.4,48.9,6.5,50.0", zoom)
        assert body["total"] == 900 and len(body["features"]) < 300
        assert not any(math.isnan(c) for f in body["features"] for c in f["geometry"]["coordinates"])
