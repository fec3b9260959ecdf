"""Probes of the workflow and of malformed input, kept so they cannot come back (issue 10, part D).

Nobody skips review: a curator's approval of a contribution makes an item in review, through the API as
through the form, and no other path (PATCH, a workflow step, a field named `status`) publishes for them.
Malformed JSON gets a 4xx problem detail that names the field, and changes nothing stored. NUL and lone
surrogates are refused in every text field. The API refuses a long search query before any work. Imports
read files only from their own folder, and CSV exports protect formula cells yet read back unchanged.
"""

import csv
import json
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.contribution.models import APPROVED, PENDING, Contribution
from app.interview.models import Cue
from app.item.models import Item
from app.revision.models import ItemRevision
from app.transfer.exporter import export_file
from app.transfer.importer import import_file
from tests.contribution.factories import make_contribution
from tests.contribution.helpers import alt_texts, submit
from tests.factories import bearer, form, login, logout, make_collection, make_item, make_user
from tests.transfer.conftest import FIXTURES, write_csv

NEW = {
    "kind": "artwork",
    "language": "fr",
    "titles": {"fr": "Le laminoir"},
    "credits": [{"role": "creator", "name": "Jean Dupont"}],
}
PROBLEM = "application/problem+json"


@pytest.fixture
def curator(session):
    return make_user(session, "probe-curator", role="curator")


@pytest.fixture
def supervisor(session):
    return make_user(session, "probe-supervisor", role="supervisor")


def _count(session: Session, model) -> int:
    session.flush()
    return session.scalar(select(func.count()).select_from(model))


def _refused(response, *words: str) -> None:
    """A clean refusal: 4xx, a problem detail, a message naming what is wrong."""
    assert 400 <= response.status_code < 500 and response.status_code not in (401, 403), response.text
    assert response.headers["content-type"] == PROBLEM, response.text
    detail = response.json()["detail"]
    assert detail and all(word in detail for word in words), detail


# Review bypass paths --------------------------------------------------------------------------------------


def test_a_curators_api_approval_makes_an_item_in_review_not_a_public_one(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings)
    response = client.post(
        f"/api/v1/contributions/{contribution.id}/approve",
        headers=bearer(session, curator),
        json={"title": "La cité", "alt_texts": ["Les maisons de la cité"]},
    )
    assert response.status_code == 200 and response.json()["item_status"] == "in_review"
    identifier = response.json()["item"]
    assert session.scalar(select(Item.status).where(Item.identifier == identifier)) == "in_review"
    assert client.get(f"/api/v1/items/{identifier}").status_code == 404
    assert client.get(f"/items/{identifier}").status_code == 404


def test_a_curators_form_approval_makes_an_item_in_review_not_a_public_one(client, session, settings, curator):
    contribution, token = make_contribution(session, settings)
    login(client, curator)
    data = form(client, title="La cité", story=contribution.story, date_text="", place="", place_text="", item="")
    data |= alt_texts(contribution)
    response = client.post(f"/workspace/contributions/{contribution.id}/approve", data=data, follow_redirects=False)
    assert response.status_code == 303 and "/items/" not in response.headers["location"]
    item = session.get(Item, contribution.created_item_id)
    assert (contribution.status, item.status) == (APPROVED, "in_review")
    logout(client)
    assert client.get(f"/items/{item.identifier}").status_code == 404
    assert "published" not in client.get(f"/contribute/status/{token}?lang=en").text.split("<h1")[1].split("</p>")[0]


def test_a_supervisors_approval_publishes_at_once(client, session, settings, supervisor):
    contribution, _token = make_contribution(session, settings)
    response = client.post(
        f"/api/v1/contributions/{contribution.id}/approve",
        headers=bearer(session, supervisor),
        json={"title": "La cité", "alt_texts": ["Les maisons de la cité"]},
    )
    assert response.json()["item_status"] == "published"
    assert client.get(f"/api/v1/items/{response.json()['item']}").status_code == 200


