"""Editing an interview's transcript cue by cue, each change recorded as an item revision. Never commits.

Edits work on the item's loaded `transcript` collection, so the revision taken after the change (and the
page shown after it) see exactly what will be stored.
"""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.account.models import User
from app.i18n import gettext as _
from app.interview.checks import EditError, check_times
from app.interview.models import Cue
from app.item import service as item_service
from app.item.models import Item
from app.revision import service as revision_service
from app.revision import snapshot

T = TypeVar("T")
EDITABLE = ("start_seconds", "end_seconds", "speaker", "language", "text", "translation", "translation_language")


def load(session: Session, identifier: str) -> Item | None:
    """An item with everything a revision takes, its transcript and index included."""
    options = (*item_service.DETAIL_LOAD, selectinload(Item.index_segments))
    return session.scalars(select(Item).where(Item.identifier == identifier).options(*options)).first()


def revised(session: Session, item: Item, user: User | None, change: Callable[[], T], comment: str | None = None) -> T:
    """Make `change` to the item and record it as one revision (none when it changed nothing)."""
    revision_service.lock(session, item.id)
    before = snapshot.take(item)
    result = change()
    renumber(item)
    session.flush()
    revision_service.record(session, item, user, revision_service.EDIT, before, comment)
    return result


def renumber(item: Item) -> None:
    """Positions follow the collection's order again after an insert or a removal."""
    for position, cue in enumerate(item.transcript):
        cue.position = position
    for position, segment in enumerate(item.index_segments):
        segment.position = position


def cue(item: Item, cue_id: int) -> Cue:
    """One of the item's cues; EditError when it is gone (someone changed the transcript meanwhile)."""
    found = next((c for c in item.transcript if c.id == cue_id), None)
    if found is None:
        raise EditError(_("This cue no longer exists: someone changed the transcript meanwhile. Nothing was saved."))
    return found


def update(item: Item, cue_id: int, values: dict) -> Cue:
    """Set a cue's times, speaker, language, text and translation from checked values."""
    target = cue(item, cue_id)
    for name in EDITABLE:
        if name in values:
            setattr(target, name, values[name])
    return target


def set_time(item: Item, cue_id: int, which: str, seconds: float) -> Cue:
    """Set a cue's start or end (`which`) to a time, as the player's current time."""
    target = cue(item, cue_id)
    start = seconds if which == "start" else target.start_seconds
    end = seconds if which == "end" else target.end_seconds
    check_times(start, end)
    target.start_seconds, target.end_seconds = start, end
    return target


def delete(item: Item, cue_id: int) -> None:
    """Remove a cue from the transcript."""
    item.transcript.remove(cue(item, cue_id))


def insert_after(item: Item, cue_id: int | None, values: dict) -> Cue:
    """A new cue after `cue_id` (first when None), with the previous cue's speaker and language unless given."""
    index = 0 if cue_id is None else item.transcript.index(cue(item, cue_id)) + 1
    previous = item.transcript[index - 1] if index else None
    new = Cue(
        item_id=item.id,
        position=index,
        media_id=previous.media_id if previous else None,
        start_seconds=values.get("start_seconds", previous.end_seconds if previous else None),
        end_seconds=values.get("end_seconds"),
        speaker=values.get("speaker", previous.speaker if previous else None),
        language=values.get("language") or (previous.language if previous else item.language),
        text=values["text"],
        translation=values.get("translation"),
        translation_language=values.get("translation_language"),
    )
    item.transcript.insert(index, new)
    return new
