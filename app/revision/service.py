"""Recording revisions of items and reading their history. Never commits; callers flush."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.item.models import Item
from app.revision import snapshot
from app.revision.models import ItemRevision

CREATE, EDIT, RESTORE, BASELINE = "create", "edit", "restore", "baseline"


def lock(session: Session, item_id: int) -> None:
    """Hold the item's row until commit, so two saves cannot both start from the same revision.

    On PostgreSQL this is SELECT ... FOR UPDATE; SQLite writers already take the database lock at BEGIN.
    """
    session.execute(select(Item.id).where(Item.id == item_id).with_for_update())


def latest_number(session: Session, item_id: int | None) -> int:
    """The number of the item's latest revision (0 when it has none: created before the workspace)."""
    if item_id is None:
        return 0
    return session.scalar(select(func.max(ItemRevision.number)).where(ItemRevision.item_id == item_id)) or 0


def record(session: Session, item: Item, user, action: str, before: dict | None,
           comment: str | None = None) -> ItemRevision | None:
    """Add the revision that took the item from `before` to its present state; None when nothing changed.

    An item that has no revision yet (imported, or from the demo) first gets a baseline revision of
    `before`, so that its state before the first change can be restored too.
    """
    after = snapshot.take(item)
    changed = snapshot.changes(before, after)
    if not changed and action in (EDIT, RESTORE):
        return None
    number = latest_number(session, item.id)
    if number == 0 and before is not None:
        number = 1
        session.add(_row(item, None, BASELINE, before, {}, number))
    revision = _row(item, user, action, after, changed, number + 1, comment)
    session.add(revision)
    session.flush()
    return revision


def _row(item: Item, user, action: str, values: dict, changed: dict, number: int,
         comment: str | None = None) -> ItemRevision:
    return ItemRevision(item_id=item.id, number=number, user_id=getattr(user, "id", None),
                        user_name=getattr(user, "name", None), action=action, status=values["status"],
                        changes=changed, snapshot=values, comment=comment or None)


def history(session: Session, item_id: int) -> list[ItemRevision]:
    """Every revision of an item, newest first."""
    query = select(ItemRevision).where(ItemRevision.item_id == item_id).order_by(ItemRevision.number.desc())
    return list(session.scalars(query))


def since(session: Session, item_id: int, number: int) -> list[ItemRevision]:
    """The revisions made after revision `number`, oldest first (what someone else saved meanwhile)."""
    query = (select(ItemRevision).where(ItemRevision.item_id == item_id, ItemRevision.number > number)
             .order_by(ItemRevision.number))
    return list(session.scalars(query))


def get(session: Session, item_id: int, number: int) -> ItemRevision | None:
    """One revision of an item by its number."""
    query = select(ItemRevision).where(ItemRevision.item_id == item_id, ItemRevision.number == number)
    return session.scalars(query).first()

