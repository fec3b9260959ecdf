"""Changes reach the search outbox in their own transaction: committed together, rolled back together.

These tests commit for real, so each gets its own migrated SQLite file and session factory; the
other test modules of this folder import the fixtures from here.
"""

import gc
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.agent.models import Agent
from app.collection.models import Collection, CollectionItem
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.item.kinds import DRAFT, PUBLISHED
from app.item.models import Item, ItemAgent, ItemSubject
from app.job.models import Job
from app.place.models import Place
from app.search import sync
from app.subject.models import Subject
from app.transfer.importer import import_file


@pytest.fixture
def search_settings(tmp_path, migrated_sqlite_file) -> Settings:
    path = tmp_path / "museum.db"
    shutil.copyfile(migrated_sqlite_file, path)
    return Settings(
        database_url=f"sqlite:///{path}", media_dir=tmp_path / "media", index_dir=tmp_path / "index", run_worker=False
    )


@pytest.fixture
def search_engine(search_settings) -> Iterator[Engine]:
    engine = make_engine(search_settings.database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(search_engine) -> sessionmaker[Session]:
    """A session factory whose flushes write index jobs, as the app's does."""
    factory = make_session_factory(search_engine)
    sync.install(factory)
    return factory


def add_item(factory: sessionmaker[Session], **fields) -> int:
    """Commit a new item (a published French building unless told otherwise); returns its id."""
    n = fields.pop("n", 1)
    values = {
        "identifier": f"SYNC-{n:04d}",
        "kind": "building",
        "status": PUBLISHED,
        "language": "fr",
        "titles": {"fr": f"Maison ouvrière {n}"},
        "sort_title": f"maison ouvriere {n}",
    } | fields
    with factory.begin() as session:
        item = Item(**values)
        session.add(item)
        session.flush()
        return item.id


def index_jobs(factory: sessionmaker[Session]) -> list[list[int]]:
    """The item ids of each index job, oldest first."""
    with factory() as session:
        query = select(Job.payload).where(Job.kind == sync.INDEX_JOB).order_by(Job.id)
        return [payload["item_ids"] for payload in session.scalars(query)]


def clear_jobs(factory: sessionmaker[Session]) -> None:
    with factory.begin() as session:
        session.execute(Job.__table__.delete())


def test_a_committed_new_item_writes_one_index_job(factory):
    item_id = add_item(factory)
    assert index_jobs(factory) == [[item_id]]


def test_one_job_per_flush_for_every_item_it_changes(factory):
    with factory.begin() as session:
        session.add_all([Item(identifier=f"B-{n}", kind="building", titles={"fr": f"B{n}"}) for n in range(3)])
    jobs = index_jobs(factory)
    assert len(jobs) == 1 and len(jobs[0]) == 3


def test_a_rolled_back_transaction_leaves_no_job(factory):
    with factory() as session:
        session.add(Item(identifier="GONE-1", kind="building", titles={"fr": "Disparue"}))
        session.flush()
        session.rollback()
    assert index_jobs(factory) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda item: setattr(item, "titles", {"fr": "Nouveau titre"}),
        lambda item: setattr(item, "status", DRAFT),
    ],
)
def test_changed_items_are_enqueued(factory, change):
    item_id = add_item(factory)
    clear_jobs(factory)
    with factory.begin() as session:
        change(session.get(Item, item_id))
    assert index_jobs(factory) == [[item_id]]


def test_deleted_items_are_enqueued(factory):
    item_id = add_item(factory)
    clear_jobs(factory)
    with factory.begin() as session:
        session.delete(session.get(Item, item_id))
    assert index_jobs(factory) == [[item_id]]


def test_a_flush_that_changes_nothing_indexed_writes_no_job(factory):
    with factory.begin() as session:
        session.add(Agent(name="Personne", slug="personne"))
    assert index_jobs(factory) == []


def test_credits_subjects_and_collections_enqueue_their_item(factory):
    item_id = add_item(factory)
    with factory.begin() as session:
        agent, subject = Agent(name="Émile", slug="emile"), Subject(name="Mines", slug="mines")
        collection = Collection(slug="cites", titles={"fr": "Cités"})
        session.add_all([agent, subject, collection])
    clear_jobs(factory)
    with factory.begin() as session:
        session.add_all(
            [
                ItemAgent(item_id=item_id, agent_id=agent.id, role="creator"),
                ItemSubject(item_id=item_id, subject_id=subject.id),
                CollectionItem(item_id=item_id, collection_id=collection.id),
            ]
        )
    assert index_jobs(factory) == [[item_id]]


@pytest.mark.parametrize(
    "model, attribute, value",
    [
        (Agent, "name", "Émile Architecte"),
        (Subject, "name", "Sidérurgie"),
        (Collection, "titles", {"fr": "Les cités"}),
        (Place, "name", "Villerupt-Cantebonne"),
    ],
)
def test_renaming_a_linked_row_enqueues_every_item_linked_to_it(factory, model, attribute, value):
    first, second, unlinked = (add_item(factory, n=n) for n in (1, 2, 3))
    with factory.begin() as session:
        linked = _link(session, model, [first, second])
    clear_jobs(factory)
    with factory.begin() as session:
        setattr(session.get(model, linked), attribute, value)
    assert index_jobs(factory) == [[first, second]]


def _link(session: Session, model, item_ids: list[int]) -> int:
    if model is Collection:
        row = Collection(slug="c", titles={"fr": "C"})
    else:
        row = model(name="Nom", slug="nom")
    session.add(row)
    session.flush()
    for item_id in item_ids:
        if model is Agent:
            session.add(ItemAgent(item_id=item_id, agent_id=row.id, role="creator"))
        elif model is Subject:
            session.add(ItemSubject(item_id=item_id, subject_id=row.id))
        elif model is Collection:
            session.add(CollectionItem(item_id=item_id, collection_id=row.id))
        else:
            session.get(Item, item_id).place_id = row.id
    return row.id


def test_importer_bulk_inserts_are_enqueued(factory, search_settings, tmp_path):
    source = tmp_path / "items.csv"
    source.write_text(
        "identifier,kind,title,status\nIMP-1,building,Église,published\nIMP-2,artwork,Fresque,published\n",
        encoding="utf-8",
    )
    with factory.begin() as session:
        report = import_file(session, source, search_settings)
    assert report.created == 2
    with factory() as session:
        ids = sorted(session.scalars(select(Item.id)))
    assert [item_id for job in index_jobs(factory) for item_id in job] == ids


def test_installing_twice_still_writes_one_job_per_flush(factory):
    sync.install(factory)
    add_item(factory)
    assert len(index_jobs(factory)) == 1


def test_every_new_factory_gets_the_outbox(search_engine):
    """Factories come and go (one per app, per command, per test): each new one writes index jobs."""
    # A dead factory is freed at once (gc.collect), so a new one may reuse its id, the bug this test is about.
    # Objects from before the loop are frozen out of the collections: in a whole-suite worker they are millions,
    # and 39 full collections over them took a minute.
    gc.freeze()
    try:
        for n in range(1, 40):
            factory = make_session_factory(search_engine)
            sync.install(factory)
            sync.install(factory)  # twice: still one job per flush
            item_id = add_item(factory, n=n)
            assert index_jobs(factory).count([item_id]) == 1
            del factory
            gc.collect()
    finally:
        gc.unfreeze()
