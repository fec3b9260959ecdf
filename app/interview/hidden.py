"""What of one recording nobody outside the workspace hears: the hidden ranges of the item that uses it.

Redactions and index segments name their recording (`media_id`), or none for the item's first one; the
served copy of each recording is silenced over the ranges that apply to it (app/interview/access.py).
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interview import access
from app.interview.models import IndexSegment, Redaction
from app.media.models import Media

RECORDING_TYPES = ("audio", "video")
# A hidden segment without an end runs to the end of the recording; the encoder wants a finite end.
NO_END = 10_000_000.0


def first_recording(media: list[Media]) -> Media | None:
    """The item's first sound or video, the one cues and ranges without a `media_id` refer to."""
    return next((m for m in sorted(media, key=lambda m: m.position) if m.media_type in RECORDING_TYPES), None)


def applies(media_id: int | None, media: Media, first: Media | None) -> bool:
    """Whether a cue, range or segment naming `media_id` belongs to the recording `media`."""
    if media_id is None:
        return first is None or first is media
    return media_id == media.id


def ranges(session: Session, item_id: int, today: date, media: Media | None = None) -> list[access.Range]:
    """The item's ranges hidden today: of every recording, or only those that apply to `media`."""
    redactions = list(session.scalars(select(Redaction).where(Redaction.item_id == item_id)))
    segments = list(session.scalars(select(IndexSegment).where(IndexSegment.item_id == item_id)))
    if media is not None:
        siblings = list(session.scalars(select(Media).where(Media.item_id == item_id)))
        first = first_recording([*{id(m): m for m in (*siblings, media)}.values()])
        redactions = [r for r in redactions if applies(r.media_id, media, first)]
        segments = [s for s in segments if applies(s.media_id, media, first)]
    return access.hidden_ranges(redactions, segments, today)


def silence(hidden: list[access.Range]) -> list[tuple[float, float]]:
    """The (start, end) ranges the encoder silences for these hidden ranges (an open end made finite)."""
    return [(r.start, min(r.end, NO_END)) for r in hidden]


def silence_for(session: Session, item_id: int | None, media: Media, today: date) -> list[tuple[float, float]]:
    """The (start, end) ranges to silence in the served copy of `media`, a recording of item `item_id`, today."""
    return silence(ranges(session, item_id, today, media)) if item_id is not None else []
