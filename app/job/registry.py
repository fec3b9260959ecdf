"""Which function runs which kind of job: domains register their handlers with `@handler(kind)`."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.config import Settings
from app.search.index import SearchIndex, open_index


@dataclass(frozen=True)
class JobContext:
    """What a handler gets besides its session and payload: the settings and the process's search index."""

    settings: Settings
    search_index: SearchIndex  # the one the process searches with (the web app's is app.state.search_index)

    @classmethod
    def from_settings(cls, settings: Settings) -> "JobContext":
        """The context of a process of its own (`museum worker`), built from its settings."""
        return cls(settings, open_index(settings))


Handler = Callable[[Session, JobContext, dict], None]

# The modules whose import registers handlers; a worker imports them all before its first job.
# Listed by hand, so that a missing module is an error and not a silently idle queue.
HANDLER_MODULES: tuple[str, ...] = (
    "app.media.jobs",
    "app.search.jobs",
    "app.interview.jobs",
    "app.exhibit.jobs",
    "app.task.jobs",
)

_handlers: dict[str, Handler] = {}


class UnknownJobKind(LookupError):
    """No handler is registered for a job's kind."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of `kind` jobs."""

    def register(fn: Handler) -> Handler:
        known = _handlers.get(kind)
        # Re-importing the same module is harmless; two different functions for one kind is a bug.
        if known is not None and _qualified_name(known) != _qualified_name(fn):
            raise ValueError(f"job kind {kind!r} already handled by {_qualified_name(known)}")
        _handlers[kind] = fn
        return fn

    return register


def get(kind: str) -> Handler:
    """The handler of `kind`, or UnknownJobKind with a message saying where handlers come from."""
    try:
        return _handlers[kind]
    except KeyError:
        raise UnknownJobKind(
            f"no handler registered for job kind {kind!r} "
            f"(known: {', '.join(kinds()) or 'none'}; is its module in app.job.registry.HANDLER_MODULES?)"
        ) from None


def kinds() -> list[str]:
    """The registered kinds, sorted."""
    return sorted(_handlers)


def load_handlers(modules: tuple[str, ...] | None = None) -> None:
    """Import the handler modules (HANDLER_MODULES by default) so that their handlers register."""
    for name in HANDLER_MODULES if modules is None else modules:
        importlib.import_module(name)


def _qualified_name(fn: Handler) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"
