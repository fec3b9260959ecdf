"""The indexer applies the outbox: committed changes reach the index, at least once and idempotently."""

import json
import threading
from datetime import timedelta

from sqlalchemy import select

from app.agent.models import Agent
from app.db import make_engine, make_session_factory
from app.item.kinds import DRAFT
from app.item.models import Item, ItemAgent
from app.job import service as job_service
from app.job.models import DONE, Job
from app.job.registry import JobContext
from app.job.worker import run
from app.search import jobs, sync
from app.search.index import SearchIndex, open_index
from app.transfer.importer import import_file
from tests.search.test_sync import (  # noqa: F401  (fixtures)
    add_item,
    factory,
    search_engine,
    search_settings,
)


def drain(factory, settings) -> None:
    """Run every due job, as `museum worker --drain` does."""
    assert run(factory, JobContext.from_settings(settings), stop=threading.Event(), drain=True) == 0


def on_disk(settings) -> SearchIndex:
    # A new reader every time: what another process opening the index would see.
    return SearchIndex(settings.index_dir, create=False)


def indexed(settings) -> dict[int, str]:
    return on_disk(settings).indexed_ids()


def job_rows(settings) -> list[tuple]:
    """Every job with its outcome, for the message of a failed assertion."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            return [
                (job.kind, job.status, job.attempts, job.run_after, job.last_error)
                for job in session.scalars(select(Job).order_by(Job.id))
            ]
    finally:
        engine.dispose()


def display(settings, item_id: int) -> dict:
    with on_disk(settings).reading(recheck=True) as reading:
        return json.loads(reading.searcher.document(id=str(item_id))["display"])


def test_created_changed_unpublished_and_deleted_items_reach_the_index(factory, search_settings):
    open_index(search_settings).rebuild(())
    kept, unpublished, deleted = (add_item(factory, n=n) for n in (1, 2, 3))
    drain(factory, search_settings)
    assert set(indexed(search_settings)) == {kept, unpublished, deleted}
    with factory.begin() as session:
        session.get(Item, kept).titles = {"fr": "Église Sainte-Barbe"}
        session.get(Item, unpublished).status = DRAFT
        session.delete(session.get(Item, deleted))
    drain(factory, search_settings)
    assert set(indexed(search_settings)) == {kept}
    assert display(search_settings, kept)["titles"] == {"fr": "Église Sainte-Barbe"}


def test_a_rolled_back_transaction_changes_nothing(factory, search_settings):
    open_index(search_settings).rebuild(())
    with factory() as session:
        session.add(Item(identifier="GONE-1", kind="building", status="published", titles={"fr": "Disparue"}))
        session.flush()
        session.rollback()
    drain(factory, search_settings)
    with factory() as session:
        assert session.scalars(select(Job)).all() == []
    assert on_disk(search_settings).doc_count() == 0


def test_renaming_an_agent_reindexes_its_items(factory, search_settings):
    open_index(search_settings).rebuild(())
    item_id = add_item(factory)
    with factory.begin() as session:
        agent = Agent(name="Émile Architecte", slug="emile")
        session.add(agent)
        session.flush()
        session.add(ItemAgent(item_id=item_id, agent_id=agent.id, role="creator"))
    drain(factory, search_settings)
    with factory.begin() as session:
        session.get(Agent, agent.id).name = "Émile Dupont"
    drain(factory, search_settings)
    assert display(search_settings, item_id)["labels"]["creator"] == {"emile": "Émile Dupont"}


def test_importer_bulk_inserts_are_indexed(factory, search_settings, tmp_path):
    open_index(search_settings).rebuild(())
    source = tmp_path / "items.csv"
    source.write_text(
        "identifier,kind,title,status\nIMP-1,building,Église,published\nIMP-2,artwork,Fresque,draft\n", encoding="utf-8"
    )
    with factory.begin() as session:
        import_file(session, source, search_settings)
    drain(factory, search_settings)
    with factory() as session:
        published = session.scalar(select(Item.id).where(Item.identifier == "IMP-1"))
    assert set(indexed(search_settings)) == {published}


def test_running_the_same_job_twice_changes_nothing(factory, search_settings):
    open_index(search_settings).rebuild(())
    item_ids = [add_item(factory, n=n) for n in (1, 2)]
    with factory.begin() as session:
        session.get(Item, item_ids[1]).status = DRAFT
    for _ in range(2):
        with factory.begin() as session:
            jobs.index_records(session, JobContext.from_settings(search_settings), {"item_ids": item_ids})
        assert indexed(search_settings).keys() == {item_ids[0]}
        assert on_disk(search_settings).doc_count() == 1


def test_a_job_left_pending_by_a_crash_is_applied_after_a_restart(factory, search_settings):
    open_index(search_settings).rebuild(())
    item_id = add_item(factory)  # committed, then the process dies before any worker ran
    factory.kw["bind"].dispose()
    restarted = make_engine(search_settings.database_url)
    try:
        drain(make_session_factory(restarted), search_settings)
    finally:
        restarted.dispose()
    assert item_id in indexed(search_settings), job_rows(search_settings)


def test_a_job_whose_worker_died_is_taken_over_once_its_lease_expires(factory, search_settings):
    open_index(search_settings).rebuild(())
    item_id = add_item(factory)
    crashed = job_service.claim(factory, worker_id="crashed", lease=timedelta(minutes=10))
    drain(factory, search_settings)
    assert on_disk(search_settings).doc_count() == 0  # still leased to the dead worker
    with factory.begin() as session:
        session.get(Job, crashed.id).locked_until -= timedelta(minutes=11)
    drain(factory, search_settings)
    assert item_id in indexed(search_settings)
    with factory() as session:
        assert session.get(Job, crashed.id).status == DONE


def test_a_missing_index_is_rebuilt_by_the_first_index_job(factory, search_settings):
    item_id = add_item(factory)
    drain(factory, search_settings)
    assert indexed(search_settings).keys() == {item_id}
    with factory() as session:
        kinds = session.scalars(select(Job.kind).where(Job.status == DONE).order_by(Job.id)).all()
    assert kinds == [sync.INDEX_JOB, sync.REBUILD_JOB]


def test_a_rebuild_enqueues_again_the_changes_it_may_have_missed(factory, search_settings):
    index = open_index(search_settings)
    index.rebuild(())
    with factory() as reader:
        last_job_id = reader.scalar(select(Job.id).order_by(Job.id.desc()).limit(1)) or 0
    item_id = add_item(factory)  # committed during the rebuild, applied to the old index
    drain(factory, search_settings)
    with factory.begin() as session:
        jobs.catch_up(session, jobs.Snapshot(last_job_id, pending=()))
    with factory() as session:
        pending = session.scalars(select(Job.payload).where(Job.status == "pending")).all()
    assert pending == [{"item_ids": [item_id]}]


def pending_index_jobs(factory) -> list[list[int]]:
    with factory() as session:
        query = select(Job.payload).where(Job.kind == sync.INDEX_JOB, Job.status == "pending").order_by(Job.id)
        return [payload["item_ids"] for payload in session.scalars(query)]


def test_a_rebuild_leaves_only_the_changes_made_after_its_snapshot_to_index(factory, search_settings):
    index = open_index(search_settings)
    index.rebuild(())
    before = [add_item(factory, n=n) for n in (1, 2)]  # their jobs are pending: no worker ran
    during = []

    def change_during_the_rebuild(_done: int) -> None:
        if not during:
            during.append(add_item(factory, n=3))

    with factory() as reader:
        snapshot, count = jobs.rebuild(reader, index, progress=change_during_the_rebuild)
    with factory.begin() as session:
        jobs.catch_up(session, snapshot)
    assert count == 2
    assert pending_index_jobs(factory) == [during]
    drain(factory, search_settings)
    assert set(indexed(search_settings)) == {*before, *during}


def test_the_rebuild_job_marks_the_index_jobs_it_made_useless_done(factory, search_settings):
    item_ids = [add_item(factory, n=n) for n in (1, 2, 3)]
    with factory.begin() as session:
        jobs.rebuild_index(session, JobContext.from_settings(search_settings), {})
    assert pending_index_jobs(factory) == []
    assert set(indexed(search_settings)) == set(item_ids)
    with factory() as session:
        assert job_service.stats(session)["done"] == 3
