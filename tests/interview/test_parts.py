"""An interview recorded in two parts: each recording has its own transcript and index, imported, shown,
exported and found part by part; the first part keeps working as a single recording did."""

import io

import pytest
import webvtt
from sqlalchemy import select

from app.interview import importing, parts
from app.interview.models import Cue, IndexSegment
from app.media import service as media_service
from tests.factories import bearer, csrf_token, login, make_user, run_jobs
from tests.interview.helpers import fixture, reloaded, vtt
from tests.media.recording.files import write_sound
from tests.web.html import parse

SIDE_B = vtt(
    ("00:00:00.500", "00:00:02.000", "<v AW>Side B: the strike of 1979."),
    ("00:00:02.000", "00:00:04.000", "<v Q>And after the strike?"),
)


@pytest.fixture
def two_parts(session, settings, interview, tmp_path):
    """The interview OH-1 (side A: its four cues and index segment) with a second recording, side B."""
    side_b = write_sound(tmp_path / "side-b.m4a", "aac", 4.0, 16_000)
    media_service.attach(session, interview, side_b, settings, caption="Side B")
    run_jobs(session, settings)
    return reloaded(session, interview)


def _side_b_id(item) -> int:
    return sorted((m for m in item.media if m.media_type == "audio"), key=lambda m: m.position)[1].id


def _texts(session, item, media_id) -> list[str]:
    query = select(Cue.text).where(
        Cue.item_id == item.id, Cue.media_id.is_(media_id) if media_id is None else Cue.media_id == media_id
    )
    return list(session.scalars(query.order_by(Cue.position)))


def test_a_file_for_the_second_recording_replaces_its_cues_only(session, two_parts):
    side_a = [cue.text for cue in two_parts.transcript]
    report = importing.import_file(session, two_parts, SIDE_B, "side-b.vtt", recording=2)
    session.flush()
    assert report.imported and report.replaced == 0
    item = reloaded(session, two_parts)
    assert [cue.text for cue in item.transcript] == [*side_a, "Side B: the strike of 1979.", "And after the strike?"]
    assert [cue.position for cue in item.transcript] == list(range(len(side_a) + 2))
    assert _texts(session, item, _side_b_id(item)) == ["Side B: the strike of 1979.", "And after the strike?"]

    again = importing.import_file(
        session, item, vtt(("00:00:01.000", "00:00:02.000", "Side B again.")), "b.vtt", recording=2
    )
    session.flush()
    item = reloaded(session, item)
    assert again.replaced == 2
    assert [cue.text for cue in item.transcript] == [*side_a, "Side B again."]
    first = importing.import_file(session, item, vtt(("00:00:01.000", "00:00:02.000", "Side A anew.")), "a.vtt")
    session.flush()
    item = reloaded(session, item)
    assert first.replaced == len(side_a)
    assert [cue.text for cue in item.transcript] == ["Side A anew.", "Side B again."]


def test_an_index_and_a_translation_go_with_their_recording(session, two_parts):
    importing.import_file(session, two_parts, SIDE_B, "side-b.vtt", recording=2)
    ohms = fixture("villerupt_ohms.xml")
    index = importing.import_file(session, reloaded(session, two_parts), ohms, "bianchi.xml", "index", recording=2)
    assert index.imported and index.replaced == 0
    # 0.5 s: the second recording's first cue, not side A's cue at 0 s.
    german = vtt(("00:00:00.600", "00:00:02.000", "Seite B: der Streik von 1979."))
    report = importing.import_file(
        session, reloaded(session, two_parts), german, "de.vtt", "translation", language="de", recording=2
    )
    session.flush()
    item = reloaded(session, two_parts)
    assert report.matched == 1
    translated = [cue for cue in item.transcript if cue.translation_language == "de"]
    assert [(cue.text, cue.media_id) for cue in translated] == [("Side B: the strike of 1979.", _side_b_id(item))]
    segments = session.scalars(
        select(IndexSegment).where(IndexSegment.item_id == item.id).order_by(IndexSegment.position)
    )
    found = [(s.title, s.media_id) for s in segments]
    assert found[0] == ("Childhood in Villerupt", None)
    assert found[1:3] == [("L'enfance à la cité de Butte", _side_b_id(item)), ("L'école Jules-Ferry", _side_b_id(item))]


