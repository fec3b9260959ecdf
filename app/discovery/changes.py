"""IIIF Change Discovery 1.0: the Create, Update and Delete activities of items' manifests, oldest first.

No table of its own: the activities are read from what the museum already keeps. Each item revision says the
item's status after it, so a revision that makes it published is a Create, one that keeps it published an
Update, one that takes it out (withdrawn, back to draft) a Delete; the audit log's "item.delete" events of
published items are Deletes of records that are gone with their revisions. Items imported published, which
have no revision, are a Create at their creation (and an Update at their last change), and an item still
published but hidden today (a sealed or withdrawn interview) ends with a Delete. Only items with images,
sound or video have a manifest (app/iiif/manifest.py), so only they are listed.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEvent
from app.discovery.service import STREAM, public_items
from app.iiif.manifest import BODY_TYPES
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media
from app.revision.models import ItemRevision

CREATE, UPDATE, DELETE = "Create", "Update", "Delete"
SAME_MOMENT = timedelta(seconds=1)  # an import's creation and first save are one change


@dataclass(frozen=True, order=True)
class Activity:
    """One change of one manifest, by the time it ended."""

    end: datetime
    identifier: str
    kind: str


def activities(session: Session, today: date) -> list[Activity]:
    """Every activity, oldest first."""
    public_now = set(session.scalars(public_items(today).with_only_columns(Item.id).where(_has_manifest())))
    found = list(_from_revisions(session, public_now))
    found += _unrevised(session, public_now)
    found += _deleted(session)
    return sorted(found)


def _has_manifest():
    return exists().where(Media.item_id == Item.id, Media.media_type.in_(tuple(BODY_TYPES)))


def _from_revisions(session: Session, public_now: set[int]) -> Iterator[Activity]:
    query = (
        select(Item.id, Item.identifier, Item.created_at, Item.updated_at, ItemRevision.action)
        .add_columns(ItemRevision.status, ItemRevision.created_at)
        .join(ItemRevision, ItemRevision.item_id == Item.id)
        .where(_has_manifest())
        .order_by(Item.id, ItemRevision.number)
    )
    rows = session.execute(query.execution_options(yield_per=STREAM))
    for item_id, group in groupby(rows, key=lambda row: row[0]):
        yield from _item_history(list(group), item_id in public_now)


def _item_history(rows: list, public_now: bool) -> Iterator[Activity]:
    shown = False
    last: Activity | None = None
    for _id, identifier, created, _updated, action, status, moment in rows:
        now = status == PUBLISHED
        when = created if action == "baseline" else moment
        kind = CREATE if now and not shown else UPDATE if now else DELETE if shown else None
        if kind is not None:
            last = Activity(when, identifier, kind)
            yield last
        shown = now
    if last is not None and last.kind != DELETE and not public_now:
        yield Activity(max(rows[-1][3], last.end), last.identifier, DELETE)


def _unrevised(session: Session, public_now: set[int]) -> Iterator[Activity]:
    revised = select(ItemRevision.item_id)
    query = select(Item.id, Item.identifier, Item.created_at, Item.updated_at).where(
        Item.status == PUBLISHED, Item.id.not_in(revised), _has_manifest()
    )
    for item_id, identifier, created, updated in session.execute(query.execution_options(yield_per=STREAM)):
        yield Activity(created, identifier, CREATE)
        if item_id not in public_now:
            yield Activity(max(updated, created + SAME_MOMENT), identifier, DELETE)
        elif updated - created > SAME_MOMENT:
            yield Activity(updated, identifier, UPDATE)


def _deleted(session: Session) -> Iterable[Activity]:
    query = select(AuditEvent.created_at, AuditEvent.target_label, AuditEvent.details).where(
        AuditEvent.action == "item.delete"
    )
    for moment, identifier, details in session.execute(query):
        if identifier and (details or {}).get("status") == PUBLISHED:
            yield Activity(moment, identifier, DELETE)
