"""Who may hear and read what of an interview: the one place every public surface asks.

Pages, the API, search, suggestions, IIIF manifests, WebVTT files, exports and media URLs all decide
through these functions, so an access level or a redaction means the same thing everywhere:

- public: everything, except the hidden ranges below;
- on request: the catalog record (title, date, summary, credits) is public; recording, transcript and
  index only through an approved request's private link;
- sealed until a date: only a notice (the title and the date it opens) until then; on that date it is
  public by itself (`effective_level` compares with today; `museum interviews open-sealed` writes the
  audit entry and reindexes);
- withdrawn: on no public surface at all.

Hidden ranges are the redactions plus the time ranges of index segments that are not public: their cues
are left out and the served audio is silenced over them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.interview.models import ON_REQUEST, PUBLIC, SEALED, WITHDRAWN, Cue, IndexSegment, Interview, Redaction
from app.item.kinds import PUBLISHED
from app.item.models import Item


@dataclass(frozen=True)
class Range:
    start: float
    end: float

    def overlaps(self, start: float | None, end: float | None) -> bool:
        """Whether a stretch [start, end) touches this range; an untimed stretch never does."""
        if start is None:
            return False
        return start < self.end and (end if end is not None else start) >= self.start


def effective_level(level: str, sealed_until: date | None, today: date) -> str:
    """The level in force today: a seal whose date has come is public."""
    if level == SEALED and sealed_until is not None and sealed_until <= today:
        return PUBLIC
    return level


def interview_level(interview: Interview | None, today: date) -> str:
    """An interview's level today; an item without an access row is public, as interviews were before."""
    if interview is None:
        return PUBLIC
    return effective_level(interview.access, interview.sealed_until, today)


def record_is_public(item: Item, interview: Interview | None, today: date) -> bool:
    """Whether the item's page, API record and search entry exist for visitors (a sealed one as a notice)."""
    return item.status == PUBLISHED and interview_level(interview, today) != WITHDRAWN


def details_are_public(item: Item, interview: Interview | None, today: date) -> bool:
    """Whether the catalog fields beyond the title (summary, credits, place, images) are public."""
    return record_is_public(item, interview, today) and interview_level(interview, today) != SEALED


def content_is_public(item: Item, interview: Interview | None, today: date) -> bool:
    """Whether the recording, the transcript and the index are public (before hidden ranges)."""
    return item.status == PUBLISHED and interview_level(interview, today) == PUBLIC


def content_is_granted(item: Item, interview: Interview | None, today: date) -> bool:
    """Whether an approved request's private link opens the content (on-request interviews only)."""
    return item.status == PUBLISHED and interview_level(interview, today) == ON_REQUEST


def segment_is_public(segment: IndexSegment, today: date) -> bool:
    return effective_level(segment.access, segment.sealed_until, today) == PUBLIC


def hidden_ranges(redactions: Iterable[Redaction], segments: Iterable[IndexSegment], today: date) -> list[Range]:
    """The time ranges nobody outside the workspace hears or reads, merged and in order."""
    ranges = [Range(r.start_seconds, r.end_seconds) for r in redactions]
    ranges += [
        Range(s.start_seconds, s.end_seconds if s.end_seconds is not None else float("inf"))
        for s in segments
        if not segment_is_public(s, today)
    ]
    return _merged(ranges)


def visible_cues(cues: Iterable[Cue], hidden: list[Range]) -> list[Cue]:
    """The cues outside every hidden range (a cue touching one is left out whole)."""
    return [cue for cue in cues if not any(r.overlaps(cue.start_seconds, cue.end_seconds) for r in hidden)]


def visible_segments(segments: Iterable[IndexSegment], today: date) -> list[IndexSegment]:
    return [segment for segment in segments if segment_is_public(segment, today)]


def _merged(ranges: list[Range]) -> list[Range]:
    merged: list[Range] = []
    for current in sorted(ranges, key=lambda r: r.start):
        if merged and current.start <= merged[-1].end:
            merged[-1] = Range(merged[-1].start, max(merged[-1].end, current.end))
        else:
            merged.append(current)
    return merged


__all__ = ["ON_REQUEST", "PUBLIC", "SEALED", "WITHDRAWN", "Range"]
