"""SRT (SubRip) files, read with the `srt` package one block at a time so that a bad cue costs only itself.

SRT has no voices: a speaker comes from a label opening the text (`AW: ...`) when the file uses it
consistently. Formatting tags (`<i>`, `<font color=...>`) and the `{\\an8}` position codes some
subtitle editors add are dropped: the museum keeps the words.
"""

import re

import srt

from app.interview.formats.blocks import Block, blocks
from app.interview.formats.model import Cue, Located
from app.interview.formats.problems import Problems
from app.interview.formats.speakers import labelled

_FORMATTING = re.compile(r"</?(?:i|b|u|font)(?:\s[^<>]{0,200})?>|\{\\[^{}]{0,40}\}", re.IGNORECASE)


def read(lines: list[str], problems: Problems, first: int = 1) -> list[Located]:
    """The cues of an SRT text, located at their timing lines."""
    located = [(block.timing_line(), _cue(block, problems)) for block in blocks(lines, first)]
    return labelled([(line, cue) for line, cue in located if cue is not None])


def _cue(block: Block, problems: Problems) -> Cue | None:
    if not any("-->" in line for line in block.lines):
        problems.add(block.first, "bad-cue", f"no timing line (start --> end) in the block {block.lines[0][:60]!r}")
        return None
    try:
        subtitle = next(srt.parse(block.text() + "\n"))
    except (srt.SRTParseError, ValueError, StopIteration):
        timing = block.lines[block.timing_line() - block.first]
        problems.add(block.timing_line(), "bad-timecode", f"the cue timing {timing[:60]!r} cannot be read")
        return None
    text = "\n".join(line.strip() for line in _FORMATTING.sub("", subtitle.content).split("\n") if line.strip())
    return Cue(subtitle.start.total_seconds(), subtitle.end.total_seconds(), text)
