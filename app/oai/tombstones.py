"""Keeping `oai_records` in step with the items, at the flushes that change them.

The items a flush changes are those whose search documents it may change (app/search/registry.py: the
item's domain finds them for the search outbox, app/search/sync.py, including deletions and interview
access changes), so a withdrawal, a deletion or a new seal is seen here whichever route made it. The rows
are written with Core on the flush's own connection: they commit or roll back with the change.
"""

import weakref
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Row, insert, inspect, literal, select, union_all, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.item.models import Item
from app.oai import public
from app.oai.models import OaiRecord
from app.search import registry

# The engines whose database has the table (a database not yet upgraded to it, as a migration test's, has not).
_ready: "weakref.WeakSet[Engine]" = weakref.WeakSet()


def after_flush(session: Session, _flush_context) -> None:
    """Record what this flush changed of the public items (called by the hook in app/oai/models.py)."""
    ids = {found for found in registry.source().changed_ids(session) if found is not None}
    if ids and _has_table(session.connection()):
        record_changes(session.connection(), ids)


def _has_table(connection: Connection) -> bool:
    if connection.engine not in _ready and inspect(connection).has_table(OaiRecord.__tablename__):
        _ready.add(connection.engine)
    return connection.engine in _ready


def record_changes(connection: Connection, ids: Iterable[int]) -> None:
    """Mark the items `ids` live if public, deleted (now) if they were public and are no longer."""
    ids = sorted(set(ids))
    now = utcnow()
    live, known = _states(connection, ids, now.date())
    if not live and not known:  # drafts never public: nothing to keep (one query for the whole flush)
        return
    slugs = _collections(connection, list(live))
    for item_id, row in live.items():
        sets = " " + " ".join(public.set_specs(row.kind, slugs[item_id])) + " "
        values = {"identifier": row.identifier, "sets": sets, "deleted_at": None}
        if item_id in known:
            connection.execute(update(OaiRecord).where(OaiRecord.item_id == item_id).values(**values))
        else:
            connection.execute(insert(OaiRecord).values(item_id=item_id, **values))
    gone = sorted(known - set(live))
    if gone:
        query = update(OaiRecord).where(OaiRecord.item_id.in_(gone), OaiRecord.deleted_at.is_(None))
        connection.execute(query.values(deleted_at=now))


def _states(connection: Connection, ids: list[int], today: date) -> tuple[dict[int, Row], set[int]]:
    """The public items among `ids` (id, identifier, kind) and those already recorded, in one query."""
    public_rows = select(Item.id, Item.identifier, Item.kind, literal(True).label("public"))
    recorded = select(OaiRecord.item_id, OaiRecord.identifier, literal("").label("kind"), literal(False))
    query = union_all(
        public_rows.where(Item.id.in_(ids), *public.is_public(today)), recorded.where(OaiRecord.item_id.in_(ids))
    )
    live: dict[int, Row] = {}
    known: set[int] = set()
    for row in connection.execute(query):
        if row.public:
            live[row.id] = row
        else:
            known.add(row.id)
    return live, known


def _collections(connection: Connection, ids: list[int]) -> defaultdict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    for item_id, slug in connection.execute(public.collection_slugs(ids)):
        found[item_id].append(slug)
    return found
