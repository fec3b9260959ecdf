"""The interview page without JavaScript: the transcript with time links, the index, the search inside the
interview, the translation's views, `?t=` moments and clips, and what each access level leaves visible."""

from datetime import date, timedelta

import pytest

from app.interview.models import IndexSegment
from tests.factories import credit, make_agent
from tests.interview.conftest import redact, set_access
from tests.web.html import parse


def _page(client, query: str = "", status: int = 200):
    response = client.get(f"/items/OH-1?lang=en{query}")
    assert response.status_code == status
    return parse(response.text)


def _cues(doc):
    found = doc.find_all("ol", id="transcript")
    return [li for li in found[0].children if getattr(li, "tag", None) == "li"] if found else []


def test_each_cue_has_its_time_as_a_link_its_speaker_and_words(client, interview):
    doc = _page(client)
    cues = _cues(doc)
    assert [cue.get("id") for cue in cues] == ["cue-0", "cue-1", "cue-2", "cue-3", "cue-4"]
    assert cues[0].find_all("a") == []  # the untimed header has no time
    link = cues[2].find("a", class_="cue-time")
    assert link.get("href") == "http://testserver/items/OH-1?t=1.5#cue-2"
    assert link.find("time").get("datetime") == "PT1.5S"
    assert cues[2].find(class_="speaker").text == "AW"
    assert cues[2].find("p", class_="cue-text").text == "In Villerupt, near the blast furnaces."
    assert cues[2].find("p", class_="cue-text").get("lang") is None  # the page's own language
    assert cues[2].find("p", class_="cue-translation").get("lang") == "fr"
    assert "<at>" in cues[4].find("p", class_="cue-text").text  # escaped, shown as written


def test_the_player_plays_the_browser_copy_with_caption_and_chapter_tracks(client, interview):
    doc = _page(client)
    audio = doc.find("audio", id="player")
    assert audio.get("src").startswith("http://testserver/items/OH-1/recordings/")
    assert "/recording.m4a?v=" in audio.get("src")
    tracks = {(t.get("kind"), t.get("srclang")): t.get("src") for t in audio.find_all("track")}
    assert tracks == {
        ("captions", "en"): "http://testserver/items/OH-1/captions.vtt",
        ("captions", "fr"): "http://testserver/items/OH-1/captions.vtt?lang=fr",
        ("chapters", "en"): "http://testserver/items/OH-1/chapters.vtt",
    }
    waveform = doc.find("img", class_="waveform")
    assert (waveform.get("width"), waveform.get("height"), waveform.get("alt")) == ("1600", "120", "")


def test_the_index_is_a_table_of_contents_with_time_links(client, interview):
    doc = _page(client)
    index = doc.find("section", class_="interview-index")
    link = index.find("h3").find("a")
    assert link.get("href") == "http://testserver/items/OH-1?t=1.5#cue-2"
    assert "Childhood in Villerupt" in link.text
    assert "Her birth near the furnaces." in index.text
    assert [li.text for li in index.find("ul", class_="tags").find_all("li")] == ["childhood", "furnaces"]


def test_the_search_inside_the_interview_filters_and_marks_matches_escaped(client, interview):
    doc = _page(client, "&q=MINER+%3Cat%3E")
    cues = _cues(doc)
    assert [cue.get("id") for cue in cues] == ["cue-4"]
    marks = [mark.text for mark in cues[0].find_all("mark")]
    assert marks == ["miner", "<at>"]
    assert "<mark><at></mark>" not in client.get("/items/OH-1?q=%3Cat%3E").text
    assert "1 of 5 passages" in doc.find(id="transcript-count").text
    assert doc.find("input", id="transcript-q").get("value") == "MINER <at>"


def test_a_search_without_match_says_so(client, interview):
    doc = _page(client, "&q=xylophone")
    assert _cues(doc) == []
    assert "No passage of this interview matches your search." in doc.text


@pytest.mark.parametrize("view", ["original", "translation", "both"])
def test_the_translation_view_is_chosen_by_link(client, interview, view):
    doc = _page(client, f"&view={view}")
    assert f"view-{view}" in doc.find("ol", id="transcript").get("class")
    current = doc.find("nav", class_="transcript-views").find("a", aria_current="true")
    assert current.get("data-view") == view


def test_an_unknown_view_is_the_original(client, interview):
    assert "view-original" in _page(client, "&view=%3Cscript%3E").find("ol", id="transcript").get("class")


@pytest.mark.parametrize(
    "t, current",
    [("3.2", "cue-3"), ("1.5", "cue-2"), ("0", "cue-1"), ("4-5", "cue-3"), ("5.9", "cue-4")],
)
def test_a_moment_marks_its_cue_on_the_server(client, interview, t, current):
    doc = _page(client, f"&t={t}")
    assert [cue.get("id") for cue in _cues(doc) if cue.get("aria-current") == "true"] == [current]
    assert doc.find("audio", id="player").get("data-start") == t.split("-")[0]


@pytest.mark.parametrize("t", ["abc", "99999", "-3", "1e9", "3-", "", "5.5.5", "3" * 50])
def test_a_bad_moment_is_ignored(client, interview, t):
    doc = _page(client, f"&t={t}")
    assert not [cue for cue in _cues(doc) if cue.get("aria-current")]
    assert doc.find("audio", id="player").get("data-start") is None


