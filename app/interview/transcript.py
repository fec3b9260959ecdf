"""Transcripts as text files, lines `M.SS<TAB>text`: the interface the item import and export were built on.

A thin layer over `app.interview.formats`, which reads every format with its problems: here the
problems are left out and speaker labels stay in the text (the transcript segments have no speaker of
their own), so what imports wrote before is what they write now.
"""

from dataclasses import dataclass
from pathlib import Path

from app.interview.formats import text as text_format
from app.interview.formats.decode import NotText, decode
from app.interview.formats.lines import split
from app.interview.formats.model import Cue
from app.interview.formats.problems import Problems
from app.interview.formats.timecode import minutes_seconds
from app.interview.formats.write import plain_text


@dataclass(frozen=True)
class Segment:
    start_seconds: int | None
    text: str


def read_text(path: Path) -> str:
    """The file's text (UTF-8, UTF-16 with its BOM, or else Windows-1252); ValueError naming a file that is not text."""
    try:
        return decode(Path(path).read_bytes()).text
    except NotText as error:
        raise ValueError(f'"{Path(path).name}" is not a text file: {error}') from error


def parse(text: str) -> list[Segment]:
    """Time-coded segments of a transcript; lines before the first code form segments without a time."""
    problems = Problems()
    located = text_format.read(split(text, problems), problems, speakers=False)
    return [Segment(None if cue.start is None else int(cue.start), cue.text) for _, cue in located]


def format_code(seconds: int) -> str:
    """`M.SS` for a number of seconds: 62 -> `1.02`."""
    return minutes_seconds(seconds)


def render(segments: list[Segment]) -> str:
    """The text file `parse` reads back into the same segments."""
    return plain_text([Cue(segment.start_seconds, None, segment.text) for segment in segments])
