"""Transcripts typed as plain text: a time code opens each turn, the untimed lines after it continue it.

A time code opens a line (`M.SS`, `MM:SS`, `H:MM:SS`, bare or in square brackets) and is followed by a
tab, two spaces, the end of the line, or one space and a word not in lower case, so that "1.50 dollars"
at the start of a line stays text. A bracketed code inside a line (`[00:12:34]`, as OHMS and many
transcription services write them) opens a turn there.

Lines before the first time code (who, where, when) are kept, as untimed cues one per paragraph, rather
than reported: they are part of the document. A text with no time code at all is read the same way, a
cue per paragraph (blank-line separated) or per speaker turn. A line that opens with what is meant as a
time code but cannot be one (`1346<TAB>`, `1.75<TAB>`, `[12:75]`) is reported and kept as written in the
turn before it: nothing is lost, no time is invented.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.interview.formats import speakers as speaker_labels
from app.interview.formats.model import Cue, Located
from app.interview.formats.problems import Problems
from app.interview.formats.timecode import parse_clock

_LEADING = re.compile(r"\s*(?:\[(?P<bracketed>[\d:.,]{1,16})\]|(?P<bare>\d[\d:.,]{0,15}))(?P<gap>[ \t]*)")
_INLINE = re.compile(r"\[(\d{1,3}:\d\d(?::\d\d)?(?:[.,]\d{1,3})?)\]")

# (line number, seconds when the piece opens with a time code, its text, a code that could not be read)
_Piece = tuple[int, float | None, str, str | None]


def read(lines: list[str], problems: Problems, first: int = 1, speakers: bool = True) -> list[Located]:
    """The turns of a plain-text transcript, each located at the line of its time code (or first line)."""
    openings = _openings(_pieces(lines, first))
    turns = _Turns(speaker_labels.consistent(openings) if speakers else set())
    for number, seconds, text, bad in _pieces(lines, first):
        if bad is not None:
            problems.add(number, "bad-timecode", f"{bad!r} is not a time code; the line is kept as text")
        turns.add(number, seconds, text.strip())
    return turns.located()


def _openings(pieces: Iterator[_Piece]) -> list[str]:
    """The texts that may open with a speaker: after each time code, or every line of an untimed text."""
    timed: list[str] = []
    untimed: list[str] = []
    for _, seconds, text, _ in pieces:
        (timed if seconds is not None else untimed).append(text.strip())
    return timed or untimed


def _pieces(lines: list[str], first: int) -> Iterator[_Piece]:
    for index, line in enumerate(lines):
        if not line or line.isspace():  # half of most transcripts: kept cheap for files of millions of lines
            yield first + index, None, "", None
            continue
        seconds, rest, bad = _leading(line)
        parts = _INLINE.split(rest) if bad is None else [rest]
        yield first + index, seconds, parts[0], bad
        for code, text in zip(parts[1::2], parts[2::2], strict=True):
            inline = parse_clock(code)
            if inline is None:
                yield first + index, None, f"[{code}]{text}", code
            else:
                yield first + index, inline, text, None


def _leading(line: str) -> tuple[float | None, str, str | None]:
    """(seconds, rest, None) for a line opening with a time code; else (None, line, the code that is not one)."""
    found = _LEADING.match(line)
    if not found:
        return None, line, None
    code, gap, rest = found.group("bracketed") or found.group("bare"), found.group("gap"), line[found.end() :]
    seconds = parse_clock(code)
    if found.group("bracketed") is not None:
        return (seconds, rest, None) if seconds is not None else (None, line, code)
    if seconds is not None and ("\t" in gap or len(gap) > 1 or not rest or (gap == " " and not rest[0].islower())):
        return seconds, rest, None
    return None, line, code if "\t" in gap else None


@dataclass
class _Turn:
    line: int
    start: float | None
    speaker: str | None
    lines: list[str] = field(default_factory=list)


class _Turns:
    """Builds turns line by line: paragraphs until the first time code, then one turn per time code."""

    def __init__(self, labels: set[str]) -> None:
        self.labels = labels
        self.turns: list[_Turn] = []
        self.timed = False
        self.in_paragraph = False

    def add(self, number: int, seconds: float | None, text: str) -> None:
        if seconds is not None:
            self.timed = True
            self._open(number, seconds, text)
        elif self.timed:
            self._continue(text)
        elif not text:
            self.in_paragraph = False
        elif self.in_paragraph and speaker_labels.split(text, self.labels)[0] is None:
            self._continue(text)
        else:
            self._open(number, None, text)
            self.in_paragraph = True

    def located(self) -> list[Located]:
        return [(turn.line, Cue(turn.start, None, "\n".join(turn.lines), turn.speaker)) for turn in self.turns]

    def _open(self, number: int, seconds: float | None, text: str) -> None:
        speaker, words = speaker_labels.split(text, self.labels)
        self.turns.append(_Turn(number, seconds, speaker))
        self._continue(words.strip())

    def _continue(self, text: str) -> None:
        if text:
            self.turns[-1].lines.append(text)
