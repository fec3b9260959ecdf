"""Keeping each item's stored tiers current: the item write path (app/item/write.py) and the media service mark
the items they change, and the tiers are computed once, just before the session commits, from what it holds then.

Computing at the commit rather than at each call sees the item whole (its credits, subjects and media are often
set after its columns) and costs one pass per transaction. The columns are written with a Core UPDATE that keeps
`updated_at`: a tier is derived from the record, not a change harvesters should be told about.
"""

from collections.abc import Iterable

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, selectinload

from app.edm import tiers as edm_tiers  # a module import: the media service imports this module
from app.item import service as item_service
from app.item.models import Item, ItemSubject

_MARKED = "edm_tiers_marked"
# The public lists' loading (place, credits, media) and the subjects: what an item's graph shows.
LOAD = (*item_service.LIST_LOAD, selectinload(Item.subject_links).selectinload(ItemSubject.subject))
CHUNK = 500


def mark(session: Session, items: Iterable[Item | int]) -> None:
    """Have these items' (objects' or ids') tiers computed when the session commits."""
    marked = session.info.setdefault(_MARKED, [])
    marked.extend(items)
    if not event.contains(session, "before_commit", _before_commit):
        event.listen(session, "before_commit", _before_commit)
        event.listen(session, "after_rollback", _forget)


def _before_commit(session: Session) -> None:
    marked = session.info.pop(_MARKED, [])
    if marked:
        session.flush()
        refresh(session, _ids(session, marked))


def _forget(session: Session) -> None:
    """A rolled-back change has nothing to refresh (and its objects may be gone from the session)."""
    session.info.pop(_MARKED, None)


def _ids(session: Session, marked: list) -> set[int]:
    """The ids of the marked items still in this session, read without loading anything."""
    ids = set()
    for one in marked:
        if isinstance(one, int):
            ids.add(one)
            continue
        state = inspect(one)
        if state.session_id == session.hash_key and state.identity:
            ids.add(state.identity[0])
    return ids


def refresh(session: Session, ids: Iterable[int]) -> int:
    """Compute and store the tiers of these items; how many were written."""
    ids = sorted(ids)
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # populate_existing: relations loaded earlier may miss a Core change (a media row deleted without the ORM).
        query = select(Item).where(Item.id.in_(chunk)).options(*LOAD).execution_options(populate_existing=True)
        for item in session.scalars(query):
            found = edm_tiers.tiers(item)
            session.execute(
                update(Item)
                .where(Item.id == item.id)
                .values(content_tier=found.content, metadata_tier=found.metadata, updated_at=Item.updated_at)
                .execution_options(synchronize_session=False)
            )
            written += 1
    return written


def refresh_all(session: Session) -> int:
    """Compute every item's tiers (after the migration that added them, or a change of the rules)."""
    return refresh(session, session.scalars(select(Item.id)).all())
