"""The index on disk: writes, deletes, atomic rebuilds, fresh searchers, clear errors."""

import threading

import pytest

from app.search.index import POINTER, IndexUnavailable, SearchIndex


def doc(item_id: int, title: str = "Église Sainte-Barbe", **fields) -> dict:
    return {"id": item_id, "identifier": f"T{item_id}", "kind": "building", "language": "fr",
            "titles": {"fr": title}, "updated": f"2024-01-01T00:00:{item_id:02d}"} | fields


def test_update_replaces_and_delete_removes(index):
    index.update([doc(1), doc(2), None])
    index.update([doc(1, "Château")])
    assert index.doc_count() == 2
    assert index.delete([2, 99]) == 1
    assert index.indexed_ids() == {1: "2024-01-01T00:00:01"}


def test_searcher_sees_writes_made_after_it_was_opened(index):
    before = index.searcher()
    index.update([doc(3)])
    assert index.searcher().doc_count() == 1
    assert before is not index.searcher()


def test_rebuild_swaps_in_a_new_generation_and_readers_survive(index, tmp_path):
    index.update([doc(1), doc(2)])
    old = index.searcher()
    assert index.rebuild(doc(n) for n in range(10, 15)) == 5
    assert old.doc_count() == 2  # still readable: its generation is kept
    assert sorted(index.indexed_ids()) == [10, 11, 12, 13, 14]
    assert len(list((tmp_path / "index").glob("gen-*"))) <= 2


def test_failed_rebuild_keeps_the_current_index(index):
    index.update([doc(1)])

    def broken():
        yield doc(2)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        index.rebuild(broken())
    assert list(index.indexed_ids()) == [1]


def test_another_process_rebuild_is_seen(index, tmp_path, monkeypatch):
    other = SearchIndex(tmp_path / "index")
    other.rebuild([doc(7)])
    monkeypatch.setattr("app.search.index.RECHECK_SECONDS", 0)
    assert list(index.indexed_ids()) == [7]
    other.close()


def test_each_thread_has_its_own_searcher(index):
    index.update([doc(1)])
    seen = []
    thread = threading.Thread(target=lambda: seen.append(index.searcher()))
    thread.start()
    thread.join()
    assert seen[0] is not index.searcher()


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexUnavailable):
        SearchIndex(tmp_path / "nothing", create=False).doc_count()


def test_corrupt_index_is_a_clear_error(index, tmp_path):
    (tmp_path / "index" / POINTER).write_text("gen-missing", encoding="utf-8")
    index.close()
    with pytest.raises(IndexUnavailable):
        index.searcher()


def test_a_rebuild_on_several_processes_indexes_the_same_documents(tmp_path):
    from app.search import service

    docs = [doc(n, f"Maison ouvrière {n}" if n % 2 else f"Haut-fourneau {n}") for n in range(1, 241)]
    results = {}
    for procs in (1, 2):
        index = SearchIndex(tmp_path / f"index-{procs}")
        assert index.rebuild(iter(docs), procs=procs) == 240
        found = service.search(index, '"haut fourneau"', per_page=200)
        results[procs] = (index.indexed_ids(), found.total, sorted(hit.identifier for hit in found.hits))
        index.close()
    assert results[1] == results[2] and results[1][1] == 120
