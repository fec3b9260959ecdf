"""What the QR plaques (app/plaque/) read of tours: a published tour's and a stop's titles and permanent paths."""

from app.tour import service
from tests.tour.conftest import build_tour


def test_a_published_tour_and_its_stops_give_their_titles_and_paths(session, tour):
    label = service.tour_label(session, "route-du-fer")
    assert label == service.Label(
        {"fr": "La route du fer", "de": "Die Eisenstraße", "en": "The iron road"}, "/tours/route-du-fer"
    )
    stop = service.stop_label(session, "route-du-fer", 2)
    assert stop == service.Label({"fr": "La mine", "en": "The mine"}, "/tours/route-du-fer/stops/2")


def test_nothing_is_given_for_an_unpublished_tour_or_a_missing_stop(session, settings, places):
    build_tour(session, settings, places, status="draft", with_audio=False)
    assert service.tour_label(session, "route-du-fer") is None
    assert service.stop_label(session, "route-du-fer", 1) is None
    assert service.tour_label(session, "nowhere") is None


def test_a_stop_number_outside_the_tour_gives_nothing(session, tour):
    assert service.stop_label(session, "route-du-fer", 0) is None
    assert service.stop_label(session, "route-du-fer", 4) is None
