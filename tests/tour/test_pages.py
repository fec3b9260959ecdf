"""The public tour pages and API: only published tours, their stops in order with the distances between them,
each stop's public item image at phone size, its audio and exhibit page; nothing unpublished, whatever the URL."""

import pytest
from sqlalchemy import select

from app.media.models import Media
from app.tour import geometry
from tests.tour.conftest import AUMETZ_MINE, MICHEVILLE, VILLERUPT, build_tour
from tests.tour.forms import speak
from tests.web.html import parse


@pytest.fixture(autouse=True)
def english(client):
    speak(client, "en")


def test_the_list_shows_published_tours_only(client, session, settings, places, tour):
    build_tour(session, settings, places, status="draft", slug="brouillon")
    page = parse(client.get("/tours").text)
    titles = [a.text for a in page.find("ul", class_="tour-list").find_all("a")]
    assert titles == ["The iron road"]
    data = client.get("/api/v1/tours").json()
    assert data["total"] == 1 and data["tours"][0]["slug"] == "route-du-fer"


def test_the_tour_page_lists_the_stops_in_order_with_their_distances(client, tour):
    answer = client.get("/tours/route-du-fer")
    assert answer.status_code == 200
    assert "geolocation=(self)" in answer.headers["permissions-policy"]
    page = parse(answer.text)
    stops = page.find("ol", class_="tour-stops").find_all("li")
    assert [li.find("h3").text for li in stops] == ["Le centre de Villerupt", "The mine", "Le haut-fourneau"]
    first = geometry.distance_m(VILLERUPT, AUMETZ_MINE)
    assert f"{first / 1000:.1f} km as the crow flies" in stops[0].text
    assert page.find("svg", class_="tour-route-drawing").get("role") == "img"
    assert len(page.find("svg", class_="tour-route-drawing").find_all("circle")) == 3
    assert page.find(id="tour-offline").get("data-pack").endswith("/tours/route-du-fer/pack.json")
    assert page.find("link", rel="manifest").get("href").endswith("/tours/manifest.webmanifest")


def test_a_stop_page_shows_its_text_image_audio_exhibit_and_neighbours(client, tour):
    page = parse(client.get("/tours/route-du-fer/stops/2").text)
    assert page.find("h1").text == "The mine"
    image = page.find("figure", class_="tour-stop-image").find("img")
    assert image.get("src").endswith("/medium.jpg") and image.get("alt") == "Le chevalement de la mine"
    audio = page.find("audio")
    assert client.get(audio.get("src")).headers["content-type"] == "audio/mpeg"
    assert page.find("a", rel="prev").get("href").endswith("/tours/route-du-fer/stops/1")
    assert page.find("a", rel="next").get("href").endswith("/tours/route-du-fer/stops/3")
    nxt = page.find(id="tour-next")
    assert (float(nxt.get("data-latitude")), float(nxt.get("data-longitude"))) == MICHEVILLE
    assert "never sent" in nxt.text
    third = parse(client.get("/tours/route-du-fer/stops/3").text)
    assert any(a.get("href").endswith("/exhibits/route-du-fer-expo/le-fer") for a in third.find_all("a"))
    assert not third.find_all(id="tour-next") and not third.find_all("a", rel="next")


@pytest.mark.parametrize("path", ["/tours/route-du-fer/stops/0", "/tours/route-du-fer/stops/4", "/tours/nowhere"])
def test_a_stop_or_tour_that_does_not_exist_is_a_404_page(client, tour, path):
    answer = client.get(path)
    assert answer.status_code == 404 and "text/html" in answer.headers["content-type"]


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_an_unpublished_tour_is_never_public_whatever_the_url(client, session, settings, places, status):
    tour = build_tour(session, settings, places, status=status)
    audio = f"/tours/route-du-fer/audio/{tour.stops[1].audio_sha256}.mp3"
    for path in ("/tours/route-du-fer", "/tours/route-du-fer/stops/1", "/tours/route-du-fer/pack.json", audio):
        assert client.get(path).status_code == 404, path
    assert client.get("/api/v1/tours/route-du-fer").status_code == 404
    assert client.get("/api/v1/tours").json()["total"] == 0
    assert "route-du-fer" not in client.get("/tours").text


def test_an_unpublished_item_of_a_published_tour_shows_neither_title_nor_image(client, session, tour, places):
    places["mine"].status = "withdrawn"
    session.flush()
    page = client.get("/tours/route-du-fer/stops/2").text
    assert "Mine Bassompierre" not in page and "medium.jpg" not in page
    image = session.scalars(select(Media).where(Media.item_id == places["mine"].id)).one()
    assert image.sha256 not in client.get("/tours/route-du-fer/pack.json").text
    stop = client.get("/api/v1/tours/route-du-fer").json()["route"][1]
    assert stop["item"] is None and stop["image"] is None


def test_an_exhibit_page_withdrawn_is_no_longer_linked(client, session, tour, places):
    places["exhibit"].status = "withdrawn"
    session.flush()
    assert "/exhibits/route-du-fer-expo" not in client.get("/tours/route-du-fer/stops/3").text


