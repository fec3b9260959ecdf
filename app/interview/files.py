"""An interview's captions and chapters as files, through the access policy: visible cues and segments only."""

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interview import access, formats, parts
from app.interview.models import Cue, IndexSegment, Interview, Redaction
from app.item.models import Item


def content_is_public(session: Session, item: Item, today: date) -> bool:
    """Whether visitors may hear and read the item's recording, transcript and index today."""
    return access.content_is_public(item, session.get(Interview, item.id), today)


def visible(session: Session, item: Item, today: date) -> tuple[list[Cue], list[IndexSegment], list[access.Range]]:
    """The item's cues and index segments outside every hidden range, and those ranges (transcript loaded)."""
    redactions = session.scalars(select(Redaction).where(Redaction.item_id == item.id))
    segments = list(
        session.scalars(select(IndexSegment).where(IndexSegment.item_id == item.id).order_by(IndexSegment.position))
    )
    hidden = access.hidden_ranges(redactions, segments, today)
    return access.visible_cues(item.transcript, hidden), access.visible_segments(segments, today), hidden


class Part(NamedTuple):
    """What visitors may read of one recording of an interview: its number, cues and segments, and the item's
    hidden ranges."""

    number: int
    cues: list[Cue]
    segments: list[IndexSegment]
    hidden: list[access.Range]


def visible_part(session: Session, item: Item, today: date, part: str | None) -> Part:
    """The visible cues and segments of one recording of the item (`part`: 1 first, as `?part=` asks for it)."""
    cues, segments, hidden = visible(session, item, today)
    recorded = parts.recordings(item.media)
    number = parts.chosen(part or 1, recorded)
    return Part(number, parts.of_part(cues, number, recorded), parts.of_part(segments, number, recorded), hidden)


def captions(
    session: Session, item: Item, today: date, translation: str | None = None, *, part: str | None = None
) -> str:
    """WebVTT of the visible cues of a recording, or of their translations into `translation` (cues that have one)."""
    cues = visible_part(session, item, today, part).cues
    if translation:
        written = [
            formats.Cue(c.start_seconds, c.end_seconds, c.translation, c.speaker, c.translation_language)
            for c in cues
            if c.translation and c.translation_language == translation
        ]
    else:
        written = [formats.Cue(c.start_seconds, c.end_seconds, c.text, c.speaker, c.language) for c in cues]
    return formats.export(written, "vtt")


def chapters(session: Session, item: Item, today: date, *, part: str | None = None) -> str:
    """WebVTT chapters of the visible index segments of a recording."""
    segments = visible_part(session, item, today, part).segments
    written = [formats.IndexSegment(s.start_seconds, s.end_seconds, s.title) for s in segments]
    return formats.export(written, "chapters")
