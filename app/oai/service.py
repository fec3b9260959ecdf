"""The records a harvest lists: live public items and the tombstones of those that left, by (datestamp, id)."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, and_, false, func, literal, or_, select, true, union_all
from sqlalchemy.orm import Session, selectinload

from app.collection.models import CollectionItem
from app.item.models import Item, ItemAgent, ItemSubject
from app.oai import public
from app.oai.models import OaiRecord

BATCH = 100


@dataclass(frozen=True)
class Query:
    """A list's selection: a set, `start` ≤ datestamp < `end`, after the position (stamp, id) reached."""

    set: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    after: tuple[datetime, int] | None = None


@dataclass(frozen=True)
class Header:
    item_id: int
    identifier: str
    stamp: datetime
    deleted: bool


def _rows(query: Query, today: date):
    live = select(
        Item.id.label("item_id"), Item.identifier, Item.updated_at.label("stamp"), false().label("deleted")
    ).where(*public.is_public(today), *_live_set(query.set))
    gone = select(
        OaiRecord.item_id, OaiRecord.identifier, OaiRecord.deleted_at.label("stamp"), true().label("deleted")
    ).where(OaiRecord.deleted_at.is_not(None), OaiRecord.item_id.not_in(public.public_ids(today)))
    if query.set:
        gone = gone.where(OaiRecord.sets.contains(f" {query.set} "))
    return union_all(live, gone).subquery()


def _live_set(spec: str | None) -> list:
    if not spec:
        return []
    family, _colon, value = spec.partition(":")
    if family == "kind":
        return [Item.kind == value]
    if family == "collection":
        return [Item.id.in_(public.collection_items(value))]
    return [literal(False)]


def _window(rows, query: Query) -> list:
    conditions = []
    if query.start is not None:
        conditions.append(rows.c.stamp >= query.start)
    if query.end is not None:
        conditions.append(rows.c.stamp < query.end)
    return conditions


def headers(session: Session, query: Query, today: date, limit: int = BATCH) -> list[Header]:
    """The next `limit` headers of the selection after its position, oldest change first."""
    rows = _rows(query, today)
    statement: Select = select(rows).where(*_window(rows, query))
    if query.after is not None:
        stamp, last_id = query.after
        statement = statement.where(or_(rows.c.stamp > stamp, and_(rows.c.stamp == stamp, rows.c.item_id > last_id)))
    statement = statement.order_by(rows.c.stamp, rows.c.item_id).limit(limit)
    return [Header(row.item_id, row.identifier, row.stamp, bool(row.deleted)) for row in session.execute(statement)]


def count(session: Session, query: Query, today: date, through: tuple[datetime, int] | None = None) -> int:
    """How many records the selection has (up to and including the position `through`, when given)."""
    rows = _rows(query, today)
    statement = select(func.count()).select_from(rows).where(*_window(rows, query))
    if through is not None:
        stamp, last_id = through
        statement = statement.where(or_(rows.c.stamp < stamp, and_(rows.c.stamp == stamp, rows.c.item_id <= last_id)))
    return session.scalar(statement) or 0


def items(session: Session, ids: list[int]) -> dict[int, Item]:
    """The items of `ids` with what their metadata shows, by id."""
    statement = (
        select(Item)
        .where(Item.id.in_(ids))
        .options(
            selectinload(Item.credits).selectinload(ItemAgent.agent),
            selectinload(Item.subject_links).selectinload(ItemSubject.subject),
            selectinload(Item.collection_links).selectinload(CollectionItem.collection),
            selectinload(Item.place),
            selectinload(Item.media),  # the EDM format's web resources (app/edm/graph.py)
        )
    )
    return {item.id: item for item in session.scalars(statement)}


def header_of(session: Session, identifier: str, today: date) -> Header | None:
    """The header of one record by its item identifier (live or deleted), None if harvesters never saw it."""
    rows = _rows(Query(), today)
    row = session.execute(select(rows).where(rows.c.identifier == identifier)).first()
    return Header(row.item_id, row.identifier, row.stamp, bool(row.deleted)) if row else None


def earliest(session: Session, today: date) -> datetime | None:
    """The oldest datestamp of the repository."""
    rows = _rows(Query(), today)
    return session.scalar(select(func.min(rows.c.stamp)))
