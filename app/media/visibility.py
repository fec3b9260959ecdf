"""Whether a file is public, cached per content hash, and forgotten as soon as the records change.

The changes that matter (an item's status, an item deleted, a media row added, moved or removed, an interview's
access, redactions or index segments) are
seen at each flush by a session event, as the search outbox sees them (app/search/sync.py):

- within the process, every cached answer is dropped at the flush and again at the commit, so a
  withdrawal stops its files at once (an answer read between the two is dropped by the second);
- other processes, on this host or another, see the catalog's generation move (the newest index job's id,
  app/search/sync.py, written in the change's own transaction whichever the search engine) and drop their
  answers at their next request; whatever changes without an index job still expires after `MAX_AGE` seconds.
"""

import threading
import time
from collections import OrderedDict

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.interview.models import IndexSegment, Interview, Redaction
from app.item.models import Item
from app.media.models import Media
from app.search import sync

MAX_ENTRIES = 4096
MAX_AGE = 10.0
_CHANGED = "media_visibility_changed"
_local = {"generation": 0}
_local_lock = threading.Lock()


class Visibility:
    """A bounded LRU of {sha256: public?}, valid while the generation it was read in is current."""

    def __init__(self) -> None:
        self._entries: OrderedDict[str, tuple[bool, tuple, float]] = OrderedDict()
        self._lock = threading.Lock()

    def generation(self, session: Session) -> tuple:
        """This process's change count and the catalog's generation: any change anywhere makes a new one."""
        return _local["generation"], sync.generation(session)

    def get(self, sha256: str, generation: tuple) -> bool | None:
        """The cached answer read in `generation`, or None when there is none still valid."""
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(sha256)
            if entry is None or entry[1] != generation or now - entry[2] > MAX_AGE:
                return None
            self._entries.move_to_end(sha256)
            return entry[0]

    def put(self, sha256: str, public: bool, generation: tuple) -> None:
        """Remember an answer read from the database in `generation` (read before the query)."""
        with self._lock:
            self._entries[sha256] = (public, generation, time.monotonic())
            self._entries.move_to_end(sha256)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)


def install(session_factory) -> None:
    """Watch every session's flushes, and drop this process's answers again at the commits of `session_factory`'s
    sessions (other processes see the commit's index job)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)

    def after_commit(session: Session) -> None:
        if session.info.pop(_CHANGED, False):
            _bump()

    event.listen(session_factory, "after_commit", after_commit)


def changed(session: Session) -> None:
    """Note a change made without the ORM (a Core delete of media rows), as a flush would."""
    session.info[_CHANGED] = True
    _bump()


def _after_flush(session: Session, _flush_context) -> None:
    if any(_matters(obj, session) for obj in (*session.new, *session.dirty, *session.deleted)):
        changed(session)


def _matters(obj, session: Session) -> bool:
    if isinstance(obj, Media):
        return obj in session.new or obj in session.deleted or inspect(obj).attrs.item_id.history.has_changes()
    if isinstance(obj, Item):
        return obj in session.deleted or inspect(obj).attrs.status.history.has_changes()
    # An interview's access level, a redaction or a closed index segment decides what of its files is served.
    return isinstance(obj, Interview | Redaction | IndexSegment)


def _bump() -> None:
    with _local_lock:
        _local["generation"] += 1
