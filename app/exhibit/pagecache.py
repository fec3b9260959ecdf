"""The rendered bodies of public exhibit pages, kept while nothing they show has changed.

A page of forty blocks takes some 20 ms to read and write out, while what it shows changes rarely. Every
change to what a page can show (the exhibit, its items, their media, places, credits and collections,
interviews, cues and redactions) writes a search-index job in the change's own transaction
(app/search/sync.py), so the newest job's id is the catalog's generation: a body is reused only for the
same exhibit and version of it, page, language, address, day (the citation's date, the interviews' rules)
and generation. It is read from the database at every request, so every server of a deployment sees a
change at once, and entries are dropped after `TTL` seconds, so what changes with time alone (a seal that
ends before the worker opens it) or without an index job (an agent named only in an exhibit's credits)
shows within that time (the setting `exhibit_page_seconds`; 0 keeps nothing).

A visitor's page (not logged in, an address without a query) is also kept whole, around its body: the base
template's header, menus and footer cost as much as the rest of the request. Of a whole page only the CSRF token
of the browser (in the page's meta tag and its language form) differs between visitors, so it is kept cut where
the token goes (`Whole`), and each request puts its own token back.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from markupsafe import Markup
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.exhibit.models import Exhibit
from app.item.kinds import PUBLISHED
from app.search import sync

TTL = 60.0  # seconds, unless the settings say otherwise
BUDGET = 32_000_000  # characters (bytes of whole pages) kept per process


@dataclass(frozen=True)
class Shown:
    """What a page's shell needs around its body: the title, the canonical address and the scripts."""

    title: str
    permalink: str
    zoom: bool  # the page opens an image in deep zoom: OpenSeadragon's scripts
    map: bool  # the page has a map: Leaflet's
    body: Markup

    def size(self) -> int:
        return len(self.body)


@dataclass(frozen=True)
class Whole:
    """A visitor's whole page, encoded, in the parts between the places of the browser's CSRF token."""

    parts: tuple[bytes, ...]

    @classmethod
    def cut(cls, page: str, placeholder: str) -> "Whole":
        return cls(tuple(part.encode() for part in page.split(placeholder)))

    def fill(self, token: str) -> bytes:
        """The page with this browser's token."""
        return token.encode().join(self.parts)

    def size(self) -> int:
        return sum(len(part) for part in self.parts)


Kept = Shown | Whole


# Built once: a statement is immutable, and building it with its cache key cost a third of a kept page's view.
VERSION = select(Exhibit.id, Exhibit.updated_at, sync.GENERATION.scalar_subquery()).where(
    Exhibit.slug == bindparam("slug"), Exhibit.status == PUBLISHED
)


def version(session: Session, slug: str) -> tuple[int, datetime, int] | None:
    """(id, time of its last change, the catalog's generation) of a published exhibit, in one query; the
    generation is the newest job's id (0 before the first)."""
    found = session.execute(VERSION, {"slug": slug}).first()
    return (found[0], found[1], found[2]) if found else None


K = TypeVar("K", bound=Kept)


class BodyCache:
    """Bodies by key, the least recently used dropped first beyond `budget` characters, each for `ttl` seconds."""

    def __init__(self, ttl: float = TTL, budget: int = BUDGET) -> None:
        self.ttl, self.budget = ttl, budget
        self._entries: OrderedDict[Hashable, tuple[float, Kept]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], K]) -> K:
        """The body kept for `key`, else `make()` kept."""
        if self.ttl <= 0:
            return make()
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
            if found is not None and now - found[0] < self.ttl:
                self._entries.move_to_end(key)
                # What a key holds is what its `make` made (the views key whole pages apart from bodies).
                return found[1]  # type: ignore[return-value]
        shown = make()
        with self._lock:
            self._drop(key)
            self._entries[key] = (now, shown)
            self._size += shown.size()
            while self._size > self.budget and self._entries:
                self._drop(next(iter(self._entries)))
        return shown

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    def _drop(self, key: Hashable) -> None:
        found = self._entries.pop(key, None)
        if found is not None:
            self._size -= found[1].size()
