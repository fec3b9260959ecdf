"""The player's files over HTTP: captions and chapters (WebVTT, read back by webvtt-py) and the recording's
browser copy (seekable by ranges), each only while the interview's content is public."""

import io
from datetime import date
from pathlib import Path

import pytest
import webvtt

from app.media import service as media_service
from app.media.models import Media
from tests.factories import login, make_item, make_user
from tests.interview.conftest import redact, set_access
from tests.web.html import parse

CAPTIONS = "/items/OH-1/captions.vtt"
CHAPTERS = "/items/OH-1/chapters.vtt"


def _vtt(response) -> list:
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/vtt; charset=utf-8"
    return list(webvtt.from_buffer(io.StringIO(response.text)))


def _recording_url(session, item, name: str = "recording.m4a") -> str:
    media = session.query(Media).filter_by(item_id=item.id).one()
    return f"/items/{item.identifier}/recordings/{media.id}/{name}"


def test_captions_are_webvtt_with_speakers_as_voice_tags(client, interview):
    captions = _vtt(client.get(CAPTIONS))
    assert [(c.start, c.end) for c in captions] == [
        ("00:00:00.000", "00:00:01.500"),
        ("00:00:01.500", "00:00:03.000"),
        ("00:00:03.000", "00:00:04.500"),
        ("00:00:04.500", "00:00:06.000"),
    ]
    assert [c.voice for c in captions] == ["Q", "AW", "Q", "AW"]
    assert captions[3].text == "He was a miner &lt;at&gt; the Micheville pit &amp; proud."  # escaped as WebVTT wants
    assert client.get(CAPTIONS).headers["cache-control"] == "no-cache"


def test_a_translation_has_its_own_captions(client, interview):
    captions = _vtt(client.get(CAPTIONS + "?lang=fr"))
    assert [c.text for c in captions][:2] == ["Où êtes-vous née ?", "À Villerupt, près des hauts fourneaux."]
    assert _vtt(client.get(CAPTIONS + "?lang=de")) == []


def test_the_index_is_served_as_chapters(client, interview):
    [chapter] = _vtt(client.get(CHAPTERS))
    assert (chapter.start, chapter.end, chapter.text) == ("00:00:01.500", "00:00:04.500", "Childhood in Villerupt")


def test_redacted_cues_are_left_out_of_the_captions(client, session, interview):
    redact(session, interview, 3.2, 3.5)
    texts = [c.text for c in _vtt(client.get(CAPTIONS))]
    assert "What did your father do?" not in texts and len(texts) == 3
    assert "Que faisait" not in client.get(CAPTIONS + "?lang=fr").text


@pytest.mark.parametrize("level", ["on_request", "sealed", "withdrawn"])
def test_files_of_an_interview_whose_content_is_not_public_are_404(client, session, interview, level):
    set_access(session, interview, level, date(2051, 1, 1) if level == "sealed" else None)
    for path in (CAPTIONS, CAPTIONS + "?lang=fr", CHAPTERS, *(_recording_url(session, interview, n) for n in NAMES)):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "text/html" in response.headers["content-type"]  # the site's 404 page, not an error


NAMES = ("recording.m4a", "waveform.png")


def test_the_browser_copy_is_served_by_ranges(client, session, interview):
    url = _recording_url(session, interview)
    whole = client.get(url)
    assert whole.status_code == 200 and whole.headers["content-type"] == "audio/mp4"
    assert whole.headers["accept-ranges"] == "bytes" and whole.headers["cache-control"] == "no-cache"
    part = client.get(url, headers={"Range": "bytes=1000-1999"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 1000-1999/{len(whole.content)}"
    assert part.content == whole.content[1000:2000]
    waveform = client.get(_recording_url(session, interview, "waveform.png"))
    assert waveform.status_code == 200 and waveform.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "name", ["recording.mp4", "poster.jpg", "recording.json", "../../../secret_key", "thumb.jpg", "%2e%2e"]
)
def test_other_names_are_404(client, session, interview, name):
    assert client.get(_recording_url(session, interview, name)).status_code == 404


def test_a_copy_still_being_made_is_404(client, session, interview):
    media = session.query(Media).filter_by(item_id=interview.id).one()
    media_service.enqueue_recording_derivatives(session, media)
    assert client.get(_recording_url(session, interview)).status_code == 404


def test_unknown_items_and_recordings_are_404(client, session, interview):
    assert client.get("/items/NOWHERE/captions.vtt").status_code == 404
    assert client.get("/items/OH-1/recordings/999999/recording.m4a").status_code == 404
    assert client.get("/items/OH-1/recordings/abc/recording.m4a").status_code in (400, 404)


def test_the_staff_get_the_files_of_an_interview_on_request_never_cached(client, session, interview):
    set_access(session, interview, "on_request")
    login(client, make_user(session, role="curator"))
    response = client.get(_recording_url(session, interview))
    assert response.status_code == 200 and response.headers["cache-control"] == "private, no-store"
    assert _vtt(client.get(CAPTIONS))


def test_a_video_plays_its_h264_copy_with_its_poster(client, session, settings):
    item = make_item(session, identifier="OH-VIDEO", kind="interview", title="Filmed memories")
    fixture = Path(__file__).parents[1] / "fixtures" / "media" / "video.mp4"
    media = media_service.attach(session, item, fixture, settings, background=False)
    session.flush()
    video = parse(client.get("/items/OH-VIDEO").text).find("video", id="player")
    base = f"http://testserver/items/OH-VIDEO/recordings/{media.id}/"
    assert video.get("src").startswith(base + "recording.mp4?v=")
    assert video.get("poster").startswith(base + "poster.jpg?v=")
    assert int(video.get("width")) > 0 and int(video.get("height")) > 0
    copy = client.get(video.get("src"))
    assert copy.status_code == 200 and copy.headers["content-type"] == "video/mp4"
    poster = client.get(video.get("poster"))
    assert poster.status_code == 200 and poster.content.startswith(b"\xff\xd8")
    assert client.get(f"/items/OH-VIDEO/recordings/{media.id}/recording.m4a").status_code == 404
