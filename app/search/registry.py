"""What the index holds, as its domain registers it: the search package itself knows no domain.

A domain's `search.py` describes its record type with `Source` and calls `register`; this module
imports the `search.py` of every domain listed in INDEXED_DOMAINS the first time it is asked. The
index holds one record type: its documents' `id` is the record's id, and the schema
(app/search/schema.py) has the fields those documents fill. Another domain may register the
passages of those records (`Passages`: an interview's moments), kept in the companion index
(app/search/passages.py) and updated with their records. Records of another kind that a search also
finds, beside the items (`Companion`: exhibits), each have an index of their own with the passages' layout.
"""

import importlib
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

# Listed by hand, as the job handler modules are (app/job/registry.py): `app.<domain>.search` is imported.
INDEXED_DOMAINS: tuple[str, ...] = ("item", "interview", "exhibit")


@dataclass(frozen=True)
class Source:
    """One indexed record type: how to read its documents, and which of its ids a flush may change."""

    name: str  # index jobs carry the ids as "<name>_ids"
    # Documents of the records of these ids (of all records with None) that are public, in id order.
    documents: Callable[[Session, Iterable[int] | None], Iterator[dict]]
    count: Callable[[Session], int]  # how many documents a full rebuild writes (for its progress bar)
    stamps: Callable[[Session], dict[int, datetime]]  # {id: last change} of every record that should be indexed
    changed_ids: Callable[[Session], set[int]]  # at a flush, the ids whose documents it may change
    kinds: Mapping[str, object]  # the `kind` filter's values and their translated names
    # The public records of these identifiers with what a list of results shows (a picture, a place), by identifier.
    listed: Callable[[Session, list[str]], Mapping[str, object]] | None = None

    @property
    def ids_key(self) -> str:
        return f"{self.name}_ids"


@dataclass(frozen=True)
class Passages:
    """Places inside the records where words are found (an interview's moments), indexed beside them."""

    name: str
    # Passage documents of these records (of all with None): only what the public may read of them.
    documents: Callable[[Session, Iterable[int] | None], Iterator[dict]]
    changed_ids: Callable[[Session], set[int]]  # at a flush, the records whose passages it may change


@dataclass(frozen=True)
class Companion:
    """Records of another kind found beside the items (exhibits), in an index of their own (`index_dir/<name>/`).

    Their documents have the passages' shape (app/search/passages.py), `record` being the record's id and
    `display` what a result shows; a search lists the best of them apart from the items.
    """

    name: str  # index jobs carry the ids as "<name>_ids"; also the index's folder
    # Documents of the public records of these ids (of all with None).
    documents: Callable[[Session, Iterable[int] | None], Iterator[dict]]
    changed_ids: Callable[[Session], set[int]]  # at a flush, the records whose documents it may change
    path: Callable[[dict], str]  # the page a result links to, from its `display`

    @property
    def ids_key(self) -> str:
        return f"{self.name}_ids"


_sources: list[Source] = []
_passages: list[Passages] = []
_companions: list[Companion] = []
_loaded = False
_lock = threading.Lock()


def register(source: Source) -> None:
    """Make `source` what the index holds (registering the same type again is harmless)."""
    with _lock:
        if _sources and _sources[0].name != source.name:
            raise ValueError(f"the index already holds {_sources[0].name!r} records, not also {source.name!r}")
        _sources[:] = [source]


def register_passages(passages: Passages) -> None:
    """Index `passages` of the records beside them (registering the same name again replaces it)."""
    with _lock:
        _passages[:] = [found for found in _passages if found.name != passages.name] + [passages]


def register_companion(companion: Companion) -> None:
    """Index `companion`'s records beside the items (registering the same name again replaces it)."""
    with _lock:
        _companions[:] = [found for found in _companions if found.name != companion.name] + [companion]


def companions() -> list[Companion]:
    """The registered companions (their domains' modules imported on first use)."""
    _load()
    return list(_companions)


def source() -> Source:
    """The registered record type, its domain's module imported on first use."""
    _load()
    return _sources[0]


def passages() -> list[Passages]:
    """The registered passages of the records (none when no domain has any)."""
    _load()
    return list(_passages)


def _load() -> None:
    global _loaded
    if not _loaded:
        for domain in INDEXED_DOMAINS:
            importlib.import_module(f"app.{domain}.search")
        _loaded = True
