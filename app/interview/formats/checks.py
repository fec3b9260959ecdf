"""The timeline checks every reader applies to its cues, so each format reports the same faults the same way.

A cue that ends before it starts loses its end (reported); a missing end becomes the next cue's start,
as in the museum's text files where only starts are written; a cue that starts before the previous one
ends, or goes back in time (a tape's side B starting again at 0.00), is reported and kept, since the
words are right even when the clock is not.
"""

from dataclasses import replace

from app.interview.formats.model import Cue, Located
from app.interview.formats.problems import Problems
from app.interview.formats.timecode import readable


def checked(located: list[Located], problems: Problems) -> list[Cue]:
    """The cues with impossible ends dropped, missing ends filled and overlaps reported."""
    cues = [_without_impossible_end(line, cue, problems) for line, cue in located]
    cues = _ends_filled(cues)
    _report_overlaps([line for line, _ in located], cues, problems)
    return cues


def _without_impossible_end(line: int, cue: Cue, problems: Problems) -> Cue:
    if cue.start is None or cue.end is None or cue.end >= cue.start:
        return cue
    problems.add(line, "end-before-start", f"ends at {readable(cue.end)}, before its start {readable(cue.start)}")
    return replace(cue, end=None)


def _ends_filled(cues: list[Cue]) -> list[Cue]:
    filled: list[Cue] = []
    following: float | None = None
    for cue in reversed(cues):
        if cue.start is not None and cue.end is None and following is not None and following >= cue.start:
            cue = replace(cue, end=following)
        filled.append(cue)
        following = cue.start if cue.start is not None else following
    return filled[::-1]


def _report_overlaps(lines: list[int], cues: list[Cue], problems: Problems) -> None:
    latest_start: float | None = None
    latest_end: float | None = None
    for line, cue in zip(lines, cues, strict=True):
        if cue.start is None:
            continue
        if latest_start is not None and cue.start < latest_start:
            problems.add(line, "overlap", f"starts at {readable(cue.start)}, back from {readable(latest_start)}")
        elif latest_end is not None and cue.start < latest_end:
            problems.add(line, "overlap", f"starts at {readable(cue.start)}, before the previous cue ends")
        latest_start, latest_end = cue.start, cue.end
