"""The catalog records a task worked on, as a portfolio shows them: a title and an address, and whether the
public may see the record (a published item or exhibit). Anything else is counted, never titled in public."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account.permissions import PUBLISHED
from app.exhibit.models import Exhibit
from app.item.models import Item
from app.media.models import Media
from app.task.models import Task


@dataclass(frozen=True)
class Record:
    kind: str  # "item" or "exhibit"
    key: str  # the item's identifier, the exhibit's slug
    titles: dict[str, str]
    language: str
    public: bool

    def title(self, lang: str) -> str:
        """The record's title in `lang`, else in its own language, else any."""
        return self.titles.get(lang) or self.titles.get(self.language) or next(iter(self.titles.values()), self.key)


def resolve(session: Session, tasks: list[Task]) -> dict[int, Record]:
    """The record of each task that has one (task id -> Record), in a query per kind."""
    item_ids = _ids(tasks, ("item", "interview"))
    media_items = _media_items(session, _ids(tasks, ("media",)))
    items = _items(session, item_ids | set(media_items.values()))
    exhibits = _exhibits(session, _ids(tasks, ("exhibit",)))
    found: dict[int, Record] = {}
    for task in tasks:
        record = _record_of(task, items, media_items, exhibits)
        if record is not None:
            found[task.id] = record
    return found


def _record_of(task: Task, items: dict, media_items: dict, exhibits: dict) -> Record | None:
    if task.target_id is None:
        return None
    if task.target_kind in ("item", "interview"):
        return items.get(task.target_id)
    if task.target_kind == "media":
        return items.get(media_items.get(task.target_id, -1))
    if task.target_kind == "exhibit":
        return exhibits.get(task.target_id)
    return None


def _ids(tasks: list[Task], kinds: tuple[str, ...]) -> set[int]:
    return {task.target_id for task in tasks if task.target_kind in kinds and task.target_id is not None}


def _media_items(session: Session, ids: set[int]) -> dict[int, int]:
    if not ids:
        return {}
    return dict(session.execute(select(Media.id, Media.item_id).where(Media.id.in_(ids))).all())


def _items(session: Session, ids: set[int]) -> dict[int, Record]:
    if not ids:
        return {}
    rows = session.execute(
        select(Item.id, Item.identifier, Item.titles, Item.language, Item.status).where(Item.id.in_(ids))
    ).all()
    return {
        row.id: Record("item", row.identifier, row.titles or {}, row.language, row.status == PUBLISHED) for row in rows
    }


def _exhibits(session: Session, ids: set[int]) -> dict[int, Record]:
    if not ids:
        return {}
    rows = session.execute(
        select(Exhibit.id, Exhibit.slug, Exhibit.titles, Exhibit.language, Exhibit.status).where(Exhibit.id.in_(ids))
    ).all()
    return {
        row.id: Record("exhibit", row.slug, row.titles or {}, row.language, row.status == PUBLISHED) for row in rows
    }
