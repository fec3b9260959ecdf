"""One door for every transcript and index file: bytes in, cues and segments out, with every problem.

Reading never raises for what a file holds: a binary file gives a result with a single "not-text"
problem and nothing else, a bad line or cue is reported at its line and the rest kept. Only a caller's
mistake raises (a `kind` no reader has).
"""

from app.interview.formats import ohms, subrip, text, vtt
from app.interview.formats.checks import checked
from app.interview.formats.decode import NotText, decode
from app.interview.formats.detect import detected, named
from app.interview.formats.lines import split
from app.interview.formats.model import IndexSegment, Located, Parsed, Problem
from app.interview.formats.problems import Problems

_LINE_READERS = {"vtt": vtt.read, "srt": subrip.read, "text": text.read}


def parse_bytes(data: bytes, filename: str | None = None, kind: str | None = None) -> Parsed:
    """The cues and index segments of a file ("vtt", "srt", "ohms", "text"; detected when `kind` is None)."""
    asked = named(kind)
    try:
        decoded = decode(data)
    except NotText as error:
        return Parsed(problems=[Problem(0, f"not a text file: {error}", "not-text")], format=asked or "")
    fmt = asked or detected(decoded.text, filename)
    problems = Problems()
    located, segments = _read(fmt, decoded.text, problems)
    cues = checked(located, problems)
    if not cues and not segments:
        problems.add(0, "empty", "no cue and no index segment could be read")
    return Parsed(cues, segments, problems.listed(), decoded.encoding, fmt)


def _read(fmt: str, content: str, problems: Problems) -> tuple[list[Located], list[IndexSegment]]:
    if fmt == "ohms":
        return ohms.read(content, problems)
    return _LINE_READERS[fmt](split(content, problems), problems), []
