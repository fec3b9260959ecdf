"""The transcript API: curators import files, everyone reads what access.py lets them, as JSON and as files."""

import io

import pytest
import srt
import webvtt

from app.revision import service as revision_service
from tests.factories import bearer, make_item, make_user
from tests.interview.helpers import PNG, VOICES_VTT, WATSON, fixture, make_interview, reloaded, with_rows


def _post(client, identifier, data: bytes, name="file.txt", headers=None, **params):
    files = {"file": (name, data, "application/octet-stream")}
    return client.post(f"/api/v1/items/{identifier}/transcript", files=files, params=params, headers=headers or {})


@pytest.fixture
def curator(session):
    return bearer(session, make_user(session, role="curator"))


def test_a_curator_imports_the_real_watson_transcript(client, session, curator):
    item = make_interview(session, status="draft", language="en")
    response = _post(client, item.identifier, WATSON.read_bytes(), WATSON.name, curator)
    assert response.status_code == 201, response.text
    report = response.json()
    assert (report["format"], report["encoding"], report["cues"], report["imported"]) == ("text", "utf-8", 84, True)
    assert {"line": 143, "code": "bad-timecode"}.items() <= report["problems"][0].items()
    assert len(reloaded(session, item).transcript) == 84
    assert [r.number for r in revision_service.history(session, item.id)] == [report["revision"], 1]


def test_problems_are_reported_in_the_callers_language(client, session, curator):
    item = make_interview(session, status="draft")
    response = _post(
        client, item.identifier, fixture("villerupt_overlap.srt"), "o.srt", curator | {"Accept-Language": "de"}
    )
    reasons = {p["code"]: p["reason"] for p in response.json()["problems"]}
    assert reasons["overlap"].startswith("Ein Abschnitt beginnt vor dem Ende")


def test_dry_run_answers_200_with_the_report_and_changes_nothing(client, session, curator):
    item = with_rows(session, make_interview(session, status="draft"), cues=[(1.0, 2.0, "Déjà là")])
    response = _post(client, item.identifier, VOICES_VTT.encode(), "v.vtt", curator, dry_run="true")
    assert response.status_code == 200 and response.json()["cues"] == 3 and response.json()["replaced"] == 1
    assert [cue.text for cue in reloaded(session, item).transcript] == ["Déjà là"]


@pytest.mark.parametrize(
    "data, name, status, code",
    [
        (PNG, "scan.png", 415, "not-text"),
        (b"", "empty.vtt", 422, "empty"),
        (b"0.01\tHello\n", "t.txt", 422, "no-segment"),
    ],
)
def test_an_unreadable_file_is_a_problem_detail_and_nothing_is_lost(client, session, curator, data, name, status, code):
    item = with_rows(session, make_interview(session, status="draft"), segments=[(0.0, 5.0, "Début")])
    response = _post(client, item.identifier, data, name, curator | {"Accept-Language": "fr"}, kind="index")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["report"]["problems"][0]["code"] == code and body["detail"]
    assert [s.title for s in reloaded(session, item).index_segments] == ["Début"]


def test_a_file_over_the_limit_is_refused_with_413(client, session, curator, monkeypatch):
    from app.interview import importing

    monkeypatch.setattr(importing, "TRANSCRIPT_LIMIT", 1000)
    item = make_interview(session, status="draft")
    response = _post(client, item.identifier, b"0.01\t" + b"a" * 2000, "big.txt", curator)
    assert response.status_code == 413 and response.json()["status"] == 413


def test_a_five_megabyte_line_is_accepted_and_reported(client, session, curator):
    item = make_interview(session, status="draft")
    data = b"0.05\tBonjour\n0.10\t" + b"a" * (5 * 1024 * 1024) + b"\n"
    response = _post(client, item.identifier, data, "long.txt", curator)
    assert response.status_code == 201
    assert any(p["code"] == "line-too-long" and p["line"] == 2 for p in response.json()["problems"])


@pytest.mark.parametrize(
    "params, status",
    [({"kind": "chapters"}, 400), ({"language": "français"}, 400)],
)
def test_bad_parameters_are_a_problem_detail(client, session, curator, params, status):
    item = make_interview(session, status="draft")
    response = _post(client, item.identifier, VOICES_VTT.encode(), "v.vtt", curator, **params)
    assert response.status_code == status and response.headers["content-type"] == "application/problem+json"


def test_an_item_that_is_not_an_interview_is_refused(client, session, curator):
    building = make_item(session, status="draft")
    response = _post(client, building.identifier, VOICES_VTT.encode(), "v.vtt", curator | {"Accept-Language": "en"})
    assert response.status_code == 422 and "not an oral memory" in response.json()["detail"]


