"""Building a tour in the workspace through its plain forms, without JavaScript: its texts and credits, stops
typed or taken from an item, an audio commentary, moves and removals, invalid input, stale edits, history and
restore, the workflow with its blockers."""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.media.models import Media
from app.publishing import revisions
from app.tour import editing
from app.tour.publishing import TOUR
from tests.factories import login, make_item
from tests.tour.conftest import AUMETZ_MINE, MEDIA
from tests.tour.forms import create, post, speak, stop_fields
from tests.web.html import parse

BASE = "/workspace/tours/route-du-fer"


@pytest.fixture(autouse=True)
def english(client):
    """The messages checked here are read in English; one test reads them in French."""
    speak(client, "en")


def latest(session, tour) -> str:
    return str(revisions.latest_number(session, TOUR, tour.id))


def test_a_curator_builds_a_tour_with_stops_through_the_forms(client, session, curator, places):
    login(client, curator)
    tour = create(client, session)
    assert tour.status == "draft" and tour.languages == ["fr", "de", "en"]
    assert [(c.agent.name, c.role) for c in tour.credits] == [("Nadia Benali", "creator")]
    assert post(client, f"{BASE}/stops", revision=latest(session, tour), **stop_fields()).status_code == 303
    # Coordinates left empty: the linked item's point is taken.
    answer = post(
        client,
        f"{BASE}/stops",
        revision=latest(session, tour),
        **stop_fields(title_fr="La mine", latitude="", longitude="", item="T-MINE", exhibit="route-du-fer-expo/le-fer"),
        files={"audio": ("commentaire.mp3", (MEDIA / "sound.mp3").read_bytes(), "audio/mpeg")},
    )
    assert answer.status_code == 303, answer.text
    session.expire_all()
    tour = editing.load(session, "route-du-fer")
    first, second = tour.stops
    assert (first.latitude, first.longitude) == (49.4676, 5.9287)
    assert (second.latitude, second.longitude) == AUMETZ_MINE
    assert second.item.identifier == "T-MINE"
    assert (second.exhibit_slug, second.exhibit_page) == ("route-du-fer-expo", "le-fer")
    assert second.audio_mime == "audio/mpeg" and second.audio_name == "commentaire.mp3"
    page = parse(client.get(BASE).text)
    assert [li.find("a").text for li in page.find("ol", class_="tour-editor-stops").find_all("li")] == [
        "Le centre",
        "La mine",
    ]


def test_stops_move_up_and_down_and_are_removed(client, session, curator, places, settings):
    from tests.tour.conftest import build_tour

    tour = build_tour(session, settings, places, status="draft")
    login(client, curator)
    assert post(client, f"{BASE}/stops/3/move", revision=latest(session, tour), direction="up").status_code == 303
    session.expire_all()
    tour = editing.load(session, "route-du-fer")
    assert [s.titles["fr"] for s in tour.stops] == ["Le centre de Villerupt", "Le haut-fourneau", "La mine"]
    assert post(client, f"{BASE}/stops/1/remove", revision=latest(session, tour)).status_code == 303
    session.expire_all()
    tour = editing.load(session, "route-du-fer")
    assert [s.titles["fr"] for s in tour.stops] == ["Le haut-fourneau", "La mine"]
    assert [s.position for s in tour.stops] == [0, 1]


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"title_fr": ""}, "f-title_fr", "original language"),
        ({"latitude": "north", "longitude": "5.9"}, "f-latitude", "decimal degrees"),
        ({"latitude": "95", "longitude": "5.9"}, "f-latitude", "between -90 and 90"),
        ({"latitude": "nan", "longitude": "5.9"}, "f-latitude", "between -90 and 90"),
        ({"latitude": "", "longitude": ""}, "f-latitude", "coordinates"),
        ({"item": "NO-SUCH-ITEM"}, "f-item", "no item"),
        ({"exhibit": "nowhere/none"}, "f-exhibit", "no exhibit page"),
        ({"title_fr": "a\x00b"}, "f-title_fr", "null character"),
    ],
)
def test_bad_stop_input_is_refused_beside_its_field_and_kept(client, session, curator, places, changes, field, words):
    login(client, curator)
    tour = create(client, session)
    answer = post(client, f"{BASE}/stops", revision=latest(session, tour), **stop_fields(**changes))
    assert answer.status_code == 422
    page = parse(answer.text)
    assert words in page.find(id=f"{field}-error").text.lower()
    assert page.find(id="f-text_fr").text == "Le départ."
    assert editing.load(session, "route-du-fer").stops == []


def test_a_file_that_is_not_a_sound_is_refused_as_commentary(client, session, curator, places):
    login(client, curator)
    tour = create(client, session)
    files = {"audio": ("photo.jpg", (MEDIA / "photo.jpg").read_bytes(), "image/jpeg")}
    answer = post(client, f"{BASE}/stops", files=files, revision=latest(session, tour), **stop_fields())
    assert answer.status_code == 422
    assert "sound file" in parse(answer.text).find(id="f-audio-error").text


