"""The current values of the items a chunk of rows names, read as plain tuples (no ORM objects).

Comparing rows with plain values is several times faster than loading items with their
relations, and most rows of a re-import are unchanged; only items that differ are loaded later.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent.models import ROLES
from app.collection.models import CollectionItem
from app.interview.models import Cue
from app.item.models import Item, ItemAgent, ItemSubject
from app.media.models import Media


@dataclass
class Snapshot:
    """An existing item's columns and, for the relations asked for, their lists in order."""

    id: int
    values: dict[str, Any]
    relations: dict[str, list] = field(default_factory=dict)


def load(session: Session, identifiers: list[str], relations: set[str]) -> dict[str, Snapshot]:
    """Snapshots of the items with these identifiers, with the named relations (`creator`, `media`...)."""
    rows = session.execute(select(Item.__table__).where(Item.identifier.in_(identifiers))).mappings()
    snapshots = {row["identifier"]: Snapshot(row["id"], dict(row)) for row in rows}
    by_id = {snapshot.id: snapshot for snapshot in snapshots.values()}
    for name in relations:
        for snapshot in by_id.values():
            snapshot.relations[name] = []
    if by_id:
        _load_relations(session, by_id, relations)
    return snapshots


def _load_relations(session: Session, by_id: dict[int, Snapshot], relations: set[str]) -> None:
    ids = list(by_id)
    roles = relations & set(ROLES)
    if roles:
        query = (
            select(ItemAgent.item_id, ItemAgent.role, ItemAgent.agent_id)
            .where(ItemAgent.item_id.in_(ids), ItemAgent.role.in_(roles))
            .order_by(ItemAgent.item_id, ItemAgent.position, ItemAgent.agent_id)
        )
        for item_id, role, agent_id in session.execute(query):
            by_id[item_id].relations[role].append(agent_id)
    for name, query in _queries(ids).items():
        if name in relations:
            for item_id, *value in session.execute(query):
                by_id[item_id].relations[name].append(value[0] if len(value) == 1 else tuple(value))
    if "collection" in relations:
        for snapshot in by_id.values():
            snapshot.relations["collection"].sort()


def _queries(ids: list[int]) -> dict:
    return {
        "subjects": select(ItemSubject.item_id, ItemSubject.subject_id)
        .where(ItemSubject.item_id.in_(ids))
        .order_by(ItemSubject.item_id, ItemSubject.position, ItemSubject.subject_id),
        "collection": select(CollectionItem.item_id, CollectionItem.collection_id).where(
            CollectionItem.item_id.in_(ids)
        ),
        "media": select(Media.item_id, Media.sha256)
        .where(Media.item_id.in_(ids))
        .order_by(Media.item_id, Media.position, Media.id),
        "transcript": select(
            Cue.item_id,
            Cue.start_seconds,
            Cue.text,
            Cue.language,
        )
        .where(Cue.item_id.in_(ids))
        .order_by(Cue.item_id, Cue.position),
    }