def test_an_unknown_item_is_404(client, curator):
    assert _post(client, "NO-SUCH", VOICES_VTT.encode(), "v.vtt", curator).status_code == 404


@pytest.mark.parametrize("role, status", [(None, 401), ("contributor", 403)])
def test_only_curators_may_import(client, session, role, status):
    item = make_interview(session)
    headers = bearer(session, make_user(session, role=role)) if role else {}
    response = _post(client, item.identifier, VOICES_VTT.encode(), "v.vtt", headers)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert reloaded(session, item).transcript == []


def test_translation_is_attached_through_the_api(client, session, curator):
    item = with_rows(session, make_interview(session, status="draft"), cues=[(1.0, 4.0, "Bonjour")])
    data = b"WEBVTT\n\n00:00:01.200 --> 00:00:04.000\nGuten Tag\n"
    response = _post(client, item.identifier, data, "de.vtt", curator, kind="translation", language="de")
    assert response.status_code == 201 and response.json()["matched"] == 1
    cue = reloaded(session, item).transcript[0]
    assert (cue.translation, cue.translation_language) == ("Guten Tag", "de")


# Reading.


def _interview_with_secrets(session, **access):
    cues = [(1.0, 4.0, "Bonjour"), (4.0, 7.0, "Le secret"), (7.0, 10.0, "La suite")]
    segments = [(0.0, 10.0, "Public"), (20.0, 30.0, "Fermé", "withdrawn")]
    return with_rows(session, make_interview(session), cues=cues, segments=segments, redactions=[(4.5, 5.0)], **access)


def test_visitors_read_the_public_transcript_and_index_without_the_hidden_parts(client, session):
    item = _interview_with_secrets(session)
    cues = client.get(f"/api/v1/items/{item.identifier}/transcript").json()["cues"]
    assert [cue["text"] for cue in cues] == ["Bonjour", "La suite"]
    assert cues[0] == {
        "recording": 1,
        "start": 1.0,
        "end": 4.0,
        "speaker": None,
        "text": "Bonjour",
        "language": "fr",
        "translation": None,
        "translation_language": None,
    }
    segments = client.get(f"/api/v1/items/{item.identifier}/index").json()["segments"]
    assert [s["title"] for s in segments] == ["Public"]


def test_curators_read_everything(client, session):
    item = _interview_with_secrets(session, access="withdrawn")
    headers = bearer(session, make_user(session, role="curator"))
    cues = client.get(f"/api/v1/items/{item.identifier}/transcript", headers=headers).json()["cues"]
    assert [cue["text"] for cue in cues] == ["Bonjour", "Le secret", "La suite"]
    vtt = client.get(f"/api/v1/items/{item.identifier}/index.vtt", headers=headers).text
    assert "Fermé" in vtt


@pytest.mark.parametrize("access", ["withdrawn", "on_request", "sealed"])
@pytest.mark.parametrize(
    "path",
    ["transcript", "index", "transcript.vtt", "transcript.srt", "transcript.txt", "translation.vtt", "index.vtt"],
)
def test_closed_interviews_are_404_on_every_reading_route(client, session, access, path):
    from datetime import date

    item = _interview_with_secrets(session, access=access, sealed_until=date(2051, 1, 1))
    response = client.get(f"/api/v1/items/{item.identifier}/{path}", headers={"Accept-Language": "de"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "Bonjour" not in response.text and "öffentliches Transkript" in response.json()["detail"]


def test_a_draft_interview_is_404_for_visitors(client, session):
    item = with_rows(session, make_interview(session, status="draft"), cues=[(1.0, 2.0, "Bonjour")])
    assert client.get(f"/api/v1/items/{item.identifier}/transcript.vtt").status_code == 404


def test_files_are_served_in_their_formats_and_read_back(client, session):
    item = make_interview(session)
    with_rows(session, item, cues=[(1.0, 4.0, "Bonjour"), (4.0, 7.0, "Le secret")], redactions=[(4.5, 5.0)])
    vtt = client.get(f"/api/v1/items/{item.identifier}/transcript.vtt")
    assert vtt.headers["content-type"].startswith("text/vtt")
    assert f'filename="{item.identifier}.vtt"' in vtt.headers["content-disposition"]
    assert [c.text for c in webvtt.from_buffer(io.StringIO(vtt.text)).captions] == ["Bonjour"]
    subtitles = list(srt.parse(client.get(f"/api/v1/items/{item.identifier}/transcript.srt").text))
    assert [s.content for s in subtitles] == ["Bonjour"]
    assert client.get(f"/api/v1/items/{item.identifier}/transcript.txt").text == "0.01\tBonjour\n"


def test_the_routes_are_described_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/items/{identifier}/transcript" in paths and "post" in paths["/api/v1/items/{identifier}/transcript"]
    assert "/api/v1/items/{identifier}/index.vtt" in paths
