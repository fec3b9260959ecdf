"""What the cue editor flags next to cues: overlaps, times past the recording's end, reversed or missing times."""

from collections import Counter
from dataclasses import dataclass, field

from app.interview.hidden import RECORDING_TYPES
from app.interview.models import Cue
from app.item.models import Item

OVERLAP, PAST_END, REVERSED, UNTIMED = "overlap", "past_end", "end_before_start", "untimed"
KINDS = (OVERLAP, PAST_END, REVERSED, UNTIMED)


@dataclass
class Flags:
    """Each cue's flags by its id, and how many cues have each flag."""

    by_cue: dict[int, list[str]] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)  # the first cue with each flag, for the summary's links


def durations(item: Item) -> tuple[dict[int, float], float | None]:
    """The length of each of the item's recordings by media id, and of the first one (cues with no media)."""
    recordings = [m for m in item.media if m.media_type in RECORDING_TYPES]
    lengths = {m.id: m.duration_seconds for m in recordings if m.duration_seconds}
    return lengths, recordings[0].duration_seconds if recordings else None


def of(item: Item) -> Flags:
    """The flags of every cue of the item's transcript."""
    lengths, default = durations(item)
    flags, previous_end = Flags(), dict[int | None, float]()
    for cue in item.transcript:
        length = lengths.get(cue.media_id, default) if cue.media_id else default
        found = _cue_flags(cue, previous_end.get(cue.media_id), length)
        reached = cue.end_seconds if cue.end_seconds is not None else cue.start_seconds
        if reached is not None:
            previous_end[cue.media_id] = reached
        if found:
            flags.by_cue[cue.id] = found
            flags.counts.update(found)
            for kind in found:
                flags.first.setdefault(kind, cue.id)
    return flags


def _cue_flags(cue: Cue, previous_end: float | None, length: float | None) -> list[str]:
    start, end = cue.start_seconds, cue.end_seconds
    if start is None:
        return [UNTIMED]
    found = []
    if previous_end is not None and start < previous_end:
        found.append(OVERLAP)
    if length is not None and max(start, end if end is not None else start) > length:
        found.append(PAST_END)
    if end is not None and end < start:
        found.append(REVERSED)
    return found
