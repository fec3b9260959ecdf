"""Reading the index: searchers lent for one search at a time, and what is computed from them.

A Whoosh searcher must not be used by two threads at once, and the server's threads come and go,
so a searcher is never tied to a thread: it is lent for one search and given back. A `State` is
the index as it was at one moment (its segments); it owns its searchers and every cache computed
from them, and when the index changes it is retired: its searchers are closed as soon as the last
search on it ends, and its caches go with it. Arrays computed for one segment (lengths, facet
values...) are handed to the next state while that segment is still part of the index.

Each file of the index is mapped into memory once, and every searcher reads it through that one
map (`MappedStorage`): Whoosh 2.7.5's own memory-map support copies each part of a compound segment
that a searcher opens into a buffer of its own (`BufferFile`), which made every searcher cost as
much memory as the index itself, and reading through ordinary file handles costs a seek and a read
per term looked up, half of a search's time on the real corpus. A map is released when the last
file reading it is closed, so the maps held stay those of the segments of the states still searched.
"""

import mmap
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
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


PEEKED = 512  # bytes handed to pickle's loader at a time (MappedFile.peek)


class Mapping:
    """One file of the index mapped read-only; unmapped when the last `MappedFile` on it lets it go."""

    __slots__ = ("map", "__weakref__")

    def __init__(self, path: str):
        with open(path, "rb") as handle:
            self.map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


class MappedFile(StructFile):
    """A part of a mapped file read as a Whoosh `StructFile`: no copy, no system call, a position of its own."""

    is_closed: bool  # set by StructFile.__init__

    def __init__(self, source: Mapping, start: int, length: int, name: str | None = None):
        super().__init__(self, name=name)
        self._source, self._map = source, source.map
        self._start, self._end, self._pos = start, start + length, start
        self.is_real = False

    def read(self, size: int | None = -1) -> bytes:
        end = self._end if size is None or size < 0 else min(self._pos + size, self._end)
        data = self._map[self._pos : end]
        self._pos = max(end, self._pos)
        return data

    def peek(self, size: int = 0) -> bytes:
        """What follows, without moving: pickle's loader reads a posting block's header through it in one go
        instead of a call to `read` for each of its values.

        At most PEEKED bytes: the loader asks for 128 kB ahead and a header is a hundred bytes; copying the
        128 kB was most of a header's cost. (Fewer bytes than asked is allowed: the loader reads the rest.)"""
        return self._map[self._pos : min(self._pos + min(max(size, 1), PEEKED), self._end)]

    def readline(self, size: int | None = -1) -> bytes:
        end = self._map.find(b"\n", self._pos, self._end)
        end = self._end if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        return self.read(end - self._pos)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, where: int, whence: int = 0) -> int:
        base = {0: self._start, 1: self._pos, 2: self._end}[whence]
        self._pos = min(max(base + where, self._start), self._end)
        return self._pos - self._start

    def tell(self) -> int:
        return self._pos - self._start

    def get(self, position: int, length: int) -> bytes:
        start = self._start + position
        self._pos = min(start + length, self._end)
        return self._map[start : self._pos]

    def subset(self, position: int, length: int, name: str | None = None) -> "MappedFile":
        return MappedFile(self._source, self._start + position, length, name=name or self._name)

    def raw_file(self) -> "MappedFile":
        return self

    def write(self, *args, **kwargs):
        raise OSError("The search index is read through read-only maps")

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.is_closed:
            raise Exception("This file is already closed")  # as Whoosh's own files do
        self.is_closed = True
        del self._source, self._map  # the map goes once no open file reads it


class MappedStorage(FileStorage):
    """A folder of the index whose files are read through one shared map each (see the module's docstring)."""

    def __init__(self, path: str):
        super().__init__(path, supports_mmap=False)  # Whoosh's copying maps: off
        self._maps: weakref.WeakValueDictionary[tuple, Mapping] = weakref.WeakValueDictionary()
        self._maps_lock = threading.Lock()

    def open_file(self, name: str, **kwargs) -> StructFile:
        path = self._fpath(name)
        found = os.stat(path)
        if not found.st_size or kwargs:
            return super().open_file(name, **kwargs)  # an empty file cannot be mapped
        key = (path, found.st_ino, found.st_size, found.st_mtime_ns)  # a file written again is mapped again
        with self._maps_lock:
            source = self._maps.get(key)
            if source is None:
                source = self._maps[key] = Mapping(path)
        return MappedFile(source, 0, len(source.map), name=name)


def open_storage(path: str):
    """The index at `path`, its files read through shared maps (see the module's docstring)."""
    return MappedStorage(path).open_index()


class State:
    """The index at one generation: its searchers and caches."""

    def __init__(self, ix, name: str | None = None, previous: "State | None" = None):
        self.ix, self.name = ix, name
        first = ix.searcher()
        self.generation = _generation(first, ix)
        self.cache: dict = {}
        self._lock = threading.Lock()
        self._idle: list[Searcher] = [first]
        self._lent = 0
        self._retired = False
        self.segment_ids = {segment_id(reader) for reader, _offset in self._idle[0].reader().leaf_readers()}
        self.segments: dict = {
            key: value for key, value in (previous.segments if previous else {}).items() if key[0] in self.segment_ids
        }

    def is_current(self) -> bool:
        """False once the index on disk has a newer generation (a write here or in another process)."""
        return not self._retired and self.ix.latest_generation() == self.generation

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        searcher = self.lend()
        try:
            yield Reading(searcher, self.cache, self.segments)
        finally:
            self.give_back(searcher)

    def lend(self) -> Searcher:
        """A searcher of this state for one caller; StaleState when the index has changed since (a new
        searcher opens the index as it is now, and this state's caches describe it as it was)."""
        with self._lock:
            self._lent += 1
            if self._idle:
                return self._idle.pop()
        try:
            searcher = self.ix.searcher()
        except BaseException:
            with self._lock:
                self._lent -= 1
            raise
        if _generation(searcher, self.ix) != self.generation:
            self.retire()
            self.give_back(searcher)
            raise StaleState(self.name)
        return searcher

    def give_back(self, searcher: Searcher) -> None:
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


class StaleState(Exception):
    """The index changed on disk since this state was opened: search the current state instead."""


def _generation(searcher: Searcher, ix) -> int:
    """The generation of the index that `searcher` reads (an empty index's reader has none)."""
    generation = searcher.reader().generation()
    return ix.latest_generation() if generation is None else generation


def _close(searchers: list[Searcher]) -> None:
    for searcher in searchers:
        searcher.close()
