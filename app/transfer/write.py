"""Writing changes: new items in bulk (one INSERT per table and chunk), changed items through the ORM."""

from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from app.agent.models import ROLES
from app.clock import utcnow
from app.collection import service_write as collection_service
from app.collection.models import CollectionItem
from app.interview.models import TranscriptSegment
from app.item.models import Item, ItemAgent, ItemSubject
from app.media import service as media_service
from app.media.service import Prepared
from app.search import sync as search_sync
from app.transfer.state import Change, Lookups

_LOADERS = {**{role: Item.credits for role in ROLES}, "subjects": Item.subject_links,
            "collection": Item.collection_links, "media": Item.media, "transcript": Item.transcript}


def insert_new(session: Session, new: list[tuple[str, Change]], lookups: Lookups) -> None:
    """Insert new items without media and their relations, one executemany per table.

    Plain Core inserts with every column given skip the ORM's per-row bookkeeping, which
    otherwise takes most of an import's time.
    """
    if not new:
        return
    now = utcnow()
    blank = {column.key: None for column in Item.__table__.columns if column.key != "id"}
    rows = [{**blank, "created_at": now, "updated_at": now, "identifier": identifier, **change.columns}
            for identifier, change in new]
    session.execute(insert(Item.__table__), rows)
    found = session.execute(select(Item.identifier, Item.id).where(Item.identifier.in_([i for i, _c in new])))
    ids = {identifier: item_id for identifier, item_id in found}
    # Core inserts fire no ORM events: the new items go to the search outbox here.
    search_sync.enqueue_items(session, ids.values())
    links: dict[Any, list[dict[str, Any]]] = {ItemAgent: [], ItemSubject: [], CollectionItem: [],
                                              TranscriptSegment: []}
    for identifier, change in new:
        _links(session, ids[identifier], change, lookups, links)
    for model, values in links.items():
        if values:
            session.execute(insert(model.__table__), values)


def _links(session: Session, item_id: int, change: Change, lookups: Lookups,
           links: dict[type, list[dict[str, Any]]]) -> None:
    for name, value in change.relations.items():
        if name in ROLES:
            links[ItemAgent] += [{"item_id": item_id, "agent_id": agent_id, "role": name, "position": position}
                                 for position, agent_id in enumerate(value)]
        elif name == "subjects":
            links[ItemSubject] += [{"item_id": item_id, "subject_id": subject_id, "position": position}
                                   for position, subject_id in enumerate(value)]
        elif name == "collection":
            links[CollectionItem] += [
                {"item_id": item_id, "collection_id": cid,
                 "position": collection_service.next_position(session, cid, lookups.positions)}
                for cid in value]
        elif name == "transcript":
            links[TranscriptSegment] += [
                {"item_id": item_id, "position": position, "start_seconds": start, "text": text, "language": lang}
                for position, (start, text, lang) in enumerate(value)]


def load_items(session: Session, identifiers: list[str], relations: set[str]) -> dict[str, Item]:
    """The items to change, with the relations that will be replaced loaded."""
    loaders = {_LOADERS[name] for name in relations}
    query = select(Item).where(Item.identifier.in_(identifiers)).options(*(selectinload(r) for r in loaders))
    return {item.identifier: item for item in session.scalars(query)}


def new_item(session: Session, identifier: str) -> Item:
    """A new item added to the session, its relations empty (so they can be set although lazy="raise")."""
    item = Item(identifier=identifier, credits=[], subject_links=[], collection_links=[], media=[], transcript=[])
    session.add(item)
    return item


def apply(session: Session, item: Item, change: Change, lookups: Lookups, prepared: dict[Path, Prepared]) -> None:
    """Write a change onto an item through the ORM; its media files are already `prepared` (stored, decoded)."""
    for name, value in change.columns.items():
        setattr(item, name, value)
    if change.relations and item.id is not None and not change.columns:
        item.updated_at = utcnow()  # new credits or subjects are a change of the item too
    for name, value in change.relations.items():
        if name in ROLES:
            _set_credits(item, name, value)
        elif name == "subjects":
            item.subject_links = [ItemSubject(subject_id=sid, position=i) for i, sid in enumerate(value)]
        elif name == "collection":
            _set_collections(session, item, value, lookups)
        elif name == "media":
            _set_media(session, item, value, prepared)
        else:
            item.transcript = [TranscriptSegment(position=i, start_seconds=start, text=text, language=lang)
                               for i, (start, text, lang) in enumerate(value)]


def _set_credits(item: Item, role: str, agent_ids: list[int]) -> None:
    kept = {credit.agent_id: credit for credit in item.credits if credit.role == role}
    credits = [credit for credit in item.credits if credit.role != role]
    for position, agent_id in enumerate(agent_ids):
        credit = kept.pop(agent_id, None) or ItemAgent(agent_id=agent_id, role=role)
        credit.position = position
        credits.append(credit)
    item.credits = credits


def _set_collections(session: Session, item: Item, collection_ids: list[int], lookups: Lookups) -> None:
    kept = {link.collection_id: link for link in item.collection_links}
    item.collection_links = [
        kept.get(cid) or CollectionItem(
            collection_id=cid, position=collection_service.next_position(session, cid, lookups.positions))
        for cid in collection_ids
    ]


def _set_media(session: Session, item: Item, wanted: list[tuple[str, Path]], prepared: dict[Path, Prepared]) -> None:
    current = [media.sha256 for media in item.media]
    for position, (sha256, path) in enumerate(wanted):
        if position >= len(current) or current[position] != sha256:
            media_service.record(session, item, prepared[path], position=position)
    if len(current) > len(wanted):
        media_service.remove_from(session, item.id, len(wanted))
