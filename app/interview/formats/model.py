"""What every transcript format is read into and written from, whatever file it came in.

Readers and writers meet only here, so a WebVTT file can be written back as SRT or as the museum's
`M.SS<TAB>text` file without either side knowing the other. Times are seconds as floats (WebVTT and
SRT have milliseconds); a cue without a start is an untimed paragraph (a header, or a transcript that
was never time-coded).
"""

from dataclasses import dataclass, field
from typing import Literal

ProblemCode = Literal[
    "not-text",
    "empty",
    "bad-character",
    "line-too-long",
    "bad-timecode",
    "bad-cue",
    "missing-header",
    "overlap",
    "end-before-start",
    "bad-xml",
    "unsafe-xml",
    "not-ohms",
    "bad-sync",
    "bad-gps",
    "too-many-problems",
]

# Every problem code a reader can report, with its meaning in English: the codes are stable, so the app
# can translate them and group them; `Problem.reason` adds the detail (which time code, which cue).
PROBLEM_CODES: dict[ProblemCode, str] = {
    "not-text": "the file is not text (an image, audio or other binary file)",
    "empty": "the file holds no cue and no index segment",
    "bad-character": "a line holds control codes or bytes that are not text in its encoding",
    "line-too-long": "a line is too long and was cut",
    "bad-timecode": "a time code cannot be read",
    "bad-cue": "a block is neither a cue nor a comment",
    "missing-header": "a WebVTT file does not start with WEBVTT",
    "overlap": "a cue starts before the previous one ends, or goes back in time",
    "end-before-start": "a cue ends before it starts; its end was replaced",
    "bad-xml": "the XML is not well formed",
    "unsafe-xml": "the XML declares a DTD or entities, which are refused",
    "not-ohms": "the XML is not an OHMS export",
    "bad-sync": "an OHMS sync marker points outside the transcript",
    "bad-gps": "GPS coordinates cannot be read",
    "too-many-problems": "more problems were found than are listed",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file, kept with where it is so a curator can fix it; line 0 means the whole file."""

    line: int
    reason: str
    code: ProblemCode


@dataclass(frozen=True)
class Cue:
    """A stretch of speech: times in seconds (None = not known), the words, who said them."""

    start: float | None
    end: float | None
    text: str
    speaker: str | None = None
    language: str | None = None
    translation: str | None = None


@dataclass(frozen=True)
class IndexSegment:
    """A chapter of an interview as OHMS indexes it: where it starts, what it is about, where it happened."""

    start: float
    end: float | None
    title: str
    synopsis: str = ""
    keywords: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    partial_transcript: str = ""


# A cue with the line of its time code, as readers hand it to the checks (which report by line).
Located = tuple[int, Cue]


@dataclass
class Parsed:
    """One file read: what could be read, and every problem met on the way (reading never stops at one)."""

    cues: list[Cue] = field(default_factory=list)
    segments: list[IndexSegment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""  # Python's codec name ("utf-8", "utf-8-sig", "utf-16-le", "cp1252"); "" when not text
    format: str = ""  # the reader used: "vtt", "srt", "ohms" or "text"