def test_a_curator_cannot_publish_by_any_other_path(client, session, curator):
    item = make_item(session, identifier="PROBE-R", status="in_review")
    token = bearer(session, curator)
    assert client.post("/api/v1/items/PROBE-R/publish", headers=token).status_code == 403
    patched = client.patch("/api/v1/items/PROBE-R", headers=token, json={"status": "published", "revision": 0})
    _refused(patched, "status")
    created = client.post("/api/v1/items", headers=token, json=NEW | {"identifier": "PROBE-N", "status": "published"})
    _refused(created, "status")
    login(client, curator)
    assert client.post("/workspace/items/PROBE-R/publish", data=form(client)).status_code == 403
    draft = make_item(session, identifier="PROBE-D", status="draft")
    assert client.post("/workspace/items/PROBE-D/submit", data=form(client), follow_redirects=False).status_code == 303
    assert client.post("/workspace/items/PROBE-D/publish", data=form(client)).status_code == 403
    session.refresh(item)
    session.refresh(draft)
    assert (item.status, draft.status) == ("in_review", "in_review")
    assert session.scalar(select(Item).where(Item.identifier == "PROBE-N")) is None


# Malformed API values ---------------------------------------------------------------------------------------


def _raw_json(text: str, headers: dict | None = None) -> dict:
    """A JSON body sent as written (escaped lone surrogates included), with `headers`."""
    return {"content": text.encode("ascii"), "headers": {"Content-Type": "application/json"} | (headers or {})}


CREATE_CASES = {
    "huge duration": ({"json": NEW | {"duration": 10**30}}, "duration"),
    "huge duration written": ({"json": NEW | {"duration": "1" * 30}}, "duration"),
    "negative duration": ({"json": NEW | {"duration": -5}}, "duration"),
    "lone surrogate in a title": (_raw_json(json.dumps(NEW | {"titles": {"fr": "Le \ud800 laminoir"}})), "titles"),
    "NUL in a title": ({"json": NEW | {"titles": {"fr": "Le\x00laminoir"}}}, "titles"),
    "NUL in a credit name": ({"json": NEW | {"credits": [{"role": "creator", "name": "J\x00D"}]}}, "credits"),
    "lone surrogate in a subject": (_raw_json(json.dumps(NEW | {"subjects": ["\udfff"]})), "subjects"),
    "NUL in a description key": ({"json": NEW | {"descriptions": {"fr\x00": "x"}}}, "descriptions"),
    "unknown credit role": ({"json": NEW | {"credits": [{"role": "king", "name": "Louis"}]}}, "credits"),
    "unknown collection": ({"json": NEW | {"collections": ["nowhere"]}}, "collections"),
    "wrong content type": ({"content": json.dumps(NEW).encode(), "headers": {"Content-Type": "text/plain"}}, ""),
    "form instead of JSON": ({"data": {"kind": "artwork", "titles": "x"}}, ""),
    "missing title in English": ({"json": NEW | {"language": "en"}}, "title_en"),
    "no titles at all": ({"json": {"kind": "artwork"}}, "titles"),
    "unknown kind": ({"json": NEW | {"kind": "spaceship"}}, "kind"),
    "latitude beyond the pole": ({"json": NEW | {"latitude": 1e308, "longitude": 1}}, "latitude"),
    "not JSON": ({"content": b"{", "headers": {"Content-Type": "application/json"}}, ""),
}


@pytest.mark.parametrize("request_args, field", CREATE_CASES.values(), ids=CREATE_CASES.keys())
def test_a_malformed_new_item_is_refused_with_a_message_and_nothing_stored(
    client, session, curator, request_args, field
):
    make_collection(session, slug="real")
    before = _count(session, Item)
    response = client.post(
        "/api/v1/items", headers=bearer(session, curator) | request_args.pop("headers", {}), **request_args
    )
    _refused(response, field)
    assert _count(session, Item) == before


