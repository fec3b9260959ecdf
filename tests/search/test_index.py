"""The index on disk: writes, deletes, atomic rebuilds, fresh searchers, clear errors."""

import os
import threading
from collections import Counter
from pathlib import Path

import pytest

from app.search import schema
from app.search.index import POINTER, IndexUnavailable, SearchIndex
from app.search.reading import IDLE_SEARCHERS


def doc(item_id: int, title: str = "Église Sainte-Barbe", **fields) -> dict:
    return {
        "id": item_id,
        "identifier": f"T{item_id}",
        "kind": "building",
        "language": "fr",
        "titles": {"fr": title},
        "updated": f"2024-01-01T00:00:{item_id:02d}",
    } | fields


def test_update_replaces_and_delete_removes(index):
    index.update([doc(1), doc(2), None])
    index.update([doc(1, "Château")])
    assert index.doc_count() == 2
    assert index.delete([2, 99]) == 1
    assert index.indexed_ids() == {1: "2024-01-01T00:00:01"}


def test_searcher_sees_writes_made_after_it_was_opened(index):
    with index.reading() as before:
        index.update([doc(3)])
        with index.reading() as after:
            assert after.searcher.doc_count() == 1 and before.searcher.doc_count() == 0
            assert before.searcher is not after.searcher


def test_rebuild_swaps_in_a_new_generation_and_readers_survive(index, tmp_path):
    index.update([doc(1), doc(2)])
    with index.reading() as old:
        assert index.rebuild(doc(n) for n in range(10, 15)) == 5
        assert old.searcher.doc_count() == 2  # still readable: its generation is kept
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


def test_searches_at_once_get_searchers_of_their_own(index):
    index.update([doc(1)])
    with index.reading() as first, index.reading() as second:
        assert first.searcher is not second.searcher
    with index.reading() as again:
        assert again.searcher in (first.searcher, second.searcher)  # given back, lent again


def index_files_open(index) -> tuple[int, list[str]]:
    """(file descriptors, files mapped, once per map) of this process on files of the index."""
    root = str(index.root.resolve())
    descriptors = sum(1 for fd in Path("/proc/self/fd").iterdir() if _target(fd).startswith(root))
    maps = [line.split()[-1] for line in Path("/proc/self/maps").read_text().splitlines() if root in line]
    return descriptors, maps


def _target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:  # closed since the listing
        return ""


def test_open_searchers_and_files_stay_bounded_across_index_states_and_threads(index):
    """Short-lived threads searching while the index changes: nothing is left open behind them."""
    from app.search import service
    from app.search.service import SEARCHES_AT_ONCE

    index.update([doc(n) for n in range(1, 30)])
    peak = 0
    for state in range(40):
        index.update([doc(100 + state, "Maison ouvrière")])
        threads = [threading.Thread(target=service.search, args=(index, "maison")) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        peak = max(peak, index.open_searchers())
    descriptors, maps = index_files_open(index)
    with index.reading() as reading:
        segments = len(reading.searcher.reader().leaf_readers())
    assert index.open_searchers() <= IDLE_SEARCHERS and peak <= SEARCHES_AT_ONCE  # eight threads take turns
    assert len(maps) == len(set(maps)), maps  # every searcher reads a file through the same map
    assert all(Path(name).exists() for name in maps), maps  # nothing left mapped of the segments merged away
    assert len(maps) <= segments + 1, (maps, segments)  # the current state's files (+ its table of contents)
    assert descriptors <= len(maps) + IDLE_SEARCHERS, (descriptors, maps)  # a map keeps its file open
    assert service.search(index, "maison").total == 40


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexUnavailable):
        SearchIndex(tmp_path / "nothing", create=False).doc_count()


def test_corrupt_index_is_a_clear_error(index, tmp_path):
    (tmp_path / "index" / POINTER).write_text("gen-missing", encoding="utf-8")
    index.close()
    with pytest.raises(IndexUnavailable):
        index.doc_count()


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


def test_warm_up_runs_on_the_index_and_on_each_new_state(index):
    seen, done = [], threading.Event()

    def warmer(reading):
        seen.append(reading.searcher.doc_count())
        done.set()

    index.warm_up(warmer)
    assert done.wait(5) and seen == [0]
    done.clear()
    index.update([doc(1)])
    assert done.wait(5) and seen == [0, 1]


def test_the_spelling_dictionary_has_the_folded_words_of_live_documents_with_their_counts(index):
    index.update([doc(1, "Hauts-Fourneaux de la Paix", people=["Émile Dupont"]), doc(2, "Paix")])
    index.update([doc(2, "Église")])  # replaced: "paix" is now used by one item
    with index.reading() as reading:
        found = sum(
            (schema.spelling_words(reader) for reader, _offset in reading.searcher.reader().leaf_readers()), Counter()
        )
    assert found == {
        "hauts": 1,
        "fourneaux": 1,
        "hautsfourneaux": 1,
        "de": 1,
        "la": 1,
        "paix": 1,
        "emile": 1,
        "dupont": 1,
        "eglise": 1,
    }


def test_a_searcher_opened_after_a_write_elsewhere_comes_with_the_caches_of_what_it_reads(index):
    """Within the second between two checks, another process writes; a search that needs one more searcher
    must not read the new index with the caches (deleted documents, facet arrays) of the old one."""
    index.update([doc(n) for n in range(1, 5)])
    other = SearchIndex(index.root, create=False)  # as another process would
    with index.reading() as held:  # the state's one idle searcher is lent
        other.update([doc(50, "Maison ouvrière")])
        with index.reading() as second:  # a new searcher: it reads the index as it is now
            assert second.searcher.doc_count() == 5
            assert second.cache is not held.cache
    with index.reading() as again:
        assert again.searcher.doc_count() == 5 and again.cache is second.cache
    other.close()
