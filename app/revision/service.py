"""Revisions of items: the generic revisions (app/publishing/revisions.py) of the item kind. Never commits."""

from sqlalchemy.orm import Session

from app.item.models import Item
from app.item.publishing import ITEM
from app.publishing import revisions
from app.publishing.revisions import BASELINE, CREATE, EDIT, RESTORE
from app.revision.models import ItemRevision

__all__ = ["BASELINE", "CREATE", "EDIT", "RESTORE", "get", "history", "latest_number", "lock", "record", "since"]


def lock(session: Session, item_id: int) -> None:
    """Hold the item's row until commit, so two saves cannot both start from the same revision."""
    revisions.lock(session, ITEM, item_id)


def latest_number(session: Session, item_id: int | None) -> int:
    """The number of the item's latest revision (0 when it has none: created before the workspace)."""
    return revisions.latest_number(session, ITEM, item_id)


def record(
    session: Session, item: Item, user, action: str, before: dict | None, comment: str | None = None
) -> ItemRevision | None:
    """Add the revision that took the item from `before` to its present state; None when nothing changed."""
    return revisions.record(session, item, user, action, before, comment)


def history(session: Session, item_id: int) -> list[ItemRevision]:
    """Every revision of an item, newest first."""
    return revisions.history(session, ITEM, item_id)


def since(session: Session, item_id: int, number: int) -> list[ItemRevision]:
    """The revisions made after revision `number`, oldest first (what someone else saved meanwhile)."""
    return revisions.since(session, ITEM, item_id, number)


def get(session: Session, item_id: int, number: int) -> ItemRevision | None:
    """One revision of an item by its number."""
    return revisions.get(session, ITEM, item_id, number)
