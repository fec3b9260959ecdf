"""Run by test_field_registry.py in its own process, with a field added to the registry (tests/extra_field.py):
the field is in the form, the API, the history diff, the export and the import without any other change."""

import csv

import pytest

from app.db import make_engine
from app.item.models import Item
from app.transfer.exporter import export_file
from app.transfer.importer import import_file
from tests.extra_field import LABEL, NAME, add_column
from tests.factories import bearer, form, login, make_user
from tests.migrate import upgrade
from tests.web.html import parse

NEW = {"kind": "object", "language": "fr", "titles": {"fr": "Casque de mineur"}, NAME: "INV-0042"}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'museum.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        add_column(connection)
    engine.dispose()
    return url


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator")


def test_the_form_shows_and_saves_the_field(client, session, curator):
    login(client, curator)
    page = client.get("/workspace/items/new").text
    assert f'name="{NAME}"' in page and LABEL in page
    fields = {"kind": "object", "language": "fr", "title_fr": "Lampe de mineur", NAME: "INV-0001"}
    saved = client.post("/workspace/items", data=form(client, **fields), follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert session.query(Item).filter_by(inventory_number="INV-0001").one().titles == {"fr": "Lampe de mineur"}
    refused = client.post("/workspace/items", data=form(client, **fields | {NAME: "x" * 41}))
    assert refused.status_code == 422
    assert parse(refused.text).find(id=f"f-{NAME}").get("aria-invalid") == "true"


def test_the_api_takes_it_and_the_history_shows_its_change(client, session, curator):
    headers = bearer(session, curator)
    made = client.post("/api/v1/items", json=NEW, headers=headers)
    assert made.status_code == 201, made.text
    assert made.json()["values"][NAME] == "INV-0042"
    changed = client.patch(
        f"/api/v1/items/{made.json()['identifier']}",
        headers=headers,
        json={NAME: "INV-0043", "revision": made.json()["revision"]},
    )
    assert changed.status_code == 200, changed.text
    history = client.get(f"/api/v1/items/{made.json()['identifier']}/revisions", headers=headers).json()
    assert history["revisions"][0]["changes"] == {NAME: ["INV-0042", "INV-0043"]}
    too_long = client.patch(
        f"/api/v1/items/{made.json()['identifier']}",
        headers=headers,
        json={NAME: "x" * 41, "revision": changed.json()["revision"]},
    )
    assert too_long.status_code == 422 and NAME in too_long.json()["errors"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert NAME in schema["ItemCreate"]["properties"] and NAME in schema["ItemUpdate"]["properties"]
    login(client, curator)
    page = client.get(f"/workspace/items/{made.json()['identifier']}/history").text
    assert LABEL in page and "INV-0043" in page


def test_export_and_import_carry_the_field(session, settings, tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text(f"identifier,kind,title,{NAME}\nOBJ-1,object,Lampe de mineur,INV-7\n", encoding="utf-8")
    report = import_file(session, rows, settings)
    assert not report.rejected, report.rejected
    assert session.query(Item).filter_by(identifier="OBJ-1").one().inventory_number == "INV-7"
    exported = tmp_path / "export.csv"
    export_file(session, exported, settings)
    with exported.open(encoding="utf-8") as handle:
        row = next(line for line in csv.DictReader(handle) if line["identifier"] == "OBJ-1")
    assert row[NAME] == "INV-7"
    too_long = tmp_path / "long.csv"
    too_long.write_text(f"identifier,kind,title,{NAME}\nOBJ-2,object,Lampe,{'x' * 41}\n", encoding="utf-8")
    assert "OBJ-2" in str(import_file(session, too_long, settings).rejected)
