"""Keeping the index in step with the database through an outbox: the job table.

At each flush the ids of the items whose indexed content may have changed are written as one
"search.index" job, with a Core insert on the flush's own connection: the job commits or rolls
back with the change, so a rolled-back transaction never reaches the index and a crash after the
commit leaves the job in the queue. The worker applies the jobs (app/search/jobs.py).

Every index job carries the same key: the queue runs jobs sharing a key one at a time, so two
workers never apply an older state of an item after a newer one. They are inserted directly, never
through `job_service.enqueue`, whose dedupe by key would drop the ids of the second job.
"""

import weakref
from collections.abc import Iterable

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Session

from app.agent.models import Agent
from app.clock import utcnow
from app.collection.models import Collection, CollectionItem
from app.interview.models import TranscriptSegment
from app.item.models import Item, ItemAgent, ItemSubject
from app.job.models import PENDING, Job
from app.media.models import Media
from app.place.models import Place
from app.subject.models import Subject

INDEX_JOB = "search.index"
INDEX_KEY = "search.index"
REBUILD_JOB = "search.rebuild"
REBUILD_KEY = "search.rebuild"

# Rows shown in an item's document, found through their item_id.
_ITEM_ROWS = (ItemAgent, ItemSubject, CollectionItem, TranscriptSegment, Media)
# Named rows shown in the documents of every item linked to them: (attribute, link column, its key).
_NAMED = {
    Agent: ("name", ItemAgent.item_id, ItemAgent.agent_id),
    Place: ("name", Item.id, Item.place_id),
    Subject: ("name", ItemSubject.item_id, ItemSubject.subject_id),
    Collection: ("titles", CollectionItem.item_id, CollectionItem.collection_id),
}


# The targets already listened to. Not event.contains: for a sessionmaker it answers from a registry
# keyed by the id of the sessionmaker's own Session subclass, which a new sessionmaker often reuses
# once the old one is gone, and a new factory was then left without the outbox.
_installed: "weakref.WeakSet" = weakref.WeakSet()


def install(target) -> None:
    """Write index jobs at the flushes of `target`: a sessionmaker, a Session subclass or one session."""
    if target not in _installed:
        event.listen(target, "after_flush", _after_flush)
        _installed.add(target)


def enqueue_items(session: Session, item_ids: Iterable[int]) -> None:
    """Write one index job for `item_ids` in the session's transaction (for writes that bypass the ORM)."""
    ids = sorted(set(item_ids))
    if not ids:
        return
    now = utcnow()
    session.connection().execute(insert(Job.__table__).values(
        kind=INDEX_JOB, key=INDEX_KEY, payload={"item_ids": ids}, status=PENDING, run_after=now, created_at=now,
    ))


def _after_flush(session: Session, _flush_context) -> None:
    enqueue_items(session, changed_item_ids(session))


def changed_item_ids(session: Session) -> set[int]:
    """The items whose documents this flush may change (called while the flush's state is still there)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Item):
            ids.add(obj.id)
        elif isinstance(obj, _ITEM_ROWS):
            ids |= _item_ids_of_row(obj)
        elif type(obj) in _NAMED and obj not in session.new:
            ids |= _items_linked_to(session, obj)
    ids.discard(None)
    return ids


def _item_ids_of_row(obj) -> set[int]:
    # A link moved to another item changes both items' documents.
    history = inspect(obj).attrs.item_id.history
    return {*history.added, *history.unchanged, *history.deleted}


def _items_linked_to(session: Session, obj) -> set[int]:
    attribute, item_column, link_column = _NAMED[type(obj)]
    if obj in session.deleted or not inspect(obj).attrs[attribute].history.has_changes():
        return set()
    query = select(item_column).where(link_column == obj.id)
    return set(session.connection().scalars(query))

