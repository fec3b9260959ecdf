"""The transcript and index editors over HTTP, without JavaScript: forms, redirects, errors, flags, revisions."""

import pytest

from tests.factories import form, login, make_item, make_user
from tests.interview.editor_helpers import cues, make_interview, recording_id, revisions, segments
from tests.web.html import parse


@pytest.fixture(autouse=True)
def english(client):
    """Pages in English, so the assertions read the messages as written in the code."""
    client.headers["accept-language"] = "en"


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia Benali")


@pytest.fixture
def interview(session, settings):
    return make_interview(session, settings)


def _id(html, ident: str):
    """The element with this id ("#" optional), or None."""
    found = html.find_all(id=ident.lstrip("#"))
    return found[0] if found else None


def _url(item, tail: str = "transcript") -> str:
    return f"/workspace/items/{item.identifier}/{tail}"


def _post(client, item, cue, **fields):
    data = form(client, **({"action": "save"} | fields))
    return client.post(_url(item, f"transcript/cues/{cue.id}"), data=data, follow_redirects=False)


def _cue_fields(cue, **changes) -> dict:
    values = {"start": str(cue.start_seconds), "end": str(cue.end_seconds), "speaker": cue.speaker or ""}
    return values | {"language": cue.language, "text": cue.text} | changes


def test_the_cue_editor_shows_every_cue_as_a_form_with_its_flags(client, session, curator, interview):
    login(client, curator)
    page = client.get(_url(interview))
    assert page.status_code == 200
    html = parse(page.text)
    assert len(html.find_all("form", class_="cue-form")) == 4
    assert _id(html, f"#cue-{cues(session, interview)[0].id}-text").text == "Je suis arrivé en 1952."
    assert _id(html, "cue-player").get("src").endswith(f"/recording/{recording_id(session, interview)}")
    assert "Alt" in _id(html, "cue-keys").text
    assert not html.find_all(class_="cue-flags-summary")


def test_saving_a_cue_fixes_its_words_and_records_a_revision(client, session, curator, interview):
    login(client, curator)
    first = cues(session, interview)[0]
    response = _post(client, interview, first, **_cue_fields(first, text="Je suis arrivé en 1953.", speaker="Mario R."))
    assert response.status_code == 303
    assert response.headers["location"].endswith(f"#cue-{first.id}")
    stored = cues(session, interview)[0]
    assert (stored.text, stored.speaker) == ("Je suis arrivé en 1953.", "Mario R.")
    latest = revisions(session, interview)[-1]
    assert latest.action == "edit" and latest.user_name == "nadia"
    assert latest.snapshot["cues"][0]["text"] == "Je suis arrivé en 1953."
    history = parse(client.get(_url(interview, "history")).text).find("ul", class_="listed-changes").text
    assert "cue 1: speaker, text changed" in history


def test_a_cue_in_another_language_keeps_it_when_saved(client, session, curator, interview):
    first = cues(session, interview)[0]
    first.language, first.translation, first.translation_language = "it", "Sono arrivato.", "it"
    session.flush()
    login(client, curator)
    html = parse(client.get(_url(interview)).text)
    chosen = [o for o in _id(html, f"cue-{first.id}-language").find_all("option") if "selected" in o.attrs]
    assert [o.get("value") for o in chosen] == ["it"]
    fields = _cue_fields(first, translation="Je suis arrivé.", translation_language="fr")
    assert _post(client, interview, first, **fields).status_code == 303
    stored = cues(session, interview)[0]
    assert (stored.language, stored.translation, stored.translation_language) == ("it", "Je suis arrivé.", "fr")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start": "0.6", "end": "0.2"}, "end", "The end comes before the start."),
        ({"start": "-3"}, "start", "A time cannot be negative."),
        ({"start": "soon"}, "start", "Write a time as seconds"),
        ({"text": "   "}, "text", "The text cannot be empty."),
    ],
)
def test_a_wrong_cue_is_shown_again_with_the_message_next_to_the_field_and_nothing_lost(
    client, session, curator, interview, changes, field, message
):
    login(client, curator)
    second = cues(session, interview)[1]
    before = len(revisions(session, interview))
    response = _post(client, interview, second, **_cue_fields(second, **changes))
    assert response.status_code == 422
    html = parse(response.text)
    assert message in _id(html, f"#cue-{second.id}-{field}-error").text
    assert _id(html, f"#cue-{second.id}-{field}").get("aria-invalid") == "true"
    assert cues(session, interview)[1].text == "Mon père travaillait à l'usine."
    assert len(revisions(session, interview)) == before