def test_a_clip_plays_its_range_and_has_its_own_citation(client, interview):
    doc = _page(client, "&t=1.5-4")
    audio = doc.find("audio", id="player")
    assert (audio.get("data-start"), audio.get("data-end")) == ("1.5", "4")
    assert "Clip from 0:01 to 0:04" in doc.find(class_="clip-note").text
    citation = doc.find("textarea", id="clip-citation").text
    assert "OH-1, 0:01–0:04. http://testserver/items/OH-1?t=1.5-4 (consulted on" in citation
    assert doc.find("textarea", id="citation").text.count("?t=") == 0


def test_a_backwards_clip_is_only_a_moment_and_an_overlong_one_ends_with_the_recording(client, interview):
    backwards = _page(client, "&t=4-1").find("audio", id="player")
    assert (backwards.get("data-start"), backwards.get("data-end")) == ("4", None)
    overlong = _page(client, "&t=1-900").find("audio", id="player")
    assert overlong.get("data-start") == "1" and 5.9 < float(overlong.get("data-end")) <= 6.1


def test_redacted_cues_are_absent_and_a_note_says_passages_were_withdrawn(client, session, interview):
    redact(session, interview, 3.2, 3.5)  # inside "What did your father do?" (3.0-4.5) only
    html = client.get("/items/OH-1?lang=en").text
    doc = parse(html)
    assert [cue.get("id") for cue in _cues(doc)] == ["cue-0", "cue-1", "cue-2", "cue-4"]
    assert "What did your father do?" not in html and "Que faisait votre père" not in html
    assert "withdrawn at the speakers' request" in doc.find(class_="withdrawn-note").text
    assert "asked by the family" not in html


def test_a_segment_that_is_not_public_hides_itself_and_its_cues(client, session, interview):
    session.add(
        IndexSegment(
            item_id=interview.id,
            position=1,
            start_seconds=4.5,
            end_seconds=6,
            language="en",
            title="The Micheville pit",
            access="sealed",
            sealed_until=date.today() + timedelta(days=30),
        )
    )
    session.flush()
    html = client.get("/items/OH-1?lang=en").text
    assert "The Micheville pit" not in html and "Micheville" not in html
    assert "Childhood in Villerupt" in html


def test_a_sealed_interview_shows_only_its_title_and_when_it_opens(client, session, interview):
    interview.date_text, interview.descriptions = "1962", {"en": "Her years at the Micheville pit."}
    set_access(session, interview, "sealed", date(2051, 3, 1))
    doc = _page(client)
    assert doc.find("h1").text == "Memories of the mine"
    assert "sealed until March 1, 2051" in doc.find(class_="access-notice").text
    html = str(doc)
    hidden_parts = ("<audio", "transcript", "Villerupt, near", "Childhood", "Side A", "recordings/", "Cite this item")
    for hidden in (*hidden_parts, "1962", "Micheville", "iiif/manifest"):
        assert hidden not in html, hidden


def test_the_api_gives_a_sealed_interview_as_its_notice_citation_included(client, session, interview):
    interview.date_text = "1962"
    credit(session, interview, make_agent(session, "Marguerite Narratrice"), "interviewee")
    credit(session, interview, make_agent(session, "Jeanne Enquêtrice"))
    set_access(session, interview, "sealed", date(2051, 3, 1))
    record = client.get("/api/v1/items/OH-1?lang=en").json()
    assert record["title"] == "Memories of the mine" and "Memories of the mine" in record["citation"]
    assert record["identifier"] in record["citation"]
    for hidden in ("1962", "Marguerite", "Jeanne"):
        assert hidden not in str(record), hidden


def test_lists_show_a_sealed_interview_as_its_notice(client, session, interview):
    interview.date_text, interview.date_earliest, interview.date_latest = "1962", 1962, 1962
    set_access(session, interview, "sealed", date(2051, 3, 1))
    listed = client.get("/items?kind=interview&lang=en").text
    assert "Memories of the mine" in listed and "1962" not in listed
    assert "/items/OH-1" not in client.get("/items?period=1960-1969").text


def test_a_seal_whose_date_has_come_is_public(client, session, interview):
    set_access(session, interview, "sealed", date.today())
    doc = _page(client)
    assert doc.find_all("audio", id="player") and not doc.find_all(class_="access-notice")


def test_an_on_request_interview_shows_its_record_but_not_its_content(client, session, interview):
    set_access(session, interview, "on_request")
    doc = _page(client)
    assert "available on request" in doc.find(class_="access-notice").text
    assert doc.find("dl", class_="fields") is not None  # the catalog record is public
    html = str(doc)
    for hidden in ("<audio", 'id="transcript"', "Villerupt, near", "Childhood", "recordings/", "captions.vtt"):
        assert hidden not in html, hidden


def test_a_withdrawn_interview_has_no_page(client, session, interview):
    set_access(session, interview, "withdrawn")
    _page(client, status=404)


def test_a_recording_still_being_prepared_says_so(client, session, interview):
    from app.media import service as media_service

    media_service.enqueue_recording_derivatives(session, _media(session, interview))
    doc = _page(client)
    assert "being prepared" in doc.find(class_="recording-status").text
    assert doc.find_all("audio") == []
    assert _cues(doc)  # the transcript is readable meanwhile


def _media(session, item):
    from sqlalchemy import select

    from app.media.models import Media

    return session.scalars(select(Media).where(Media.item_id == item.id)).one()
