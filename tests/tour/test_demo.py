"""The demo's walking tour: built from the demo's geolocated steel monuments nearest Villerupt, loaded through the
write path and the workflow, published, written in French, German and English, and light enough to save on a phone."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.demo import service as demo_service
from app.demo import tours as demo_tours
from app.main import create_app
from app.tour import editing, geometry
from app.tour.pack import LIMIT_BYTES
from app.tour.publishing import TOUR
from app.web.deps import get_session

SLUG = "de-la-mine-au-haut-fourneau"


@pytest.fixture(scope="module")
def loaded(engine, tmp_path_factory, database_url) -> Iterator[tuple[Session, Settings]]:
    """The demo loaded once for the module, inside a transaction rolled back at the end."""
    folder = tmp_path_factory.mktemp("demo-tour")
    settings = Settings(
        database_url=database_url,
        media_dir=folder / "media",
        index_dir=folder / "index",
        secret_key_file=folder / "secret_key",
        allowed_hosts="testserver",
        run_worker=False,
    )
    settings.ensure_dirs()
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    report = demo_service.load_demo(session, settings)
    assert report.tours_created == 1
    session.flush()
    yield session, settings
    session.close()
    outer.rollback()
    connection.close()


def test_the_demo_tour_is_published_with_its_stops_in_order(loaded):
    session, _settings = loaded
    tour = editing.load(session, SLUG)
    assert tour.status == "published" and TOUR.blockers(session, tour) == []
    assert [stop.item.identifier if stop.item else None for stop in tour.stops] == [
        None,
        "PA00135419",
        "PA57000030",
        "PA00135420",
    ]
    # Each stop of an item stands at the item's own point; the first at Villerupt's centre.
    assert all((s.latitude, s.longitude) == (s.item.latitude, s.item.longitude) for s in tour.stops if s.item)
    assert geometry.distance_m((tour.stops[0].latitude, tour.stops[0].longitude), (49.4676, 5.9287)) < 500
    assert tour.stops[0].exhibit_slug == "paysages-industriels"


def test_every_text_is_written_in_french_german_and_english(loaded):
    session, _settings = loaded
    tour = editing.load(session, SLUG)
    assert tour.languages == ["fr", "de", "en"]
    for texts in (tour.titles, tour.summaries, *(s.titles for s in tour.stops), *(s.texts for s in tour.stops)):
        assert set(texts) == {"fr", "de", "en"} and all(len(text) > 10 for text in texts.values())


def test_its_monuments_are_the_steel_monuments_nearest_villerupt(loaded):
    session, _settings = loaded
    tour = editing.load(session, SLUG)
    villerupt = (tour.stops[0].latitude, tour.stops[0].longitude)
    distances = [geometry.distance_m(villerupt, (s.latitude, s.longitude)) for s in tour.stops[1:]]
    assert distances == sorted(distances) and distances[-1] < 30_000


def test_loading_the_demo_again_creates_no_tour(loaded):
    session, settings = loaded
    assert demo_tours.load_tours(session, settings.demo_dir) == 0


def test_the_demo_tour_pack_stays_under_25_mb_and_every_file_answers(loaded, figures):
    session, settings = loaded
    app = create_app(settings)

    def _session():
        yield session
        session.flush()

    app.dependency_overrides[get_session] = _session
    with TestClient(app) as client:
        pack = client.get(f"/tours/{SLUG}/pack.json").json()
        assert pack["bytes"] < LIMIT_BYTES
        figures.append(f"demo tour pack: {len(pack['files'])} files, {pack['bytes']:,} bytes (limit {LIMIT_BYTES:,})")
        for entry in pack["files"]:
            answer = client.get(entry["url"])
            assert answer.status_code == 200, entry["url"]
            if entry["kind"] != "page" and entry["kind"] != "data":
                assert len(answer.content) == entry["bytes"], entry["url"]
            else:
                assert len(answer.content) < entry["bytes"], entry["url"]  # the allowance covers a page