def test_the_audio_needs_the_right_hash_and_extension(client, tour):
    sha = tour.stops[1].audio_sha256
    assert client.get(f"/tours/route-du-fer/audio/{sha}.mp3").status_code == 200
    assert client.get(f"/tours/route-du-fer/audio/{sha}.wav").status_code == 404
    assert client.get(f"/tours/route-du-fer/audio/{'0' * 64}.mp3").status_code == 404
    assert client.get("/tours/route-du-fer/audio/..%2F..%2Fsecret.mp3").status_code == 404


def test_the_json_api_gives_the_route_with_positions_and_distances(client, tour):
    data = client.get("/api/v1/tours/route-du-fer?lang=de").json()
    assert data["title"] == "Die Eisenstraße" and data["languages"] == ["fr", "de", "en"] and data["stops"] == 3
    route = data["route"]
    assert [(s["latitude"], s["longitude"]) for s in route] == [VILLERUPT, AUMETZ_MINE, MICHEVILLE]
    assert route[0]["next_m"] == pytest.approx(geometry.distance_m(VILLERUPT, AUMETZ_MINE), abs=0.1)
    assert route[-1]["next_m"] is None
    assert data["length_m"] == pytest.approx(sum(s["next_m"] or 0 for s in route), abs=0.5)
    assert route[1]["item"]["identifier"] == "T-MINE" and route[1]["image"]["url"].endswith("medium.jpg")
    assert route[1]["audio"].endswith(".mp3") and route[2]["exhibit"]["page"] == "le-fer"
    assert route[0]["url"].endswith("/tours/route-du-fer/stops/1")


def test_the_pack_lists_every_page_image_and_sound_with_its_size(client, settings, tour):
    pack = client.get("/tours/route-du-fer/pack.json").json()
    urls = [entry["url"] for entry in pack["files"]]
    assert urls[:4] == ["/tours/route-du-fer", *(f"/tours/route-du-fer/stops/{n}" for n in (1, 2, 3))]
    assert "/tours" in urls and "/api/v1/tours/route-du-fer" in urls
    images = [entry for entry in pack["files"] if entry["kind"] == "image"]
    assert len(images) == 2 and all(entry["url"].endswith("/medium.jpg") for entry in images)
    for entry in images:
        assert entry["bytes"] == (settings.media_dir / entry["url"].removeprefix("/media/")).stat().st_size
        assert client.get(entry["url"]).status_code == 200
    sounds = [entry for entry in pack["files"] if entry["kind"] == "audio"]
    assert len(sounds) == 1 and sounds[0]["bytes"] == len(client.get(sounds[0]["url"]).content)
    assert any(entry["url"].startswith("/static/css/museum.css?v=") for entry in pack["files"])
    assert pack["bytes"] == sum(entry["bytes"] for entry in pack["files"]) < pack["limit_bytes"] == 25_000_000
    for entry in pack["files"]:
        assert client.get(entry["url"]).status_code == 200, entry["url"]


def test_the_service_worker_and_manifest_cover_the_tours(client):
    worker = client.get("/tours/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert worker.headers["cache-control"] == "no-cache"
    assert "worker-src" not in worker.headers["content-security-policy"]  # default-src 'self' allows it
    assert "default-src 'self'" in worker.headers["content-security-policy"]
    manifest = client.get("/tours/manifest.webmanifest").json()
    assert manifest["scope"] == "/tours" and manifest["start_url"] == "/tours"
    assert worker.headers["service-worker-allowed"] == "/tours"


def test_the_cover_shows_while_its_item_is_published(client, session, tour, places):
    from app.publishing import revisions
    from app.tour import editing
    from app.tour.publishing import TOUR

    cover = editing.cover_choices(session, tour)[0]
    editing.update(session, tour, {"cover": cover}, None, revisions.latest_number(session, TOUR, tour.id))
    session.flush()
    page = parse(client.get("/tours/route-du-fer").text)
    image = page.find("figure", class_="tour-stop-image").find("img")
    assert image.get("alt") == "Le chevalement de la mine" and cover.sha256 in image.get("src")
    assert cover.sha256 in client.get("/tours").text
    places["mine"].status = "withdrawn"
    session.flush()
    assert cover.sha256 not in client.get("/tours/route-du-fer").text
    assert cover.sha256 not in client.get("/tours").text


def test_the_staff_preview_a_draft_tour(client, session, settings, places, curator):
    from tests.factories import login

    build_tour(session, settings, places, status="draft")
    assert client.get("/workspace/tours/route-du-fer/preview").status_code == 401
    login(client, curator)
    page = parse(client.get("/workspace/tours/route-du-fer/preview").text)
    assert page.find(class_="exhibit-preview")
    assert [li.find("h3").text for li in page.find("ol", class_="tour-stops").find_all("li")][
        0
    ] == "Le centre de Villerupt"


def test_an_item_page_links_the_published_tours_stopping_there(client, session, settings, places, tour):
    build_tour(session, settings, places, status="draft", slug="brouillon")
    page = parse(client.get(f"/items/{places['mine'].identifier}").text)
    assert page.find("h2", id="tours-title").text == "On the walking tours"
    links = [(a.text, a.get("href")) for a in page.find_all("a") if "/tours/" in (a.get("href") or "")]
    assert links == [("Stop 2 of “The iron road”", "http://testserver/tours/route-du-fer/stops/2")]
    tour.status = "withdrawn"
    session.flush()
    assert "tours-title" not in client.get(f"/items/{places['mine'].identifier}").text
