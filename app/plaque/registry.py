"""The records a plaque may point to, as each kind registers them: the plaque package itself knows no domain.

A kind (`item`, `exhibit`, `exhibit-page`, and after the tours' merge `tour` and `stop`) registers a function
`find(session, key) -> Plaque | None` that answers only for public records (published, not restricted, not
withdrawn), and the name of the route that shows them. A record's key is its page's path parameters joined by
`/` (`PA00106443`, `hauts-fourneaux`, `hauts-fourneaux/la-coulee`), so that a page's key is read from its
address, and a QR code's address names the record the same way (`/qr/exhibit-page/hauts-fourneaux/la-coulee.png`).
"""

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

# The modules whose import registers kinds; read the first time a kind is asked for.
TARGET_MODULES: tuple[str, ...] = ("app.plaque.records",)


@dataclass(frozen=True)
class Plaque:
    """A public record as a plaque shows it: its titles by language, and its permanent path (no host, no query)."""

    kind: str
    key: str
    titles: dict[str, str]
    path: str


Finder = Callable[[Session, str], Plaque | None]
_finders: dict[str, Finder] = {}
_routes: dict[str, str] = {}  # route name -> kind


def register(kind: str, find: Finder, route: str | None = None) -> None:
    """Make `kind` known: `find` gives its public records by key; `route` names the page that shows them."""
    _finders[kind] = find
    if route is not None:
        _routes[route] = kind


def kinds() -> list[str]:
    """The registered kinds, in the order they were registered (bare keys are tried in this order)."""
    _load()
    return list(_finders)


def find(session: Session, kind: str, key: str) -> Plaque | None:
    """The public record of `kind` named `key`, or None (unknown kind, unknown key, or not public)."""
    _load()
    finder = _finders.get(kind)
    return finder(session, key) if finder is not None and key else None


def kind_of_route(route_name: str) -> str | None:
    """The kind whose records the route `route_name` shows, if any."""
    _load()
    return _routes.get(route_name)


def key_of(path_params: Mapping[str, object]) -> str:
    """A record's key from its page's path parameters, in the order the address has them."""
    return "/".join(str(value) for value in path_params.values())


def _load() -> None:
    if not _finders:
        for name in TARGET_MODULES:
            importlib.import_module(name)
