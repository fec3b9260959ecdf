"""An interview's captions and chapters as files, through the access policy: visible cues and segments only."""

from datetime import date

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


def of_part(session: Session, item: Item, today: date, part: str | None) -> tuple[list[Cue], list[IndexSegment]]:
    """The visible cues and segments of one recording of the item (`part`: 1 first, as on its page)."""
    cues, segments, _hidden = visible(session, item, today)
    recorded = parts.recordings(item.media)
    number = parts.chosen(part or 1, recorded)
    return parts.of_part(cues, number, recorded), parts.of_part(segments, number, recorded)


def captions(
    session: Session, item: Item, today: date, translation: str | None = None, *, part: str | None = None
) -> str:
    """WebVTT of the visible cues of a recording, or of their translations into `translation` (cues that have one)."""
    cues, _segments = of_part(session, item, today, part)
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
    _cues, segments = of_part(session, item, today, part)
    written = [formats.IndexSegment(s.start_seconds, s.end_seconds, s.title) for s in segments]
    return formats.export(written, "chapters")
