"""Readable identifiers of new items (VIL-<year>-0001): from the workspace form, the API and the importer's
unnamed rows, one sequence per year kept in the database, so that concurrent creations never collide."""

import threading
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import make_engine
from app.item import identifiers
from app.item.models import Item
from tests.factories import bearer, form, login, make_item, make_user
from tests.migrate import settings_on_copy

YEAR = datetime.now().year


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator")


def _created_in_workspace(client) -> str:
    data = form(client, kind="building", language="fr", title_fr="Maison", rights="")
    response = client.post("/workspace/items", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/workspace/items/")[1].split("?")[0]


def test_two_items_created_in_a_row_get_the_next_numbers_of_the_year(client, session, curator):
    login(client, curator)
    assert [_created_in_workspace(client), _created_in_workspace(client)] == [f"VIL-{YEAR}-0001", f"VIL-{YEAR}-0002"]
    made = client.post(
        "/api/v1/items",
        json={"kind": "memory", "language": "fr", "titles": {"fr": "Souvenir"}},
        headers=bearer(session, curator),
    )
    assert made.status_code == 201 and made.json()["identifier"] == f"VIL-{YEAR}-0003"
    given = client.post(
        "/api/v1/items",
        json={"identifier": "ARCH-77", "kind": "document", "language": "fr", "titles": {"fr": "Plan"}},
        headers=bearer(session, curator),
    )
    assert given.json()["identifier"] == "ARCH-77"


def test_a_new_year_starts_again_at_one(client, session, curator, monkeypatch):
    login(client, curator)
    assert _created_in_workspace(client) == f"VIL-{YEAR}-0001"
    monkeypatch.setattr(identifiers, "utcnow", lambda: datetime(YEAR + 1, 1, 1, 0, 0, 5))
    assert [_created_in_workspace(client), _created_in_workspace(client)] == [
        f"VIL-{YEAR + 1}-0001",
        f"VIL-{YEAR + 1}-0002",
    ]


def test_the_sequence_goes_past_identifiers_already_used_by_imports(session):
    make_item(session, identifier=f"VIL-{YEAR}-0007")
    assert identifiers.next_identifier(session) == f"VIL-{YEAR}-0008"
    make_item(session, identifier=f"VIL-{YEAR}-0009")  # imported since: skipped
    assert identifiers.next_identifier(session) == f"VIL-{YEAR}-0010"
    assert identifiers.next_identifier(session, taken=frozenset({f"VIL-{YEAR}-0011"})) == f"VIL-{YEAR}-0012"


def test_concurrent_creations_in_two_connections_never_share_a_number(tmp_path, migrated_sqlite_file):
    """The second transaction waits for the first one's row lock, then takes the next number."""
    engine = make_engine(settings_on_copy(tmp_path, migrated_sqlite_file).database_url)
    first, second = Session(engine), Session(engine)
    taken: list[str] = []
    first_identifier = identifiers.next_identifier(first)
    worker = threading.Thread(target=lambda: taken.append(identifiers.next_identifier(second)))
    worker.start()
    worker.join(0.5)
    assert worker.is_alive(), "the second creation waits while the first transaction holds the sequence"
    first.add(Item(identifier=first_identifier, kind="document", status="draft", titles={}, descriptions={}))
    first.commit()
    worker.join(10)
    second.commit()
    assert (first_identifier, taken) == (f"VIL-{YEAR}-0001", [f"VIL-{YEAR}-0002"])
    with Session(engine) as check:
        assert check.scalars(select(Item.identifier)).all() == [first_identifier]
    first.close()
    second.close()
    engine.dispose()
