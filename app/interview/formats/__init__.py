"""Transcript and index files in and out, without a database: WebVTT, SRT, OHMS XML and plain text.

`parse_bytes` reads any of them into neutral `Cue`s and `IndexSegment`s with a list of `Problem`s
(each with its line and a stable code); `export` writes cues as WebVTT, SRT or the museum's text file,
and index segments as WebVTT chapters.
"""

from app.interview.formats.model import PROBLEM_CODES, Cue, IndexSegment, Parsed, Problem
from app.interview.formats.read import parse_bytes
from app.interview.formats.write import FORMATS, export

__all__ = ["FORMATS", "PROBLEM_CODES", "Cue", "IndexSegment", "Parsed", "Problem", "export", "parse_bytes"]