def test_splitting_at_a_typed_marker_cuts_the_text_and_the_time_in_proportion(client, session, curator, interview):
    login(client, curator)
    second = cues(session, interview)[1]
    response = _post(client, interview, second, action="split", text="Mon père | travaillait à l'usine.")
    assert response.status_code == 303
    stored = cues(session, interview)
    assert [c.text for c in stored[1:3]] == ["Mon père", "travaillait à l'usine."]
    share = len("Mon père ") / len("Mon père  travaillait à l'usine.")  # the marker's place, spaces kept
    assert stored[2].start_seconds == pytest.approx(0.25 + 0.25 * share, abs=0.001)
    assert stored[1].end_seconds == stored[2].start_seconds and stored[2].end_seconds == 0.5
    assert stored[2].speaker == "Mario" and stored[2].language == "fr"
    assert "cue 2 split in two" in client.get(_url(interview, "history")).text


def test_splitting_at_an_offset_with_a_chosen_time(client, session, curator, interview):
    login(client, curator)
    first = cues(session, interview)[0]
    assert _post(client, interview, first, action="split", offset="12", at="0.1").status_code == 303
    stored = cues(session, interview)
    assert [(c.text, c.start_seconds) for c in stored[:2]] == [("Je suis arri", 0.0), ("vé en 1952.", 0.1)]


def test_a_split_outside_the_text_is_refused_next_to_the_offset(client, session, curator, interview):
    login(client, curator)
    first = cues(session, interview)[0]
    response = _post(client, interview, first, action="split", offset="500")
    assert response.status_code == 422
    assert "Choose a position inside the text" in _id(parse(response.text), f"#cue-{first.id}-offset-error").text
    assert len(cues(session, interview)) == 4


def test_merging_two_speakers_asks_for_confirmation_then_joins_them(client, session, curator, interview):
    login(client, curator)
    second = cues(session, interview)[1]
    refused = _post(client, interview, second, action="merge")
    assert refused.status_code == 422
    assert "different speakers (Mario and Interviewer)" in refused.text
    assert _id(parse(refused.text), f"#cue-{second.id}-confirm") is not None
    assert len(cues(session, interview)) == 4
    assert _post(client, interview, second, action="merge", confirm="yes").status_code == 303
    stored = cues(session, interview)
    assert len(stored) == 3
    assert (stored[1].text, stored[1].end_seconds) == ("Mon père travaillait à l'usine. Et votre mère ?", 0.75)
    assert "cues 2–3 merged" in client.get(_url(interview, "history")).text


def test_merging_the_same_speaker_needs_no_confirmation(client, session, curator, interview):
    login(client, curator)
    assert _post(client, interview, cues(session, interview)[0], action="merge").status_code == 303
    assert cues(session, interview)[0].text == "Je suis arrivé en 1952. Mon père travaillait à l'usine."


def test_deleting_and_inserting_cues(client, session, curator, interview):
    login(client, curator)
    third = cues(session, interview)[2]
    assert _post(client, interview, third, action="delete").status_code == 303
    assert [c.speaker for c in cues(session, interview)] == ["Mario", "Mario", "Mario"]
    first = cues(session, interview)[0]
    assert _post(client, interview, first, action="insert", new_text="(rires)").status_code == 303
    stored = cues(session, interview)
    assert [c.text for c in stored][:2] == ["Je suis arrivé en 1952.", "(rires)"]
    assert [c.position for c in stored] == [0, 1, 2, 3]
    assert stored[1].start_seconds == 0.25 and stored[1].speaker == "Mario"
    refused = _post(client, interview, first, action="insert", new_text=" ")
    assert refused.status_code == 422 and "The text cannot be empty." in refused.text


