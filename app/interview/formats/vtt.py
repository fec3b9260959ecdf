"""WebVTT files, read with webvtt-py one cue block at a time so that a bad cue costs only itself.

Voice tags (`<v Audrey Watson>`) give the speaker; other tags are dropped and character references
(`&amp;`) resolved; cue settings, NOTE, STYLE and REGION blocks are ignored. A `Language:` line in the
header (as YouTube writes it) gives every cue its language. A file without the WEBVTT line is reported
and read all the same: the cues are what a curator needs.
"""

import html

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from app.interview.formats.blocks import Block, blocks
from app.interview.formats.model import Cue, Located
from app.interview.formats.problems import Problems
from app.interview.formats.speakers import labelled

_NOT_CUES = {"NOTE", "STYLE", "REGION"}


def read(lines: list[str], problems: Problems, first: int = 1) -> list[Located]:
    """The cues of a WebVTT text, located at their timing lines."""
    found = list(blocks(lines, first))
    language = None
    if found and found[0].lines[0].lstrip().startswith("WEBVTT"):
        language = _language(found.pop(0))
    else:
        problems.add(first, "missing-header", "the file does not start with WEBVTT; read as WebVTT all the same")
    located = [(block.timing_line(), _cue(block, language, problems)) for block in found if not _comment(block)]
    return labelled([(line, cue) for line, cue in located if cue is not None])


def _comment(block: Block) -> bool:
    return block.lines[0].split(maxsplit=1)[0] in _NOT_CUES and not any("-->" in line for line in block.lines)


def _language(header: Block) -> str | None:
    for line in header.lines[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == "language" and value.strip():
            return value.strip()
    return None


def _cue(block: Block, language: str | None, problems: Problems) -> Cue | None:
    if not any("-->" in line for line in block.lines):
        problems.add(block.first, "bad-cue", f"no timing line (start --> end) in the block {block.lines[0][:60]!r}")
        return None
    try:
        caption = webvtt.from_string(f"WEBVTT\n\n{block.text()}", strict=True).captions[0]
    except (MalformedCaptionError, MalformedFileError, ValueError, IndexError):
        timing = block.lines[block.timing_line() - block.first]
        problems.add(block.timing_line(), "bad-timecode", f"the cue timing {timing[:60]!r} cannot be read")
        return None
    text = "\n".join(line.strip() for line in html.unescape(caption.text).split("\n") if line.strip())
    start, end = caption.start_time.in_milliseconds() / 1000, caption.end_time.in_milliseconds() / 1000
    return Cue(start, end, text, html.unescape(caption.voice) if caption.voice else None, language)
