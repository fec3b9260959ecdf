"""`museum reindex` and `museum index-check` against a database and an index of the test's own."""

import shutil
import threading

import pytest
from click.testing import CliRunner
from whoosh.query import Every

from app.item.kinds import DRAFT
from app.item.models import Item
from app.search import health
from app.search.cli import index_check_command, reindex_command
from app.search.index import SearchIndex, open_index
from tests.search.test_jobs import drain, on_disk, pending_index_jobs
from tests.search.test_sync import (  # noqa: F401  (fixtures)
    add_item,
    factory,
    search_engine,
    search_settings,
)


@pytest.fixture
def env(search_settings, monkeypatch):
    monkeypatch.setenv("MUSEUM_DATABASE_URL", search_settings.database_url)
    monkeypatch.setenv("MUSEUM_MEDIA_DIR", str(search_settings.media_dir))
    monkeypatch.setenv("MUSEUM_INDEX_DIR", str(search_settings.index_dir))
    return search_settings


def invoke(command, *args, exit_code: int = 0) -> str:
    result = CliRunner().invoke(command, args, catch_exceptions=False)
    assert result.exit_code == exit_code, result.output
    return result.output


def test_reindex_swaps_in_a_new_index_while_searches_keep_answering(env, factory):
    for n in range(1, 41):
        add_item(factory, n=n)
    invoke(reindex_command)
    reader, errors, searches, done = SearchIndex(env.index_dir, create=False), [], [], threading.Event()

    def search() -> None:
        while not done.is_set():
            try:
                with reader.reading(recheck=True) as reading:
                    searches.append(len(reading.searcher.search(Every(), limit=None)))
            except Exception as error:  # noqa: BLE001  (any error fails the test below)
                errors.append(error)

    thread = threading.Thread(target=search)
    thread.start()
    try:
        output = invoke(reindex_command)
    finally:
        done.set()
        thread.join()
    assert "40 documents indexed in" in output
    assert errors == [] and searches and set(searches) == {40}


def test_index_check_reports_drift_and_is_0_after_the_fix(env, factory):
    first, second = add_item(factory, n=1), add_item(factory, n=2)
    invoke(reindex_command)
    third = add_item(factory, n=3)  # its job has not run
    with factory.begin() as session:
        session.get(Item, second).status = DRAFT
        session.get(Item, first).titles = {"fr": "Nouveau titre"}
    output = invoke(index_check_command, exit_code=1)
    assert output.splitlines()[0] == "3"
    invoke(index_check_command, "--fix", exit_code=1)
    drain(factory, env)
    assert invoke(index_check_command).splitlines()[0] == "0"
    assert set(on_disk(env).indexed_ids()) == {first, third}


def test_a_deleted_index_is_reported_and_reindex_repairs_it(env, factory):
    add_item(factory)
    invoke(reindex_command)
    shutil.rmtree(env.index_dir)
    assert "museum reindex" in invoke(index_check_command, exit_code=1)
    assert "1 documents indexed" in invoke(reindex_command)
    assert health.status(open_index(env)).ok
    assert invoke(index_check_command).splitlines()[0] == "0"


def test_reindex_leaves_no_pending_index_job_to_apply_again(env, factory):
    item_ids = [add_item(factory, n=n) for n in range(1, 6)]  # as after `museum import`: five jobs pending
    assert len(pending_index_jobs(factory)) == 5
    assert "5 documents indexed" in invoke(reindex_command)
    assert pending_index_jobs(factory) == []
    assert set(on_disk(env).indexed_ids()) == set(item_ids)
