"""Harvesting the live app with sickle, as aggregators do: a full harvest, then an incremental one after changes."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sickle import Sickle
from sickle.oaiexceptions import NoRecordsMatch
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.config import Settings
from app.db import make_engine
from app.item.models import Item
from app.main import create_app
from tests.factories import make_collection, make_item
from tests.migrate import upgrade
from tests.oai.conftest import NS, private_items
from tests.web.live import live_server


@contextmanager
def served(tmp_path: Path) -> Iterator[tuple[str, Session]]:
    """The app live over a new migrated SQLite file, and a session on it whose commits the server sees."""
    url = f"sqlite:///{tmp_path / 'museum.db'}"
    upgrade(url)
    folders = {f"{name}_dir": tmp_path / name for name in ("media", "index")}
    settings = Settings(
        database_url=url, secret_key_file=tmp_path / "secret", badge_key_file=tmp_path / "badge.pem", **folders
    )
    engine = make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as session, live_server(create_app(settings)) as base:
            yield base, session
    finally:
        engine.dispose()


def harvest(base: str, **args) -> dict[str, bool]:
    """{identifier: deleted} of every record ListRecords gives, following resumption tokens."""
    sickle = Sickle(f"{base}/oai", max_retries=0)
    try:
        records = list(sickle.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False, **args))
    except NoRecordsMatch:
        return {}
    found = {record.header.identifier.removeprefix(NS): record.header.deleted for record in records}
    assert len(found) == len(records), "a record was sent twice"
    return found


def next_second() -> str:
    """Wait until the clock is in a new second, and give that second as a `from` argument."""
    time.sleep(1.05)
    return utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")


def test_full_then_incremental_harvest_recover_exactly_the_public_records_then_exactly_the_changes(tmp_path):
    with served(tmp_path) as (base, session):
        hidden = private_items(session)
        edited, withdrawn, removed, untouched = (make_item(session, title=f"Maison {n}") for n in range(4))
        make_collection(session, [edited, removed], slug="cites")
        session.commit()
        assert harvest(base) == dict.fromkeys((i.identifier for i in (edited, withdrawn, removed, untouched)), False)
        assert set(harvest(base, set="collection:cites")) == {edited.identifier, removed.identifier}

        since = next_second()
        edited.titles = {"fr": "Maison corrigée"}
        withdrawn.status = "withdrawn"
        session.delete(removed)
        hidden["draft"].titles = {"fr": "Brouillon encore secret"}
        newcomer = make_item(session, title="Nouvelle maison")
        session.commit()
        changes = harvest(base, **{"from": since})
        assert changes == {
            edited.identifier: False,
            newcomer.identifier: False,
            withdrawn.identifier: True,
            removed.identifier: True,
        }
        assert set(harvest(base, set="collection:cites", **{"from": since})) == {edited.identifier, removed.identifier}
        assert session.scalar(select(Item.id).where(Item.identifier == removed.identifier)) is None

        full = harvest(base)
        assert {found for found, gone in full.items() if not gone} == {
            edited.identifier,
            untouched.identifier,
            newcomer.identifier,
        }
        assert not set(full) & {item.identifier for item in hidden.values()}
        assert harvest(base, **{"from": next_second()}) == {}