@pytest.mark.parametrize("revision", ["abc", 10**30, -1, 2**63, 1.5, None])
def test_a_patch_with_a_malformed_revision_is_refused_and_changes_nothing(client, session, curator, revision):
    token = bearer(session, curator)
    made = client.post("/api/v1/items", headers=token, json=NEW | {"identifier": "PROBE-P"})
    assert made.status_code == 201
    response = client.patch(
        "/api/v1/items/PROBE-P", headers=token, json={"titles": {"fr": "Autre"}, "revision": revision}
    )
    _refused(response, "revision")
    assert session.scalar(select(Item.titles).where(Item.identifier == "PROBE-P")) == {"fr": "Le laminoir"}
    assert _count(session, ItemRevision) == 1


@pytest.mark.parametrize("text", ["Le\x00laminoir", "Le \ud800"])
def test_a_patch_with_a_forbidden_character_changes_nothing(client, session, curator, text):
    token = bearer(session, curator)
    client.post("/api/v1/items", headers=token, json=NEW | {"identifier": "PROBE-C"})
    body = json.dumps({"inscription": text, "revision": 1})
    _refused(client.patch("/api/v1/items/PROBE-C", **_raw_json(body, token)), "inscription")
    assert session.scalar(select(Item.inscription).where(Item.identifier == "PROBE-C")) is None


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/contributions/1000000000000000000000000000000/approve",
        "/api/v1/contributions/-1/approve",
        "/api/v1/contributions/abc/approve",
        "/api/v1/contributions/9223372036854775808/reject",
    ],
)
def test_approving_a_contribution_number_beyond_storage_is_refused(client, session, settings, curator, path):
    contribution, _token = make_contribution(session, settings)
    response = client.post(path, headers=bearer(session, curator), json={"reason": "x"})
    _refused(response, "contribution_id")
    assert contribution.status == PENDING


@pytest.mark.parametrize("body", [{"title": "La\x00cité"}, {"story": "\ud800"}, {"date": "19\x0055"}])
def test_an_approval_with_a_forbidden_character_changes_nothing(client, session, settings, curator, body):
    contribution, _token = make_contribution(session, settings)
    response = client.post(
        f"/api/v1/contributions/{contribution.id}/approve", **_raw_json(json.dumps(body), bearer(session, curator))
    )
    _refused(response, next(iter(body)))
    assert (contribution.status, contribution.created_item_id) == (PENDING, None)


# NUL and lone surrogates in the forms ----------------------------------------------------------------------


def test_the_workspace_form_refuses_a_nul_next_to_the_field(client, session, curator):
    login(client, curator)
    data = form(client, kind="building", language="fr", title_fr="Maison\x00du directeur", address="Rue\x00Carnot")
    response = client.post("/workspace/items?lang=en", data=data, follow_redirects=False)
    assert response.status_code == 422
    assert response.text.count("null character (NUL)") == 2
    assert session.scalar(select(Item).where(Item.sort_title.like("%maison%"))) is None


def test_the_contribution_form_refuses_a_nul_next_to_the_field(client, session):
    before = _count(session, Contribution)
    response = submit(client, story="Mon grand-père\x00 tenait l'épicerie.", headers={"Accept-Language": "en"})
    assert response.status_code == 400 and "null character (NUL)" in response.text
    assert _count(session, Contribution) == before


def test_the_moderation_form_refuses_a_nul_and_keeps_the_contribution(client, session, settings, curator):
    contribution, _token = make_contribution(session, settings)
    login(client, curator)
    data = form(client, title="La\x00cité", story=contribution.story, date_text="", place="", place_text="", item="")
    response = client.post(f"/workspace/contributions/{contribution.id}/approve?lang=en", data=data)
    assert response.status_code == 400 and "null character (NUL)" in response.text
    assert (contribution.status, contribution.title) != (APPROVED, "La\x00cité")
    assert "\x00" not in (contribution.title or "")


