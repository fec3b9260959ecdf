"""The Whoosh index on disk: one writer at a time, one searcher per thread, atomic rebuilds.

`index_dir/CURRENT` names the generation folder in use. A rebuild writes a new folder and
replaces CURRENT in one rename, so readers of the previous generation finish undisturbed.
"""

import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from app.search import schema

POINTER = "CURRENT"
LIMIT_MB = 512  # bulk indexing buffers this much before writing a segment
WRITE_TIMEOUT = 30.0  # seconds to wait for another process's writer
RECHECK_SECONDS = 1.0  # how often a searcher looks for a rebuild made by another process


class IndexUnavailable(RuntimeError):
    """The search index is missing or unreadable; `museum reindex` rebuilds it."""


class SearchIndex:
    def __init__(self, index_dir: Path | str, *, create: bool = True):
        self.root = Path(index_dir)
        self._write_lock = threading.Lock()
        self._open_lock = threading.Lock()
        self._local = threading.local()
        self._searchers: list[Searcher] = []
        self._ix = None
        self._generation: str | None = None
        self._version = 0
        if create and self._pointed() is None:
            self.rebuild(())

    # Opening

    def _pointed(self) -> str | None:
        try:
            return (self.root / POINTER).read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def _index(self):
        with self._open_lock:
            name = self._pointed()
            if self._ix is None or name != self._generation:
                self._ix = self._open(name)
                self._generation = name
                self._version += 1
            return self._ix

    def _open(self, name: str | None):
        if name is None:
            raise IndexUnavailable(f"No search index in {self.root}: run `museum reindex`.")
        try:
            ix = whoosh_index.open_dir(str(self.root / name))
        except Exception as error:  # Whoosh raises many kinds for a damaged folder
            raise IndexUnavailable(f"The search index in {self.root / name} cannot be read: {error}") from error
        if ix.schema.names() != schema.build().names():
            ix.close()
            raise IndexUnavailable(f"The search index in {self.root / name} was built by an older version of the"
                                   " museum: run `museum reindex`.")
        return ix

    # Reading

    def searcher(self) -> Searcher:
        """This thread's searcher, refreshed when the index changed (here or in another process)."""
        state = getattr(self._local, "state", None)
        now = time.monotonic()
        if state is not None and state["version"] == self._version and now < state["checked"] + RECHECK_SECONDS:
            return state["searcher"]
        ix = self._index()
        if state is not None and state["ix"] is ix and state["searcher"].up_to_date():
            fresh = state["searcher"]
        else:
            # Not Searcher.refresh(): it reuses segment readers with their old deletions.
            if state is not None:
                self._close_searcher(state["searcher"])
            fresh = self._guard(ix.searcher)
            self._register(fresh)
        self._local.state = {"searcher": fresh, "ix": ix, "version": self._version, "checked": now}
        return fresh

    def _guard(self, open_searcher: Callable[[], Searcher]) -> Searcher:
        try:
            return open_searcher()
        except Exception as error:
            raise IndexUnavailable(f"The search index in {self.root} cannot be read: {error}") from error

    def _register(self, searcher: Searcher) -> None:
        with self._open_lock:
            self._searchers.append(searcher)

    def _close_searcher(self, searcher: Searcher) -> None:
        with self._open_lock:
            if searcher in self._searchers:
                self._searchers.remove(searcher)
        searcher.close()

    def doc_count(self) -> int:
        """How many items the index holds."""
        return self.searcher().doc_count()

    def indexed_ids(self) -> dict[int, str]:
        """{item id: updated_at stamp} of every indexed item, to compare with the database."""
        found: dict[int, str] = {}
        for reader, _offset in self.searcher().reader().leaf_readers():
            if not reader.doc_count_all():  # an empty index's reader has no columns at all
                continue
            ids, stamps = reader.column_reader("id"), reader.column_reader("updated")
            for docnum in range(reader.doc_count_all()):
                if not reader.is_deleted(docnum):
                    found[int(ids[docnum])] = stamps[docnum].decode()
        return found

    # Writing

    def update(self, documents: Iterable[dict | None]) -> int:
        """Add or replace these documents (None ones are skipped); returns how many were written."""
        return self._write(lambda writer: _add(writer, documents, writer.update_document))

    def delete(self, item_ids: Iterable[int]) -> int:
        """Remove these items; returns how many were indexed."""
        return self._write(lambda writer: sum(writer.delete_by_term("id", str(item_id)) for item_id in item_ids))

    def _write(self, work: Callable) -> int:
        with self._write_lock:
            writer = self._index().writer(timeout=WRITE_TIMEOUT)
            try:
                count = work(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._version += 1
            return count

    def rebuild(self, documents: Iterable[dict | None], progress: Callable[[int], None] | None = None,
                procs: int = 1) -> int:
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
                count = self._fill(whoosh_index.create_in(str(path), schema.build()), documents, progress, procs)
            except BaseException:
                shutil.rmtree(path, ignore_errors=True)
                raise
            previous = self._pointed()
            self._point_to(name)
            self._prune(keep={name, previous})
            self._index()
            return count

    def _fill(self, ix, documents, progress, procs: int) -> int:
        if procs > 1:
            writer = ix.writer(limitmb=LIMIT_MB // procs, procs=procs, multisegment=True)
        else:
            writer = ix.writer(limitmb=LIMIT_MB)
        try:
            count = _add(writer, documents, writer.add_document, progress)
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
        """Close every searcher opened by any thread."""
        with self._open_lock:
            searchers, self._searchers = self._searchers, []
            self._ix, self._generation = None, None
            self._version += 1
        for searcher in searchers:
            searcher.close()


def _add(writer, documents, add: Callable, progress: Callable[[int], None] | None = None) -> int:
    count = 0
    for document in documents:
        if document is None:
            continue
        add(**schema.to_fields(document))
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return count
