"""Writing changes: new items in bulk (one INSERT per table and chunk), changed items through the ORM."""

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.agent.models import ROLES
from app.clock import utcnow
from app.collection import service_write as collection_service
from app.collection.models import CollectionItem
from app.interview.models import Cue
from app.item import write as item_write
from app.item.models import Item, ItemAgent, ItemSubject
from app.media import service as media_service
from app.media.service import Prepared
from app.transfer.state import Change, Lookups

_LOADERS = {
    **{role: Item.credits for role in ROLES},
    "subjects": Item.subject_links,
    "collection": Item.collection_links,
    "media": Item.media,
    "transcript": Item.transcript,
}


def insert_new(session: Session, new: list[tuple[str, Change]], lookups: Lookups) -> None:
    """Insert new items without media and their relations, one INSERT per table (through the item write path)."""
    if not new:
        return
    ids = item_write.insert_many(session, [{"identifier": identifier, **change.columns} for identifier, change in new])
    links: dict[Any, list[dict[str, Any]]] = {ItemAgent: [], ItemSubject: [], CollectionItem: [], Cue: []}
    for identifier, change in new:
        _links(session, ids[identifier], change, lookups, links)
    for model, values in links.items():
        item_write.insert_links(session, model, values)


def _links(
    session: Session, item_id: int, change: Change, lookups: Lookups, links: dict[type, list[dict[str, Any]]]
) -> None:
    for name, value in change.relations.items():
        if name in ROLES:
            links[ItemAgent] += [
                {"item_id": item_id, "agent_id": agent_id, "role": name, "position": position}
                for position, agent_id in enumerate(value)
            ]
        elif name == "subjects":
            links[ItemSubject] += [
                {"item_id": item_id, "subject_id": subject_id, "position": position}
                for position, subject_id in enumerate(value)
            ]
        elif name == "collection":
            links[CollectionItem] += [
                {
                    "item_id": item_id,
                    "collection_id": cid,
                    "position": collection_service.next_position(session, cid, lookups.positions),
                }
                for cid in value
            ]
        elif name == "transcript":
            links[Cue] += [
                {"item_id": item_id, "position": position, "start_seconds": start, "text": text, "language": lang}
                for position, (start, text, lang) in enumerate(value)
            ]


def load_items(session: Session, identifiers: list[str], relations: set[str]) -> dict[str, Item]:
    """The items to change, with the relations that will be replaced loaded."""
    loaders = {_LOADERS[name] for name in relations}
    query = select(Item).where(Item.identifier.in_(identifiers)).options(*(selectinload(r) for r in loaders))
    return {item.identifier: item for item in session.scalars(query)}


def new_item(session: Session, identifier: str) -> Item:
    """A new item added to the session, its relations empty; its columns come with its change."""
    return item_write.new(session, identifier, kind=None, status=None)


def apply(session: Session, item: Item, change: Change, lookups: Lookups, prepared: dict[Path, Prepared]) -> None:
    """Write a change onto an item through the ORM; its media files are already `prepared` (stored, decoded)."""
    if change.columns:
        item_write.set_columns(item, change.columns)
    if change.relations and item.id is not None and not change.columns:
        item.updated_at = utcnow()  # new credits or subjects are a change of the item too
    for name, value in change.relations.items():
        if name in ROLES:
            item_write.set_role(item, name, value)
        elif name == "subjects":
            item_write.set_subject_ids(item, value)
        elif name == "collection":
            item_write.set_collection_ids(session, item, value, lookups.positions)
        elif name == "media":
            _set_media(session, item, value, prepared)
        else:
            item.transcript = [
                Cue(position=i, start_seconds=start, text=text, language=lang)
                for i, (start, text, lang) in enumerate(value)
            ]


def _set_media(session: Session, item: Item, wanted: list[tuple[str, Path]], prepared: dict[Path, Prepared]) -> None:
    current = [media.sha256 for media in item.media]
    for position, (sha256, path) in enumerate(wanted):
        if position >= len(current) or current[position] != sha256:
            media_service.record(session, item, prepared[path], position=position)
    if len(current) > len(wanted):
        media_service.remove_from(session, item.id, len(wanted))