def test_setting_the_start_from_a_time_saves_it(client, session, curator, interview):
    login(client, curator)
    last = cues(session, interview)[3]
    assert _post(client, interview, last, action="start", time="0.8").status_code == 303
    assert cues(session, interview)[3].start_seconds == 0.8
    refused = _post(client, interview, last, action="end", time="0.5")
    assert refused.status_code == 422 and "The end comes before the start." in refused.text


def test_shifting_every_time_clamps_at_zero_and_says_so(client, session, curator, interview):
    login(client, curator)
    data = form(client, offset="-0.3", scope="all")
    response = client.post(_url(interview, "transcript/shift"), data=data, follow_redirects=True)
    assert response.status_code == 200
    assert [c.start_seconds for c in cues(session, interview)] == [0.0, 0.0, 0.2, 0.45]
    assert [c.end_seconds for c in cues(session, interview)] == [0.0, 0.2, 0.45, 0.7]
    assert [s.start_seconds for s in segments(session, interview)] == [0.0, 0.2]
    assert "3 cues or segments would have started before 0:00" in response.text
    history = client.get(_url(interview, "history")).text
    assert "2 cue(s) shifted by -0.3 s" in history


def test_shifting_cues_only_leaves_the_index(client, session, curator, interview):
    login(client, curator)
    data = form(client, offset="+2.5", scope="cues")
    assert client.post(_url(interview, "transcript/shift"), data=data, follow_redirects=False).status_code == 303
    assert cues(session, interview)[0].start_seconds == 2.5
    assert [s.start_seconds for s in segments(session, interview)] == [0.0, 0.5]
    assert "4 cue(s) shifted by +2.5 s" in client.get(_url(interview, "history")).text


def test_a_wrong_offset_is_refused_next_to_its_field(client, session, curator, interview):
    login(client, curator)
    response = client.post(_url(interview, "transcript/shift"), data=form(client, offset="later"))
    assert response.status_code == 422
    assert _id(parse(response.text), "#shift-offset-error") is not None
    assert cues(session, interview)[0].start_seconds == 0.0


def test_flags_show_overlaps_times_past_the_recording_and_reversed_times(client, session, curator, interview):
    login(client, curator)
    stored = cues(session, interview)
    stored[1].start_seconds = 0.1  # starts before the first ends
    stored[3].end_seconds = 2.0  # the recording lasts one second
    stored[2].start_seconds, stored[2].end_seconds = 0.7, 0.6
    session.flush()
    html = parse(client.get(_url(interview)).text)
    summary = html.find(class_="cue-flags-summary").text
    assert "Overlaps the previous cue: 1 cue" in summary
    assert "Goes past the end of the recording: 1 cue" in summary
    assert "Ends before it starts: 1 cue" in summary
    assert "Overlaps the previous cue" in _id(html, f"#cue-{stored[1].id}-flags").text
    assert "past the end" in _id(html, f"#cue-{stored[3].id}-flags").text
    assert _id(html, f"#cue-{stored[0].id}-flags") is None
    link = html.find(class_="cue-flags-summary").find("a").get("href")
    assert link.endswith(f"#cue-{stored[1].id}")


def test_a_long_transcript_is_paginated_and_a_save_returns_to_the_cues_page(client, session, curator, settings):
    from app.interview.models import Cue

    item = make_interview(session, settings, recording=False)
    for n in range(4, 130):
        session.add(Cue(item_id=item.id, position=n, start_seconds=n, end_seconds=n + 1, language="fr", text=f"n{n}"))
    session.flush()
    login(client, curator)
    html = parse(client.get(_url(item)).text)
    assert len(html.find_all("form", class_="cue-form")) == 50
    assert len(html.find("nav", class_="pagination").find_all("li")) == 3
    last = cues(session, item)[-1]
    response = _post(client, item, last, **_cue_fields(last, text="fin"))
    assert "page=3" in response.headers["location"]
    assert len(parse(client.get(_url(item) + "?page=3").text).find_all("form", class_="cue-form")) == 30
    assert client.get(_url(item) + "?page=9").status_code == 404


