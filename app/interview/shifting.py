"""Shifting every time of a transcript (and its index) by an offset, never below 0:00. Never commits."""

from collections.abc import Sequence
from dataclasses import dataclass

from app.interview.models import Cue, IndexSegment
from app.item.models import Item

LIMIT = 24 * 3600.0  # no recording is a day long: a larger offset is a typing mistake


@dataclass(frozen=True)
class Shifted:
    """How many cues and segments moved, and how many were held at 0:00 instead of going below it."""

    cues: int
    segments: int
    clamped_cues: int
    clamped_segments: int


def shift(item: Item, offset: float, segments: bool = True) -> Shifted:
    """Add `offset` seconds (negative allowed) to every cue's times, and to the segments' unless told not to."""
    cues, clamped_cues = _shift_rows(item.transcript, offset)
    moved, clamped_segments = _shift_rows(item.index_segments, offset) if segments else (0, 0)
    return Shifted(cues, moved, clamped_cues, clamped_segments)


def _shift_rows(rows: Sequence[Cue] | Sequence[IndexSegment], offset: float) -> tuple[int, int]:
    moved = clamped = 0
    for row in rows:
        if row.start_seconds is None:
            continue
        start, hit_start = _moved(row.start_seconds, offset)
        end, hit_end = _moved(row.end_seconds, offset) if row.end_seconds is not None else (None, False)
        row.start_seconds, row.end_seconds = start, end
        moved += 1
        clamped += hit_start or hit_end
    return moved, clamped


def _moved(seconds: float, offset: float) -> tuple[float, bool]:
    value = round(seconds + offset, 3)
    return (0.0, True) if value < 0 else (value, False)
