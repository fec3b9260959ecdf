"""The Whoosh index on disk: one writer at a time, searchers lent per search, atomic rebuilds.

`index_dir/CURRENT` names the generation folder in use. A rebuild writes a new folder and
replaces CURRENT in one rename, so readers of the previous generation finish undisturbed.

The records' index has a companion, `index_dir/passages/`, built the same way with the passages'
schema (app/search/passages.py): `SearchIndex.passages`; and one more with that schema for each kind of
record found beside the items (`registry.Companion`: exhibits), `SearchIndex.companions[name]`.
"""

import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from sqlalchemy import Engine
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from app.config import Settings
from app.db import make_engine
from app.search import passages, registry, schema
from app.search.reading import Reading, StaleState, State, open_storage

log = logging.getLogger(__name__)
POINTER = "CURRENT"
LIMIT_MB = 512  # bulk indexing buffers this much before writing a segment
WRITE_TIMEOUT = 30.0  # seconds to wait for another process's writer
RECHECK_SECONDS = 1.0  # how often a searcher looks for a rebuild made by another process
STALE_RETRIES = 3  # states opened again when the index keeps changing while a search starts


class IndexUnavailable(RuntimeError):
    """The search index is missing or unreadable; `museum reindex` rebuilds it."""


PASSAGES = "passages"  # the companion index's folder, inside the records' one