def test_a_recording_the_interview_does_not_have_is_refused_and_nothing_changes(session, two_parts, client):
    before = [cue.text for cue in two_parts.transcript]
    with pytest.raises(parts.NoSuchPart):
        importing.import_file(session, two_parts, SIDE_B, "side-b.vtt", recording=3)
    assert [cue.text for cue in reloaded(session, two_parts).transcript] == before

    headers = bearer(session, make_user(session, role="supervisor")) | {"Accept-Language": "fr"}
    response = client.post(
        "/api/v1/items/OH-1/transcript?recording=3", files={"file": ("b.vtt", SIDE_B)}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Il n’y a pas d’enregistrement 3 : choisissez un numéro de 1 à 2."
    assert [cue.text for cue in reloaded(session, two_parts).transcript] == before


def test_the_api_imports_and_gives_each_cue_its_recording(session, two_parts, client):
    headers = bearer(session, make_user(session, role="supervisor"))
    response = client.post(
        "/api/v1/items/OH-1/transcript?recording=2", files={"file": ("b.vtt", SIDE_B)}, headers=headers
    )
    assert response.status_code == 201, response.text
    cues = client.get("/api/v1/items/OH-1/transcript").json()["cues"]
    assert [(cue["recording"], cue["text"]) for cue in cues][-3:] == [
        (1, "He was a miner <at> the Micheville pit & proud."),
        (2, "Side B: the strike of 1979."),
        (2, "And after the strike?"),
    ]
    side_b = client.get("/api/v1/items/OH-1/transcript.vtt?recording=2")
    assert [c.text for c in webvtt.from_buffer(io.StringIO(side_b.text))] == [
        "Side B: the strike of 1979.",
        "And after the strike?",
    ]
    assert client.get("/api/v1/items/OH-1/transcript.vtt?recording=3").status_code == 404


def test_the_page_shows_one_part_at_a_time_with_its_recording_links_and_captions(session, two_parts, client):
    importing.import_file(session, two_parts, SIDE_B, "side-b.vtt", recording=2)
    session.flush()
    first = parse(client.get("/items/OH-1?lang=en").text)
    parts = first.find("nav", class_="recording-parts").find_all("a")
    assert [a.text.split(" (")[0] for a in parts] == ["Part 1", "Part 2"]
    assert (
        parts[0].get("aria-current") == "page" and parts[1].get("href") == "http://testserver/items/OH-1?part=2#player"
    )
    assert "Side B: the strike of 1979." not in first.find("ol", id="transcript").text
    assert "Where were you born?" in first.find("ol", id="transcript").text

    second = parse(client.get("/items/OH-1?lang=en&part=2").text)
    transcript = second.find("ol", id="transcript")
    assert "Side B: the strike of 1979." in transcript.text and "Where were you born?" not in transcript.text
    assert transcript.find("a", class_="cue-time").get("href") == "http://testserver/items/OH-1?part=2&t=0.5#cue-5"
    player = second.find(id="player")
    assert f"/recordings/{_side_b_id(two_parts)}/" in player.get("src")
    track = player.find("track", kind="captions").get("src")
    assert track == "http://testserver/items/OH-1/captions.vtt?part=2"
    captions = client.get(track).text
    assert [c.text for c in webvtt.from_buffer(io.StringIO(captions))] == [
        "Side B: the strike of 1979.",
        "And after the strike?",
    ]
    assert len(second.find_all("audio")) == 1  # side A is one link away, not a second player in the media block
    # A part the interview does not have shows the first.
    assert "Where were you born?" in client.get("/items/OH-1?lang=en&part=9").text


def test_the_workspace_form_asks_which_recording_the_file_goes_with(session, two_parts, client):
    login(client, make_user(session, role="supervisor"))
    form = parse(client.get("/workspace/items/OH-1/transcript/import?lang=en").text)
    options = form.find("select", id="transcript-recording").find_all("option")
    assert [o.get("value") for o in options] == ["1", "2"]
    fields = {"csrf_token": csrf_token(client), "kind": "transcript", "language": "", "action": "import"}
    refused = client.post(
        "/workspace/items/OH-1/transcript/import?lang=en",
        data=fields | {"recording": "7"},
        files={"file": ("b.vtt", SIDE_B)},
    )
    assert refused.status_code == 422
    assert (
        parse(refused.text).find(id="transcript-recording-error").text.strip()
        == "Choose one of the interview's recordings."
    )
    page = client.post(
        "/workspace/items/OH-1/transcript/import", data=fields | {"recording": "2"}, files={"file": ("b.vtt", SIDE_B)}
    )
    assert page.status_code == 200, page.text
    assert _texts(session, two_parts, _side_b_id(two_parts)) == ["Side B: the strike of 1979.", "And after the strike?"]
