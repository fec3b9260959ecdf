"""The workspace's transcript import page: check, import, read the report, download; only for interviews."""

import pytest

from app.revision import service as revision_service
from tests.factories import csrf_token, login, make_item, make_user
from tests.interview.helpers import PNG, VOICES_VTT, WATSON, fixture, make_interview, reloaded, with_rows
from tests.web.html import parse


@pytest.fixture
def curator(client, session):
    user = make_user(session, role="curator")
    login(client, user)
    return user


def _url(identifier: str) -> str:
    return f"/workspace/items/{identifier}/transcript/import"


def _send(client, identifier, data: bytes, name="file.txt", **fields):
    values = {"csrf_token": csrf_token(client), "kind": "transcript", "language": "", "action": "import"} | fields
    return client.post(_url(identifier), data=values, files={"file": (name, data, "text/plain")})


def _problems(response) -> list[str]:
    return [li.text for li in parse(response.text).find("ol", class_="import-problems").find_all("li")]


def test_the_form_offers_the_kinds_and_the_downloads(client, session, curator):
    item = make_interview(session, status="draft")
    response = client.get(_url(item.identifier) + "?lang=en")
    assert response.status_code == 200
    doc = parse(response.text)
    assert [o.get("value") for o in doc.find(id="transcript-kind").find_all("option")] == [
        "transcript",
        "index",
        "translation",
    ]
    links = [a.get("href") or "" for a in doc.find_all("a", download=True)]
    assert f"/api/v1/items/{item.identifier}/transcript.vtt" in links[0]
    assert any(link.endswith("/index.vtt") for link in links) and len(links) == 7


def test_checking_shows_the_report_and_changes_nothing(client, session, curator):
    item = with_rows(session, make_interview(session, status="draft", language="en"), cues=[(1.0, 2.0, "Déjà là")])
    response = _send(client, item.identifier, WATSON.read_bytes(), WATSON.name, action="check")
    assert response.status_code == 200
    text = parse(response.text).find("main").text
    assert "Vérification seulement" in text and "utf-8" in text and "84 passages" in text
    assert _problems(response)[0].startswith("Ligne 143 : Un code temporel est illisible.")
    assert [cue.text for cue in reloaded(session, item).transcript] == ["Déjà là"]
    assert revision_service.history(session, item.id) == []


def test_importing_replaces_the_cues_records_a_revision_and_says_so(client, session, curator):
    item = make_interview(session, status="draft")
    response = _send(client, item.identifier, VOICES_VTT.encode(), "voix.vtt", language="fr")
    assert response.status_code == 200
    assert "Le fichier a été importé" in parse(response.text).find(role="status").text
    assert [cue.speaker for cue in reloaded(session, item).transcript] == [
        "Marie Dupont",
        "Claire Rossi",
        "Marie Dupont",
    ]
    [revision, _baseline] = revision_service.history(session, item.id)
    assert revision.user_id == curator.id and revision.comment == "transcript: voix.vtt (vtt)"
    history = client.get(f"/workspace/items/{item.identifier}/history?lang=en").text
    assert "Transcript or index imported" in history


def test_an_index_and_a_translation_are_imported_from_the_page(client, session, curator):
    item = with_rows(session, make_interview(session, status="draft"), cues=[(0.0, 4.0, "Bonjour")])
    assert _send(client, item.identifier, fixture("villerupt_ohms.xml"), "i.xml", kind="index").status_code == 200
    data = b"WEBVTT\n\n00:00:00.500 --> 00:00:04.000\nGuten Tag\n"
    assert _send(client, item.identifier, data, "de.vtt", kind="translation", language="de").status_code == 200
    item = reloaded(session, item)
    assert item.index_segments[0].title == "L'enfance à la cité de Butte"
    assert item.transcript[0].translation == "Guten Tag"


@pytest.mark.parametrize(
    "data, problem", [(PNG, "Le fichier n’est pas du texte"), (b"", "Le fichier ne contient aucun")]
)
def test_an_unreadable_file_is_explained_and_nothing_is_lost(client, session, curator, data, problem):
    item = with_rows(session, make_interview(session, status="draft"), cues=[(1.0, 2.0, "Déjà là")])
    response = _send(client, item.identifier, data, "scan.png")
    assert response.status_code == 422
    assert parse(response.text).find(role="alert").text.startswith("Rien n’a pu être importé")
    assert _problems(response)[0].startswith(f"Fichier entier : {problem}")
    assert [cue.text for cue in reloaded(session, item).transcript] == ["Déjà là"]


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"kind": "chapters"}, "transcript-kind", "Choose what the file holds."),
        ({"language": "english"}, "transcript-language", "Write a language code of two or three letters"),
    ],
)
def test_wrong_fields_get_messages_next_to_them(client, session, curator, fields, field, message):
    item = make_interview(session, status="draft")
    response = client.post(
        _url(item.identifier) + "?lang=en",
        data={"csrf_token": csrf_token(client), "kind": "transcript", "language": "", "action": "import"} | fields,
        files={"file": ("v.vtt", VOICES_VTT.encode(), "text/vtt")},
    )
    assert response.status_code == 422
    assert parse(response.text).find(id=f"{field}-error").text.startswith(message)
    assert reloaded(session, item).transcript == []


def test_a_missing_file_is_asked_for(client, session, curator):
    item = make_interview(session, status="draft")
    data = {"csrf_token": csrf_token(client), "kind": "transcript", "action": "import"}
    response = client.post(_url(item.identifier) + "?lang=en", data=data, files={"file": ("", b"", "text/plain")})
    assert response.status_code == 422
    assert parse(response.text).find(id="transcript-file-error").text == "Choose a file first."


def test_only_interviews_have_the_page_and_the_link(client, session, curator):
    building = make_item(session, status="draft")
    interview = make_interview(session, status="draft")
    assert client.get(_url(building.identifier)).status_code == 422
    assert client.get(_url("NO-SUCH")).status_code == 404
    assert "transcript/import" not in client.get(f"/workspace/items/{building.identifier}").text
    link = parse(client.get(f"/workspace/items/{interview.identifier}").text).find("p", class_="interview-links")
    assert (link.find("a").get("href") or "").endswith(_url(interview.identifier))


def test_visitors_and_contributors_are_refused(client, session):
    item = make_interview(session, status="draft")
    assert client.get(_url(item.identifier)).status_code == 401
    login(client, make_user(session, role="contributor"))
    assert client.get(_url(item.identifier)).status_code == 403
    assert _send(client, item.identifier, VOICES_VTT.encode(), "v.vtt").status_code == 403
    assert reloaded(session, item).transcript == []


def test_a_curator_sees_a_published_interview_but_may_not_import_into_it(client, session, curator):
    item = make_interview(session)
    response = client.get(_url(item.identifier))
    assert response.status_code == 200 and not parse(response.text).find_all("input", type="file")
    assert _send(client, item.identifier, VOICES_VTT.encode(), "v.vtt").status_code == 403