class SearchIndex:
    engine_name = "whoosh"  # MUSEUM_SEARCH_ENGINE; the PostgreSQL engine's index is app/search/pg/index.py

    def __init__(self, index_dir: Path | str, *, create: bool = True, layout=schema):
        self.root = Path(index_dir)
        self.layout = layout  # a module with the index's `build()` and `to_fields(document)`
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._state: State | None = None
        self._checked = 0.0
        # Run in a thread on each new state of the index, so that visitors do not wait for its caches.
        self.warmer: Callable[[Reading], None] | None = None
        self.passages: SearchIndex | None = None
        self.companions: dict[str, SearchIndex] = {}
        if layout is schema:
            self.passages = SearchIndex(self.root / PASSAGES, create=create, layout=passages)
            self.companions = {
                found.name: SearchIndex(self.root / found.name, create=create, layout=passages)
                for found in registry.companions()
            }
        if create and self._pointed() is None:
            self.rebuild(())

    # Opening

    def _pointed(self) -> str | None:
        try:
            return (self.root / POINTER).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _current(self, *, recheck: bool = False) -> State:
        """The state to search in: the same one until the index changes (checked once a second,
        since another process may write it), then a new one, the old one being retired."""
        with self._open_lock:
            now = time.monotonic()
            state = self._state
            if state is not None and not recheck and now < self._checked + RECHECK_SECONDS:
                return state
            self._checked = now
            name = self._pointed()
            if state is not None and state.name == name and state.is_current():
                return state
            fresh = self._opened(name, state)
            if state is not None:
                state.retire()
            self._state = fresh
            if self.warmer is not None:
                threading.Thread(
                    target=self._warm, args=(fresh, self.warmer), name="search-warm-up", daemon=True
                ).start()
            return fresh

    def _warm(self, state: State, warmer: Callable[[Reading], None]) -> None:
        try:
            with state.reading() as reading:
                warmer(reading)
        except Exception:  # the caches are then built by the first searches instead
            log.exception("Warming up the search index in %s failed", self.root)

    def warm_up(self, warmer: Callable[[Reading], None]) -> None:
        """Run `warmer` on the index now and on every later state of it (in a thread each time)."""
        self.warmer = warmer
        try:
            self._current(recheck=True)
        except IndexUnavailable:
            return  # warmed when a rebuild creates it
        threading.Thread(target=self._warm, args=(self._state, warmer), name="search-warm-up", daemon=True).start()

    def _opened(self, name: str | None, previous: State | None) -> State:
        if name is None:
            raise IndexUnavailable(f"No search index in {self.root}: run `museum reindex`.")
        ix = self._open(name)
        try:
            return State(ix, name, previous)
        except Exception as error:
            raise IndexUnavailable(f"The search index in {self.root / name} cannot be read: {error}") from error

    def _open(self, name: str):
        try:
            ix = open_storage(str(self.root / name))
        except Exception as error:  # Whoosh raises many kinds for a damaged folder
            raise IndexUnavailable(f"The search index in {self.root / name} cannot be read: {error}") from error
        if ix.schema.names() != self.layout.build().names():
            ix.close()
            raise IndexUnavailable(
                f"The search index in {self.root / name} was built by an older version of the"
                " museum: run `museum reindex`."
            )
        return ix

    # Reading

    @contextmanager
    def reading(self, *, recheck: bool = False) -> Iterator[Reading]:
        """A searcher of the index as it is now (as it is on disk this instant with `recheck`; else as
        it was at most a second ago), lent to this caller alone until the block ends."""
        state, searcher = self._lend(recheck)
        try:
            yield Reading(searcher, state.cache, state.segments)
        finally:
            state.give_back(searcher)

    def _lend(self, recheck: bool) -> tuple[State, Searcher]:
        for attempt in range(STALE_RETRIES):
            state = self._current(recheck=recheck or attempt > 0)
            try:
                return state, state.lend()
            except StaleState:  # written in the meantime: the next attempt opens the new state
                continue
        state = self._current(recheck=True)
        return state, state.lend()

    def open_searchers(self) -> int:
        """How many searchers are open now (lent or idle), for the tests and the health page."""
        state = self._state
        return state.open_searchers() if state is not None else 0

    def doc_count(self) -> int:
        """How many items the index holds (checked on disk: the health check relies on it)."""
        with self.reading(recheck=True) as reading:
            return reading.searcher.doc_count()

    def indexed_ids(self) -> dict[int, str]:
        """{item id: updated_at stamp} of every indexed item, to compare with the database."""
        found: dict[int, str] = {}
        with self.reading() as reading:
            for reader, _offset in reading.searcher.reader().leaf_readers():
                if not reader.doc_count_all():  # an empty index's reader has no columns at all
                    continue
                ids, stamps = reader.column_reader("id"), reader.column_reader("updated")
                for docnum in range(reader.doc_count_all()):
                    if not reader.is_deleted(docnum):
                        found[int(ids[docnum])] = stamps[docnum].decode()
        return found

    # Writing

    def exists(self) -> bool:
        """Whether a generation was ever built here (it may still be unreadable)."""
        return self._pointed() is not None

    def update(self, documents: Iterable[dict | None]) -> int:
        """Add or replace these documents (None ones are skipped); returns how many were written."""
        return self._write(lambda writer: _add(writer, documents, writer.update_document, self.layout))

    def replace(self, field: str, values: Iterable[str], documents: Iterable[dict]) -> int:
        """Delete the documents whose `field` is one of `values`, add `documents`, in one commit."""
        values, documents = list(values), list(documents)
        if not documents and not self._holds(field, values):
            return 0  # most items have no passages: no commit, so the searchers and their caches stay

        def work(writer) -> int:
            for value in values:
                writer.delete_by_term(field, value)
            return _add(writer, documents, writer.add_document, self.layout)

        return self._write(work)

    def _holds(self, field: str, values: list[str]) -> bool:
        with self.reading(recheck=True) as reading:
            reader = reading.searcher.reader()
            return any(reader.doc_frequency(field, value) for value in values)

    def delete(self, item_ids: Iterable[int]) -> int:
        """Remove these items; returns how many were indexed."""
        return self._write(lambda writer: sum(writer.delete_by_term("id", str(item_id)) for item_id in item_ids))

    def _write(self, work: Callable) -> int:
        with self._write_lock:
            writer = self._current(recheck=True).ix.writer(timeout=WRITE_TIMEOUT)
            try:
                count = work(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._current(recheck=True)
            return count

    def rebuild(
        self, documents: Iterable[dict | None], progress: Callable[[int], None] | None = None, procs: int = 1
    ) -> int:
        """Index `documents` into a new generation and switch readers to it at once.

        With `procs` > 1, that many processes analyse and write the documents (Whoosh's
        multiprocessing writer, one segment each); only for a process without threads of its own
        (`museum reindex`), since the processes are forked.
        """
        with self._write_lock:
            name = f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
            path = self.root / name
            path.mkdir(parents=True)
            try:
                count = self._fill(whoosh_index.create_in(str(path), self.layout.build()), documents, progress, procs)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            previous = self._pointed()
            self._point_to(name)
            self._prune(keep={name, previous})
            self._current(recheck=True)
        for companion in [self.passages, *self.companions.values()]:
            if companion is not None and not companion.exists():
                companion.rebuild(())  # an empty companion, so that searches find it; jobs.rebuild fills it
        return count

    def _fill(self, ix, documents, progress, procs: int) -> int:
        if procs > 1:
            writer = ix.writer(limitmb=LIMIT_MB // procs, procs=procs, multisegment=True)
        else:
            writer = ix.writer(limitmb=LIMIT_MB)
        try:
            count = _add(writer, documents, writer.add_document, self.layout, progress)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        return count

    def _point_to(self, name: str) -> None:
        temporary = self.root / f".{POINTER}.{uuid.uuid4().hex}"
        temporary.write_text(name, encoding="utf-8")
        os.replace(temporary, self.root / POINTER)

    def _prune(self, keep: set) -> None:
        # The generation before the current one stays: threads may still be reading it.
        for path in self.root.glob("gen-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Close every searcher; the next search opens the index again."""
        with self._open_lock:
            state, self._state = self._state, None
        if state is not None:
            state.retire()
        for companion in [self.passages, *self.companions.values()]:
            if companion is not None:
                companion.close()


def open_index(settings: Settings, engine: Engine | None = None) -> SearchIndex:
    """The SearchIndex of `settings.index_dir`, for one process to keep and share (`app.state.search_index`).

    One per process and folder: its writer lock then orders every write the process makes. Not
    created when missing: health.status must see that a rebuild is needed.

    With MUSEUM_SEARCH_ENGINE=postgres, the PostgreSQL index instead, on `engine` (else on an engine of its own,
    disposed by its `close`). It has every method the callers of a SearchIndex use (searches, rebuild, update,
    delete, doc_count, passages, companions...), without the Whoosh internals (readings): typed as a SearchIndex.
    """
    if settings.search_engine == "postgres":
        from app.search.pg.index import PgIndex  # imported only where PostgreSQL searches

        return cast(SearchIndex, PgIndex(engine or make_engine(settings.database_url), owned=engine is None))
    return SearchIndex(Path(settings.index_dir).resolve(), create=False)


def _add(writer, documents, add: Callable, layout, progress: Callable[[int], None] | None = None) -> int:
    count = 0
    for document in documents:
        if document is None:
            continue
        add(**layout.to_fields(document))
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return count
