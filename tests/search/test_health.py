"""Search says clearly when it cannot answer, and a fresh install enqueues its own rebuild."""

import shutil

from sqlalchemy import select

from app.job.models import Job
from app.search import health, sync
from app.search.index import open_index
from tests.search.test_sync import (  # noqa: F401  (fixtures)
    factory,
    search_engine,
    search_settings,
)


def test_a_built_index_is_ok(search_settings):
    open_index(search_settings).rebuild(())
    assert health.status(open_index(search_settings)) == health.IndexStatus(True, "0 documents in the search index.")


def test_a_missing_index_says_how_to_rebuild_it(search_settings):
    state = health.status(open_index(search_settings))
    assert not state.ok and "museum reindex" in state.message


def test_a_corrupted_index_says_how_to_rebuild_it(search_settings):
    index = open_index(search_settings)
    index.rebuild(())
    index.close()
    for generation in search_settings.index_dir.glob("gen-*"):
        shutil.rmtree(generation)
        generation.mkdir()
        (generation / "MAIN_WRITELOCK").write_text("garbage")
    state = health.status(open_index(search_settings))
    assert not state.ok and "museum reindex" in state.message


def test_start_up_enqueues_one_rebuild_when_there_is_no_index(factory, search_settings):
    assert health.ensure_index(factory, open_index(search_settings))
    assert health.ensure_index(factory, open_index(search_settings))
    with factory() as session:
        assert session.scalars(select(Job.key)).all() == [sync.REBUILD_KEY]


def test_start_up_enqueues_nothing_when_the_index_answers(factory, search_settings):
    open_index(search_settings).rebuild(())
    assert not health.ensure_index(factory, open_index(search_settings))
