"""Reading the index: searchers lent for one search at a time, and what is computed from them.

A Whoosh searcher must not be used by two threads at once, and the server's threads come and go,
so a searcher is never tied to a thread: it is lent for one search and given back. A `State` is
the index as it was at one moment (its segments); it owns its searchers and every cache computed
from them, and when the index changes it is retired: its searchers are closed as soon as the last
search on it ends, and its caches go with it. Arrays computed for one segment (lengths, facet
values...) are handed to the next state while that segment is still part of the index.

Files are read through ordinary file handles, not memory maps: Whoosh 2.7.5 copies each part of
a compound segment that it reads from a map into a buffer of its own (`BufferFile`), which made
every searcher cost as much memory as the index itself.
"""

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

IDLE_SEARCHERS = 4  # kept open per state between searches; more open while more threads search


class Limited(OrderedDict):
    """A dictionary keeping its `size` most recently stored entries (searches store from several threads)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self._lock = threading.Lock()

    def __setitem__(self, key, value) -> None:
        with self._lock:
            super().__setitem__(key, value)
            self.move_to_end(key)
            while len(self) > self.size:
                self.popitem(last=False)


@dataclass(frozen=True)
class Reading:
    """One search's view of the index: a searcher of its own, and the caches of that index state."""

    searcher: Searcher
    cache: dict  # computed from the whole state: masks, facets, orders, labels
    segments: dict  # (segment id, what) -> computed from one segment, which never changes


def segment_id(reader) -> str | None:
    """The id of the segment a leaf reader reads (None for an empty index's reader)."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.segment_id() if segment is not None else None


def open_storage(path: str):
    """The index at `path`, read without memory maps (see the module's docstring)."""
    return FileStorage(path, supports_mmap=False).open_index()


class State:
    """The index at one generation: its searchers and caches."""

    def __init__(self, ix, name: str | None = None, previous: "State | None" = None):
        self.ix, self.name = ix, name
        self.generation = ix.latest_generation()
        self.cache: dict = {}
        self._lock = threading.Lock()
        self._idle: list[Searcher] = [ix.searcher()]
        self._lent = 0
        self._retired = False
        self.segment_ids = {segment_id(reader) for reader, _offset in self._idle[0].reader().leaf_readers()}
        self.segments = {key: value for key, value in (previous.segments if previous else {}).items()
                         if key[0] in self.segment_ids}

    def is_current(self) -> bool:
        """False once the index on disk has a newer generation (a write here or in another process)."""
        return not self._retired and self.ix.latest_generation() == self.generation

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        searcher = self._lend()
        try:
            yield Reading(searcher, self.cache, self.segments)
        finally:
            self._give_back(searcher)

    def _lend(self) -> Searcher:
        with self._lock:
            self._lent += 1
            if self._idle:
                return self._idle.pop()
        try:
            return self.ix.searcher()
        except BaseException:
            with self._lock:
                self._lent -= 1
            raise

    def _give_back(self, searcher: Searcher) -> None:
        with self._lock:
            self._lent -= 1
            keep = not self._retired and len(self._idle) < IDLE_SEARCHERS
            if keep:
                self._idle.append(searcher)
            closing = [] if keep else [searcher]
            if self._retired and not self._lent:
                closing += self._idle
                self._idle = []
        _close(closing)

    def retire(self) -> None:
        """No new search starts on this state; it closes once the searches on it have ended."""
        with self._lock:
            self._retired = True
            closing, self._idle = self._idle, []
        _close(closing)

    def open_searchers(self) -> int:
        """How many searchers of this state are open (lent or idle)."""
        with self._lock:
            return self._lent + len(self._idle)


def _close(searchers: list[Searcher]) -> None:
    for searcher in searchers:
        searcher.close()
