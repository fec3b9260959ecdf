"""The one write path of items: the workspace, the API, the importer and contribution publishing all go
through it, so an item's fields, relations, sort title and search-outbox entry are set the same way.

Never commits; flushes where ids are needed.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, object_session

from app.agent import service as agent_service
from app.agent.models import Agent
from app.clock import utcnow
from app.collection.models import Collection, CollectionItem
from app.collection.service_write import next_position
from app.db import Base
from app.edm import refresh as tiers_refresh
from app.item import fields
from app.item import search as item_search
from app.item.models import Item, ItemAgent, ItemSubject
from app.place import service as place_service
from app.slugs import slugify, sort_key
from app.subject import service as subject_service
from app.subject.models import Subject

# The named records credits and subjects link to; each model has its own `ensure_ids` (its service's).
_Named = TypeVar("_Named", Agent, Subject)
_EnsureIds = Callable[[Session, list[str], dict[str, int | None]], None]


def sort_title(titles: dict[str, str], language: str | None, identifier: str | None) -> str:
    """What an item is sorted by: its original title, else any title, else its identifier."""
    title = titles.get(language or "") or next(iter(titles.values()), None) or identifier or ""
    return sort_key(title)


def new(session: Session, identifier: str, kind: str | None, status: str | None) -> Item:
    """A new item added to the session, its relations empty (so they can be set although lazy="raise")."""
    item = Item(
        identifier=identifier,
        kind=kind,
        status=status,
        titles={},
        descriptions={},
        credits=[],
        subject_links=[],
        collection_links=[],
        media=[],
        transcript=[],
    )
    session.add(item)
    tiers_refresh.mark(session, [item])
    return item


def set_columns(item: Item, values: dict[str, Any]) -> None:
    """Set the item's own columns present in `values` (registry fields, and status or place_id), and its sort title."""
    for name, value in values.items():
        setattr(item, name, value)
    item.sort_title = sort_title(item.titles or {}, item.language, item.identifier)
    _written(item)


def _written(item: Item) -> None:
    """Have the item's Europeana tiers computed again when its session commits (app/edm/refresh.py)."""
    session = object_session(item)
    if session is not None:
        tiers_refresh.mark(session, [item])


def apply(session: Session, item: Item, values: dict) -> None:
    """Set the item's catalog fields and relations from clean values (see app/workspace/forms.validate)."""
    set_columns(item, {field.name: values[field.name] for field in fields.stored() if field.name in values})
    if "place" in values:
        item.place = place_service.get_or_create(session, values["place"]) if values["place"] else None
    if "credits" in values:
        set_credits(session, item, values["credits"])
    if "subjects" in values:
        set_subjects(session, item, values["subjects"])
    if "collections" in values:
        set_collections(session, item, values["collections"])


def set_credits(session: Session, item: Item, credits: list[tuple[str, str]]) -> None:
    """Credit the agents named, each in its role, in order (agents created when new)."""
    agents = _by_name(session, Agent, agent_service.ensure_ids, [name for _role, name in credits])
    existing = {(credit.role, credit.agent_id): credit for credit in item.credits}
    wanted: list[ItemAgent] = []
    for position, (role, name) in enumerate(credits):
        agent = agents.get(slugify(name))
        if agent is None:
            continue  # a name without a letter or digit names nobody
        credit = existing.get((role, agent.id)) or ItemAgent(role=role, agent=agent, agent_id=agent.id)
        if credit in wanted:
            continue
        credit.position = position
        wanted.append(credit)
    item.credits = wanted
    _written(item)


def set_role(item: Item, role: str, agent_ids: list[int]) -> None:
    """Credit these agents (by id) in `role`, in order; the other roles' credits stay."""
    kept = {credit.agent_id: credit for credit in item.credits if credit.role == role}
    credits = [credit for credit in item.credits if credit.role != role]
    for position, agent_id in enumerate(agent_ids):
        credit = kept.pop(agent_id, None) or ItemAgent(agent_id=agent_id, role=role)
        credit.position = position
        credits.append(credit)
    item.credits = credits
    _written(item)


def _by_name(session: Session, model: type[_Named], ensure_ids: _EnsureIds, names: list[str]) -> dict[str, _Named]:
    """The rows of these names by slug, the missing ones created: two queries, whatever the number of names."""
    ids: dict[str, int | None] = {}
    ensure_ids(session, names, ids)
    rows = session.scalars(select(model).where(model.id.in_([i for i in ids.values() if i is not None])))
    return {row.slug: row for row in rows}


def set_subjects(session: Session, item: Item, names: list[str]) -> None:
    """The item's subjects, by name, in order (subjects created when new)."""
    found = _by_name(session, Subject, subject_service.ensure_ids, names)
    subjects = [found[slug] for slug in (slugify(name) for name in names) if slug in found]
    existing = {link.subject_id: link for link in item.subject_links}
    links = []
    for position, subject in enumerate(dict.fromkeys(subjects)):
        link = existing.get(subject.id) or ItemSubject(subject=subject, subject_id=subject.id)
        link.position = position
        links.append(link)
    item.subject_links = links
    _written(item)


def set_subject_ids(item: Item, subject_ids: list[int]) -> None:
    """The item's subjects, by id, in order."""
    item.subject_links = [ItemSubject(subject_id=sid, position=i) for i, sid in enumerate(subject_ids)]
    _written(item)


def set_collections(session: Session, item: Item, slugs: list[str]) -> None:
    """The collections the item belongs to, by slug (unknown slugs are ignored); a new one places it last."""
    found = {c.slug: c for c in session.scalars(select(Collection).where(Collection.slug.in_(slugs)))}
    kept = {link.collection_id: link for link in item.collection_links}
    item.collection_links = [
        kept.get(collection.id)
        or CollectionItem(collection=collection, position=next_position(session, collection.id, {}))
        for collection in (found[slug] for slug in slugs if slug in found)
    ]


def set_collection_ids(session: Session, item: Item, collection_ids: list[int], positions: dict[int, int]) -> None:
    """The collections the item belongs to, by id; `positions` caches each collection's next position."""
    kept = {link.collection_id: link for link in item.collection_links}
    item.collection_links = [
        kept.get(cid) or CollectionItem(collection_id=cid, position=next_position(session, cid, positions))
        for cid in collection_ids
    ]


def insert_many(session: Session, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Insert new items from column values (each with its `identifier`), one INSERT for all; {identifier: id}.

    Plain Core inserts skip the ORM's per-row bookkeeping, which otherwise takes most of an import's time;
    they fire no ORM events, so the new items are put in the search outbox here.
    """
    if not rows:
        return {}
    now = utcnow()
    items = cast(Table, Item.__table__)  # typed as any FromClause; it is the Table made for Item
    blank = {column.key: None for column in items.columns if column.key != "id"}
    values = [{**blank, "created_at": now, "updated_at": now, **row} for row in rows]
    for row in values:
        row["sort_title"] = sort_title(row["titles"] or {}, row["language"], row["identifier"])
    session.execute(insert(items), values)
    identifiers = [row["identifier"] for row in rows]
    ids = dict(session.execute(select(Item.identifier, Item.id).where(Item.identifier.in_(identifiers))).all())
    item_search.enqueue_items(session, ids.values())
    tiers_refresh.mark(session, ids.values())
    return ids


def insert_links(session: Session, model: type[Base], rows: Iterable[dict[str, Any]]) -> None:
    """Insert relation rows of new items (credits, subjects, collection places...), one INSERT per table."""
    rows = list(rows)
    if rows:
        session.execute(insert(cast(Table, model.__table__)), rows)  # a mapped class's own Table