# The search API refuses a long query before any work --------------------------------------------------------


def test_a_60_kb_query_on_the_api_is_refused_fast(client):
    started = time.perf_counter()
    response = client.get("/api/v1/search", params={"q": "siderurgie " * 5400})  # 59,400 characters
    elapsed = time.perf_counter() - started
    _refused(response, "q")
    assert elapsed < 0.5, elapsed


# Imports read files only from their own folder ----------------------------------------------------------------


def test_import_rows_pointing_outside_the_folder_are_rejected_and_the_rest_imported(tmp_path, session, settings):
    folder = tmp_path / "import"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("0:00\troot:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "ok.txt").write_bytes((FIXTURES / "transcripts" / "interview_cp1252.txt").read_bytes())
    escapes = [str(outside), "../secret.txt", "link.txt", "sub/../../secret.txt", "/etc/passwd"]
    rows = [
        {"identifier": f"ESC-{n}", "kind": "interview", "title": "T", "transcript": path}
        for n, path in enumerate(escapes)
    ]
    rows.append({"identifier": "OK-1", "kind": "interview", "title": "T", "transcript": "ok.txt", "status": "draft"})
    rows.append({"identifier": "OK-2", "kind": "photograph", "title": "T", "media": str(outside)})
    report = import_file(session, write_csv(folder / "items.csv", rows), settings)
    rejected = {error.row: error.message for error in report.rejected}
    assert sorted(rejected) == [2, 3, 4, 5, 6, 8] and report.created == 1
    assert all("outside the imported file's folder" in message for message in rejected.values()), rejected
    assert not [text for text in session.scalars(select(Cue.text)) if "root:" in text]


def test_a_jsonl_import_refuses_lone_surrogates_and_nul_per_row(tmp_path, session, settings):
    rows = [
        {"identifier": "S-1", "kind": "document", "title": "A \ud800"},
        {"identifier": "S-2", "kind": "document", "title": "B", "medium": "x\x00y"},
        {"identifier": "S-3", "kind": "document", "title": "C"},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    report = import_file(session, path, settings)
    assert report.created == 1 and [error.row for error in report.rejected] == [1, 2]
    assert "lone surrogate (U+D800)" in report.rejected[0].message and "NUL" in report.rejected[1].message


# CSV exports protect formula cells and read back unchanged ------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example","clic")',
    "+33 6 12 34 56 78",
    "-2+3",
    "@SUM(A1)",
    "'=already quoted",
    "''+twice",
    "'t Hoogeland",
    "a=b",
]


def test_exported_formula_cells_are_protected_and_read_back_unchanged(tmp_path, session, settings):
    for n, text in enumerate(FORMULAS):
        make_item(session, identifier=f"F-{n}", title=text, inscription=text, medium=f"{text}|x")
    path = tmp_path / "export" / "items.csv"
    export_file(session, path, settings)
    with path.open(encoding="utf-8", newline="") as f:
        cells = [cell for row in csv.reader(f) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example","clic")' in cells and "'t Hoogeland" in cells
    before = {
        item.identifier: (item.titles, item.inscription, item.medium)
        for item in session.scalars(select(Item).where(Item.identifier.like("F-%")))
    }
    report = import_file(session, path, settings)
    assert (report.rejected, report.updated) == ([], 0) and report.unchanged == len(FORMULAS)
    session.expire_all()
    after = {
        item.identifier: (item.titles, item.inscription, item.medium)
        for item in session.scalars(select(Item).where(Item.identifier.like("F-%")))
    }
    assert after == before


def test_a_jsonl_export_is_left_as_it_is(tmp_path, session, settings):
    make_item(session, identifier="F-J", title="=1+1")
    path = tmp_path / "items.jsonl"
    export_file(session, path, settings)
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "=1+1"