def test_the_french_messages_are_translated(client, session, curator, places):
    login(client, curator)
    tour = create(client, session)
    speak(client, "fr")
    answer = post(client, f"{BASE}/stops", revision=latest(session, tour), **stop_fields(latitude="x"))
    assert answer.status_code == 422
    assert "degrés décimaux" in parse(answer.text).find(id="f-latitude-error").text


def test_a_stale_stop_form_is_refused_with_409_and_loses_nothing(client, session, curator, places):
    login(client, curator)
    tour = create(client, session)
    old = latest(session, tour)
    assert post(client, f"{BASE}/stops", revision=old, **stop_fields()).status_code == 303
    answer = post(client, f"{BASE}/stops", revision=old, **stop_fields(title_fr="Deuxième"))
    assert answer.status_code == 409
    assert parse(answer.text).find(id="f-title_fr").get("value") == "Deuxième"
    session.expire_all()
    assert len(editing.load(session, "route-du-fer").stops) == 1


def test_history_lists_every_change_and_restores_an_earlier_version(client, session, curator, places):
    login(client, curator)
    tour = create(client, session)
    post(client, f"{BASE}/stops", revision=latest(session, tour), **stop_fields())
    post(client, f"{BASE}/stops/1/remove", revision=latest(session, tour))
    session.expire_all()
    tour = editing.load(session, "route-du-fer")
    assert tour.stops == []
    page = parse(client.get(f"{BASE}/history").text)
    assert len(page.find("ol", class_="revisions").find_all("li")) == 3
    assert post(client, f"{BASE}/history/2/restore", revision=latest(session, tour)).status_code == 303
    session.expire_all()
    assert [s.titles["fr"] for s in editing.load(session, "route-du-fer").stops] == ["Le centre"]


def test_publishing_is_blocked_until_stops_items_exhibits_and_images_are_ready(
    client, session, curator, supervisor, places, settings
):
    from tests.tour.conftest import build_tour

    hidden = make_item(session, identifier="T-DRAFT", status="draft", latitude=49.5, longitude=5.9)
    tour = build_tour(session, settings, places, status="in_review")
    places["exhibit"].status = "draft"
    image = session.scalars(select(Media).where(Media.item_id == places["mine"].id)).one()
    image.alt_texts = {}
    editing.add_stop(
        session,
        tour,
        {"titles": {"fr": "Brouillon"}, "latitude": 49.5, "longitude": 5.9, "item": hidden},
        None,
        int(latest(session, tour)),
    )
    session.flush()
    login(client, supervisor)
    answer = post(client, f"{BASE}/publish")
    assert answer.status_code == 422
    text = parse(answer.text).find(id="comment-publish-error").text
    assert "4. Brouillon" in text and "3. Le haut-fourneau" in text and "alternative text" in text
    blockers = parse(client.get(BASE).text).find(class_="blockers").find_all("li")
    assert len(blockers) == 3
    places["exhibit"].status = "published"
    image.alt_texts = {"fr": "Le chevalement"}
    hidden.status = "published"
    session.flush()
    assert post(client, f"{BASE}/publish").status_code == 303
    assert editing.load(session, "route-du-fer").status == "published"
    assert session.scalars(select(AuditEvent.action).where(AuditEvent.action == "tour.publish")).all()


def test_a_tour_without_stops_cannot_be_published(client, session, curator, supervisor, places):
    login(client, curator)
    create(client, session)
    assert post(client, f"{BASE}/submit").status_code == 303
    login(client, supervisor)
    answer = post(client, f"{BASE}/publish")
    assert answer.status_code == 422
    assert "at least one stop" in answer.text


def test_a_curator_may_not_publish_nor_edit_a_tour_in_review(client, session, curator, places, settings):
    from tests.tour.conftest import build_tour

    tour = build_tour(session, settings, places, status="in_review")
    login(client, curator)
    assert post(client, f"{BASE}/publish").status_code == 403
    assert post(client, f"{BASE}/stops", revision=latest(session, tour), **stop_fields()).status_code == 403


def test_the_cover_is_one_of_the_stops_item_images(client, session, curator, places, settings):
    from tests.tour.conftest import build_tour

    tour = build_tour(session, settings, places, status="draft")
    login(client, curator)
    choices = editing.cover_choices(session, tour)
    assert [media.item.identifier for media in choices] == ["T-MINE", "T-FURNACE"]
    assert post(client, f"{BASE}/cover", revision=latest(session, tour), cover="999999").status_code == 422
    assert post(client, f"{BASE}/cover", revision=latest(session, tour), cover=str(choices[1].id)).status_code == 303
    session.expire_all()
    assert editing.load(session, "route-du-fer").cover_media_id == choices[1].id