def test_segments_are_added_edited_reordered_and_deleted(client, session, curator, interview):
    login(client, curator)
    fields = {"start": "0.25", "end": "0.5", "title": "Le père", "synopsis": "L'usine.", "keywords": "usine\nacier"}
    added = client.post(_url(interview, "index/segments"), data=form(client, **fields), follow_redirects=False)
    assert added.status_code == 303
    stored = segments(session, interview)
    assert [s.title for s in stored] == ["L'arrivée", "Le père", "La famille"]
    assert stored[1].keywords == ["usine", "acier"]
    sealed = {"start": "0.9", "title": "La famille", "access": "sealed", "sealed_until": "2051-01-01"}
    target = stored[2]
    url = _url(interview, f"index/segments/{target.id}")
    assert client.post(url, data=form(client, **sealed), follow_redirects=False).status_code == 303
    changed = segments(session, interview)[2]
    assert (changed.access, str(changed.sealed_until), changed.start_seconds) == ("sealed", "2051-01-01", 0.9)
    history = client.get(_url(interview, "history")).text
    assert "segment 3: access, sealed until, times 0:00.5–— → 0:00.9–— changed" in history
    gone = client.post(url, data=form(client, action="delete"), follow_redirects=False)
    assert gone.status_code == 303
    assert [s.title for s in segments(session, interview)] == ["L'arrivée", "Le père"]


def test_reordering_puts_segments_in_the_order_of_their_start(client, session, curator, interview):
    stored = segments(session, interview)
    stored[0].start_seconds = 0.9
    session.flush()
    login(client, curator)
    response = client.post(_url(interview, "index/reorder"), data=form(client), follow_redirects=False)
    assert response.status_code == 303
    assert [s.title for s in segments(session, interview)] == ["La famille", "L'arrivée"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start": "", "title": "X"}, "start", "A segment needs a start."),
        ({"start": "1", "title": ""}, "title", "The text cannot be empty."),
        ({"start": "1", "title": "X", "latitude": "49.4"}, "latitude", "Give both the latitude and the longitude"),
        ({"start": "1", "title": "X", "access": "sealed"}, "sealed-until", "A sealed segment needs the date"),
        ({"start": "1", "title": "X", "access": "secret"}, "access", "Choose one of the access levels."),
        ({"start": "2", "end": "1", "title": "X"}, "end", "The end comes before the start."),
    ],
)
def test_a_wrong_segment_is_shown_again_with_its_message(client, session, curator, interview, fields, field, message):
    login(client, curator)
    response = client.post(_url(interview, "index/segments"), data=form(client, **fields))
    assert response.status_code == 422
    assert message in _id(parse(response.text), f"#segment-new-{field}-error").text
    assert len(segments(session, interview)) == 2


def test_restoring_a_version_brings_the_cues_and_segments_back(client, session, curator, interview):
    login(client, curator)
    _post(client, interview, cues(session, interview)[0], action="delete")
    first_revision = revisions(session, interview)[0]
    assert first_revision.action == "baseline" and len(first_revision.snapshot["cues"]) == 4
    segment = segments(session, interview)[0]
    client.post(_url(interview, f"index/segments/{segment.id}"), data=form(client, action="delete"))
    assert len(cues(session, interview)) == 3 and len(segments(session, interview)) == 1
    latest = revisions(session, interview)[-1].number
    restore = f"/workspace/items/{interview.identifier}/history/1/restore"
    response = client.post(restore, data=form(client, revision=str(latest)), follow_redirects=False)
    assert response.status_code == 303
    assert [c.text for c in cues(session, interview)] == [
        "Je suis arrivé en 1952.",
        "Mon père travaillait à l'usine.",
        "Et votre mère ?",
        "Elle tenait une pension.",
    ]
    assert [s.title for s in segments(session, interview)] == ["L'arrivée", "La famille"]
    assert cues(session, interview)[0].media_id is None


