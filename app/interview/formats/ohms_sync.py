"""OHMS transcripts timed by a `<sync>` map rather than by time codes in the text.

The map reads `1:|13(3)|19(14)|...`: a marker every 1 minute; minute 1 starts at word 3 of line 13 of
the transcript, minute 2 at word 14 of line 19. OHMS knows no finer time than that, so the cues are
the stretches between markers (the text before the first one starts at 0:00), each with its line
breaks. Its speaker is the label (`CARUSO:`, used consistently) that opens it, or else the one speaking
when the stretch before it ended; the turns inside a stretch keep their labels in the text, since they
have no time of their own. Nothing finer is invented.
A marker that points past its line, or back before the previous one, is reported and skipped.
"""

import re

from app.interview.formats import lines as text_lines
from app.interview.formats import speakers
from app.interview.formats.model import Cue, Located
from app.interview.formats.problems import Problems

_MARKER = re.compile(r"(\d+)\((\d+)\)")
_WORD = re.compile(r"\S+")


def read(transcript: str, sync: str, problems: Problems, first: int, sync_line: int) -> list[Located]:
    """The cues of a transcript cut at its sync markers; `first` is the file line of the transcript's first line."""
    lines = text_lines.split(transcript, problems, first)
    labels = speakers.consistent(line.strip() for line in lines)
    cuts = [(0, 0, 0.0), *_cuts(lines, sync, problems, sync_line)]
    joined = "\n".join(lines)
    located: list[Located] = []
    speaker: str | None = None
    for (offset, line, seconds), (end, _, _) in zip(cuts, [*cuts[1:], (len(joined), 0, 0.0)], strict=True):
        parts = [part.strip() for part in joined[offset:end].split("\n") if part.strip()]
        if parts:
            opening, words = speakers.split(parts[0], labels)
            text = "\n".join(part for part in (words.strip(), *parts[1:]) if part)
            located.append((first + line, Cue(seconds, None, text, opening or speaker)))
            speaker = _last_speaker(parts, labels) or opening or speaker
    return located


def _last_speaker(parts: list[str], labels: set[str]) -> str | None:
    """Who speaks at the end of a stretch: the last label that opens one of its lines."""
    return next((found for part in reversed(parts) if (found := speakers.split(part, labels)[0])), None)


def _cuts(lines: list[str], sync: str, problems: Problems, sync_line: int) -> list[tuple[int, int, float]]:
    """(offset in the joined transcript, line index, seconds) of each marker that can be placed."""
    interval, _, stamps = sync.partition(":")
    if not interval.strip().isdecimal():
        problems.add(sync_line, "bad-sync", f"the sync map {sync[:40]!r} does not start with a number of minutes")
        return []
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    cuts: list[tuple[int, int, float]] = []
    for position, stamp in enumerate(stamps.split("|")):
        placed = _placed(stamp.strip(), lines, starts)
        if placed is None or (cuts and placed[0] <= cuts[-1][0]):
            if stamp.strip():
                problems.add(sync_line, "bad-sync", f"the marker {stamp.strip()[:20]!r} cannot be placed")
            continue
        cuts.append((*placed, position * int(interval) * 60.0))
    return cuts


def _placed(stamp: str, lines: list[str], starts: list[int]) -> tuple[int, int] | None:
    """(offset, line index) of the word a marker `line(word)` points at, both counted from 1 in OHMS."""
    found = _MARKER.fullmatch(stamp)
    if not found:
        return None
    line, word = int(found.group(1)) - 1, int(found.group(2)) - 1
    if not 0 <= line < len(lines):
        return None
    words = list(_WORD.finditer(lines[line]))
    return (starts[line] + words[word].start(), line) if 0 <= word < len(words) else None
