"""Which reader a file needs: the caller's word first, then what the content shows, then the file's name.

The content decides before the name because names lie (a WebVTT file saved as `.txt` by a browser, an
SRT renamed `.vtt`), while a `WEBVTT` first line, an XML tag or an SRT timing line with its comma do not.
"""

import re
from pathlib import PurePath

KINDS = ("vtt", "srt", "ohms", "text")
_ALIASES = {"webvtt": "vtt", "subrip": "srt", "xml": "ohms", "txt": "text"}
_EXTENSIONS = {".vtt": "vtt", ".srt": "srt", ".xml": "ohms"}
_SRT_TIMING = re.compile(r"^\s*\d+:\d\d:\d\d,\d{1,3}\s*-->", re.MULTILINE)
_VTT_TIMING = re.compile(r"^\s*(?:\d+:)?\d\d:\d\d\.\d{1,3}\s*-->", re.MULTILINE)
_HEAD = 4096  # the signatures are at the start; a 5 MB line is not searched whole


def named(kind: str | None) -> str | None:
    """The reader a caller asked for, by any of its names; ValueError for a name no reader has."""
    if kind is None:
        return None
    found = _ALIASES.get(kind.lower(), kind.lower())
    if found not in KINDS:
        raise ValueError(f"unknown transcript format {kind!r}: one of {', '.join(KINDS)}")
    return found


def detected(text: str, filename: str | None = None) -> str:
    """The reader the content calls for, else the one the file's extension names, else plain text."""
    head = text[:_HEAD].lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith("<"):
        return "ohms"
    if _SRT_TIMING.search(head):
        return "srt"
    if _VTT_TIMING.search(head):
        return "vtt"
    return _EXTENSIONS.get(PurePath(filename).suffix.lower() if filename else "", "text")