def test_the_recording_is_served_to_its_curators(client, session, curator, interview):
    login(client, curator)
    response = client.get(_url(interview, f"recording/{recording_id(session, interview)}"))
    assert response.status_code == 200 and response.content[:4] == b"RIFF"
    assert client.get(_url(interview, "recording/999999")).status_code == 404


def test_visitors_are_asked_to_log_in(client, interview):
    assert client.get(_url(interview)).status_code == 401
    assert client.get(_url(interview, "index")).status_code == 401
    cue = f"transcript/cues/{interview.id}"
    assert client.post(_url(interview, cue), data=form(client, action="delete")).status_code in (401, 403)


def test_a_curator_may_not_edit_a_published_interview(client, session, settings, curator):
    published = make_interview(session, settings, status="published", recording=False)
    login(client, curator)
    refused = client.get(_url(published))
    assert refused.status_code == 403 and "does not allow" in refused.text
    first = cues(session, published)[0]
    assert _post(client, published, first, action="delete").status_code == 403
    assert len(cues(session, published)) == 4
    supervisor = make_user(session, "sophie", role="supervisor")
    login(client, supervisor)
    assert client.get(_url(published)).status_code == 200


def test_only_interviews_have_a_transcript_editor(client, session, curator):
    building = make_item(session, status="draft")
    login(client, curator)
    assert client.get(_url(building)).status_code == 404
    assert "Edit the transcript" not in client.get(f"/workspace/items/{building.identifier}").text


def test_the_item_page_links_to_the_editors_of_an_interview(client, session, curator, interview):
    login(client, curator)
    html = parse(client.get(f"/workspace/items/{interview.identifier}").text)
    links = [a.get("href") for a in html.find("nav", class_="interview-editor-links").find_all("a")]
    assert links == [
        f"http://testserver{_url(interview)}",
        f"http://testserver{_url(interview, 'index')}",
    ] or links == [
        _url(interview),
        _url(interview, "index"),
    ]


def test_the_script_gets_json_after_a_save(client, session, curator, interview):
    login(client, curator)
    last = cues(session, interview)[3]
    data = form(client, action="start", time="0.9")
    response = client.post(
        _url(interview, f"transcript/cues/{last.id}"), data=data, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["start"] == 0.9 and response.json()["id"] == last.id
    refused = client.post(
        _url(interview, f"transcript/cues/{last.id}"),
        data=form(client, action="start", time="x"),
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 422 and "time" in refused.json()["errors"]


def _silenced(session, item) -> list:
    from sqlalchemy import select

    from app.job.models import Job
    from app.media.models import Media
    from app.media.service import RECORDING_JOB

    media = session.scalars(select(Media).where(Media.item_id == item.id)).one()
    job = session.scalars(
        select(Job).where(Job.kind == RECORDING_JOB, Job.key == f"{RECORDING_JOB}:{media.sha256}")
    ).one()
    session.refresh(job)
    return job.payload["silence"]


def test_closing_a_segment_silences_its_passage_in_the_served_recording(client, session, curator, interview):
    login(client, curator)
    assert _silenced(session, interview) == []
    family = segments(session, interview)[1]
    url = _url(interview, f"index/segments/{family.id}")
    closed = {"start": "0.5", "end": "0.75", "title": "La famille", "access": "withdrawn"}
    assert client.post(url, data=form(client, **closed), follow_redirects=False).status_code == 303
    assert _silenced(session, interview) == [[0.5, 0.75]]
    retitled = closed | {"title": "La famille de Mario"}
    assert client.post(url, data=form(client, **retitled), follow_redirects=False).status_code == 303
    assert _silenced(session, interview) == [[0.5, 0.75]]
    reopened = retitled | {"access": "public"}
    assert client.post(url, data=form(client, **reopened), follow_redirects=False).status_code == 303
    assert _silenced(session, interview) == []
