"""Creating and editing items from the workspace, recording a revision of every change. Never commits."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.collection.models import Collection
from app.interview import snapshot as interview_snapshot
from app.item import fields, identifiers
from app.item import service as item_service
from app.item import write as item_write
from app.item.kinds import DRAFT
from app.item.models import Item
from app.revision import service as revision_service
from app.revision import snapshot
from app.revision.models import ItemRevision


class StaleEdit(Exception):
    """Someone saved the item after the version the edit started from."""

    def __init__(self, revisions: list[ItemRevision]) -> None:
        super().__init__("stale edit")
        self.revisions = revisions


class IdentifierTaken(ValueError):
    """Another item already has the identifier."""


def load(session: Session, identifier: str) -> Item | None:
    """An item in any state with everything the workspace shows of it."""
    return item_service.get_with_details(session, identifier)


def collection_slugs(session: Session) -> set[str]:
    return set(session.scalars(select(Collection.slug)))


def collections(session: Session) -> list[Collection]:
    """Every collection, in the order of the collections page."""
    return list(session.scalars(select(Collection).order_by(Collection.position, Collection.slug)))


def create(session: Session, values: dict, user) -> Item:
    """A new draft item with `values`, and its first revision."""
    identifier = values.get("identifier") or identifiers.next_identifier(session)
    if item_service.get_by_identifier(session, identifier) is not None:
        raise IdentifierTaken(identifier)
    item = item_write.new(session, identifier, values["kind"], DRAFT)
    item_write.apply(session, item, values)
    session.flush()
    revision_service.record(session, item, user, revision_service.CREATE, None)
    return item


def update(session: Session, item: Item, values: dict, user, base: int) -> ItemRevision | None:
    """Save `values` over the item edited from revision `base`; StaleEdit if someone saved since."""
    revision_service.lock(session, item.id)
    if revision_service.latest_number(session, item.id) != base:
        raise StaleEdit(revision_service.since(session, item.id, base))
    before = snapshot.take(item)
    item_write.apply(session, item, values)
    session.flush()
    return revision_service.record(session, item, user, revision_service.EDIT, before)


def restore(session: Session, item: Item, revision: ItemRevision, user, base: int) -> ItemRevision | None:
    """Put the catalog fields of an earlier revision back, as a new revision (the status stays)."""
    revision_service.lock(session, item.id)
    if revision_service.latest_number(session, item.id) != base:
        raise StaleEdit(revision_service.since(session, item.id, base))
    before = snapshot.take(item)
    item_write.apply(session, item, _values_of(revision.snapshot))
    interview_snapshot.restore(session, item, revision.snapshot)
    session.flush()
    comment = f"#{revision.number}"
    return revision_service.record(session, item, user, revision_service.RESTORE, before, comment)


def _values_of(saved: dict) -> dict:
    values = {name: saved.get(name) for name in fields.revisioned()}
    values["titles"], values["descriptions"] = saved.get("titles") or {}, saved.get("descriptions") or {}
    values["place"] = saved.get("place")
    values["credits"] = [tuple(row) for row in saved.get("credits") or []]
    values["subjects"] = list(saved.get("subjects") or [])
    values["collections"] = list(saved.get("collections") or [])
    return values
