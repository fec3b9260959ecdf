"""Redacted passages: kept out of the transcript by app/interview/access.py, and silenced in the served audio.

Whenever what is hidden changes (a redaction added or removed, an index segment closed or opened), the
browser copies of the item's recordings are made again with the new silence (`hidden_changed`); until the
job is done their rows are pending, and `copy_is_current` tells a route whether a copy on disk may be served.
"""

import json
import re
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.i18n import gettext as _
from app.interview import access, access_service, hidden
from app.interview.access_service import AccessRefused
from app.interview.hidden import RECORDING_TYPES
from app.interview.models import Redaction
from app.item.models import Item
from app.media import service as media_service
from app.media.models import Media
from app.media.recording.derivatives import DESCRIPTION
from app.media.store import store_of
from app.search import sync

if TYPE_CHECKING:
    from app.account.models import User

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,3}):(\d{1,2}(?:\.\d+)?)$")
_SECONDS = re.compile(r"^\d+(?:\.\d+)?$")


def parse_time(text: str) -> float | None:
    """Seconds from "754", "12:34", "1:02:03" or "12:34.5"; None when it is none of these."""
    text = (text or "").strip()
    if _SECONDS.match(text):
        return float(text)
    found = _CLOCK.match(text)
    if found is None or float(found.group(3)) >= 60:
        return None
    hours, minutes, seconds = int(found.group(1) or 0), int(found.group(2)), float(found.group(3))
    return hours * 3600 + minutes * 60 + seconds


def add(
    session: Session,
    item: Item,
    start: float,
    end: float,
    reason: str,
    *,
    today: date,
    user: "User | None" = None,
    address: str | None = None,
) -> Redaction:
    """Take the passage [start, end) out of what the public gets, and have the recordings silenced over it."""
    if end <= start:
        raise AccessRefused("end", _("The end of a redaction must come after its start."))
    redaction = Redaction(item_id=item.id, start_seconds=start, end_seconds=end, reason=reason.strip()[:2000])
    session.add(redaction)
    details = {"start": start, "end": end}
    access_service.changed(session, item, "interview.redaction", user=user, address=address, details=details)
    hidden_changed(session, item, today)
    return redaction


def remove(
    session: Session,
    item: Item,
    redaction_id: int,
    *,
    today: date,
    user: "User | None" = None,
    address: str | None = None,
) -> bool:
    """Give a redacted passage back (False when the item has no such redaction)."""
    redaction = session.get(Redaction, redaction_id)
    if redaction is None or redaction.item_id != item.id:
        return False
    details = {"start": redaction.start_seconds, "end": redaction.end_seconds}
    session.delete(redaction)
    session.flush()
    access_service.changed(session, item, "interview.unredaction", user=user, address=address, details=details)
    hidden_changed(session, item, today)
    return True


def hidden_changed(session: Session, item: Item, today: date | None = None) -> None:
    """Have every recording of the item made again, silent over what is hidden today (its rows pending meanwhile)."""
    today = today or date.today()
    session.flush()
    sync.enqueue(session, [item.id])  # the transcript's words in the search index follow what is hidden
    recordings = session.scalars(select(Media).where(Media.item_id == item.id, Media.media_type.in_(RECORDING_TYPES)))
    for media in recordings:
        media_service.enqueue_recording_derivatives(session, media, hidden.silence_for(session, item.id, media, today))


def copy_is_current(settings: Settings, media: Media, hidden_ranges: list[access.Range]) -> bool:
    """Whether the browser copy on disk is ready and silent over every hidden range (else it must not be served)."""
    if media.derivatives_status != media_service.READY:
        return False
    try:
        key = f"{media_service.derivative_prefix(media.sha256)}/{DESCRIPTION}"
        made = json.loads(store_of(settings).read_bytes(key))
        silenced = [(float(start), float(end)) for start, end in made.get("silenced", [])]
    except (OSError, ValueError, TypeError):
        return False
    return all(_covered(start, end, silenced) for start, end in hidden.silence(hidden_ranges))


def _covered(start: float, end: float, silenced: list[tuple[float, float]]) -> bool:
    """Whether [start, end) lies inside the union of the silenced ranges (sorted and merged by the job)."""
    for cut_start, cut_end in sorted(silenced):
        if cut_start <= start + 1e-3 and start < cut_end:
            start = cut_end
        if start >= end - 1e-3:
            return True
    return start >= end - 1e-3
