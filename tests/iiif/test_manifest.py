"""IIIF Presentation 3.0 manifests: valid against the official schema, with images, sound and video."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from app.media import service as media_service
from tests.factories import make_item

FIXTURES = Path(__file__).parent.parent / "fixtures"
SCHEMA = json.loads((FIXTURES / "schemas" / "iiif_presentation_3_0.schema.json").read_text())


@pytest.fixture
def item(session, settings):
    item = make_item(
        session,
        identifier="MEM-2",
        # A memory: an interview's recordings are given out as their browser copies, never as originals.
        kind="memory",
        titles={"fr": "La cité", "de": "Die Siedlung"},
        descriptions={"fr": "Souvenirs."},
        rights="https://creativecommons.org/licenses/by-sa/4.0/",
        date_text="vers 1930",
    )
    media_service.attach(session, item, FIXTURES / "images" / "landscape_6.jpg", settings, caption="La rue")
    media_service.attach(session, item, FIXTURES / "media" / "sound.mp3", settings)
    media_service.attach(session, item, FIXTURES / "media" / "video.mp4", settings)
    media_service.attach(session, item, FIXTURES / "media" / "document.pdf", settings)
    session.flush()
    return item


def test_manifest_is_valid_iiif_presentation_3(client, item):
    response = client.get("/iiif/manifest/MEM-2")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"].startswith("application/ld+json")
    manifest = response.json()
    errors = [error.message for error in Draft7Validator(SCHEMA).iter_errors(manifest)]
    assert errors == []
    assert manifest["label"] == {"de": ["Die Siedlung"], "fr": ["La cité"]}
    assert manifest["rights"] == "http://creativecommons.org/licenses/by-sa/4.0/"


def test_manifest_has_a_canvas_per_image_sound_and_video(client, item):
    canvases = client.get("/iiif/manifest/MEM-2").json()["items"]
    bodies = [canvas["items"][0]["items"][0]["body"] for canvas in canvases]
    assert [body["type"] for body in bodies] == ["Image", "Sound", "Video"]
    image, sound, video = bodies
    assert image["service"][0]["profile"] == "level2"
    assert (image["width"], image["height"]) == (canvases[0]["width"], canvases[0]["height"])
    assert canvases[1]["duration"] == pytest.approx(sound["duration"]) and sound["duration"] > 0
    assert client.get(sound["id"]).status_code == 200
    assert client.get(image["service"][0]["id"] + "/info.json").status_code == 200


def test_a_plain_string_label_fails_the_schema(client, item):
    manifest = client.get("/iiif/manifest/MEM-2").json() | {"label": "La cité"}
    assert list(Draft7Validator(SCHEMA).iter_errors(manifest))


def test_items_without_images_or_recordings_have_no_manifest(client, session):
    make_item(session, identifier="BARE-1")
    assert client.get("/iiif/manifest/BARE-1").status_code == 404
    assert client.get("/api/v1/items/BARE-1").json()["iiif_manifest"] is None


@pytest.mark.parametrize(("access", "presented"), [("public", True), ("on_request", False)])
def test_an_interview_presents_its_browser_copy_never_its_original(client, session, settings, access, presented):
    from app.interview.models import Interview

    interview = make_item(session, identifier="INT-9", kind="interview", titles={"fr": "Entretien"})
    session.add(Interview(item_id=interview.id, access=access, languages=["fr"]))
    media_service.attach(session, interview, FIXTURES / "images" / "landscape_6.jpg", settings)
    sound = media_service.attach(session, interview, FIXTURES / "media" / "sound.mp3", settings, background=False)
    session.flush()
    manifest = client.get("/iiif/manifest/INT-9").json()
    bodies = [canvas["items"][0]["items"][0]["body"] for canvas in manifest["items"]]
    assert [body["type"] for body in bodies] == (["Image", "Sound"] if presented else ["Image"])
    assert not [body for body in bodies if sound.sha256 in body["id"]]
    if presented:
        assert bodies[1]["format"] == "audio/mp4"
        assert f"/items/INT-9/recordings/{sound.id}/recording.m4a?v=" in bodies[1]["id"]
        assert client.get(bodies[1]["id"]).status_code == 200
