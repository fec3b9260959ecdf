"""Cues and index segments written out: WebVTT, SRT, the museum's text file, and the index as WebVTT chapters.

Untimed cues (a header, a transcript never time-coded) have no place on a timeline: WebVTT and SRT leave
them out, the text file keeps them as paragraphs (an untimed cue after a timed one cannot be told apart
there, and is written as the continuation of the cue before it). WebVTT and SRT need an end: a cue's
unknown end is the next cue's start, or `LAST_CUE_SECONDS` after its own start when nothing follows.

Speakers are voice tags in WebVTT (`<v Audrey Watson>`) and a `Name: ` label in SRT and text files,
which the readers take back as the speaker wherever the file uses it for at least two turns. The text
file is the `M.SS<TAB>text` form the museum reads, whole seconds: what it reads back is what was
written.
"""

from collections.abc import Sequence
from datetime import timedelta
from typing import TypeVar

import srt

from app.interview.formats.model import Cue, IndexSegment
from app.interview.formats.timecode import minutes_seconds, vtt_time

FORMATS = ("vtt", "srt", "txt", "chapters")
LAST_CUE_SECONDS = 5.0

_Item = TypeVar("_Item", Cue, IndexSegment)


def export(items: Sequence[Cue] | Sequence[IndexSegment], fmt: str) -> str:
    """The text of a file in `fmt` ("vtt", "srt", "txt": cues; "chapters": index segments)."""
    if fmt == "chapters":
        return chapters(_only(items, IndexSegment))
    writers = {"vtt": webvtt, "srt": subrip, "txt": plain_text}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return writers[fmt](_only(items, Cue))


def webvtt(cues: Sequence[Cue]) -> str:
    """A WebVTT file, speakers as voice tags, text escaped, the language in the header when all cues share it."""
    languages = {cue.language for cue in cues if cue.start is not None}
    blocks = [f"WEBVTT\nLanguage: {languages.pop()}" if len(languages) == 1 and None not in languages else "WEBVTT"]
    for cue, (start, end) in _spans(cues):
        voice = f"<v {_escaped(cue.speaker).replace(chr(10), ' ')}>" if cue.speaker else ""
        payload = "\n".join(_escaped(line) for line in _lines(cue.text))
        blocks.append("\n".join(part for part in (f"{vtt_time(start)} --> {vtt_time(end)}", voice + payload) if part))
    return "\n\n".join(blocks) + "\n"


def chapters(segments: Sequence[IndexSegment]) -> str:
    """A WebVTT chapters track (`<track kind="chapters">`): one cue per segment, its title as the text."""
    blocks = ["WEBVTT"]
    for segment, (start, end) in _spans(segments):
        title = " ".join(_escaped(segment.title).split())
        blocks.append(f"{vtt_time(start)} --> {vtt_time(end)}\n{title}")
    return "\n\n".join(blocks) + "\n"


def subrip(cues: Sequence[Cue]) -> str:
    """An SRT file, in the cues' order (an overlap stays where it was, for the curator to see)."""
    subtitles = [
        srt.Subtitle(index, _delta(start), _delta(end), "\n".join(_lines(_labelled(cue))))
        for index, (cue, (start, end)) in enumerate(_spans(cues), start=1)
    ]
    return str(srt.compose(subtitles, reindex=False))


def plain_text(cues: Sequence[Cue]) -> str:
    """The museum's text file: `M.SS<TAB>text`, continuation lines after a tab, untimed paragraphs first."""
    out: list[str] = []
    timed = False
    for position, cue in enumerate(cues):
        lines = _lines(_labelled(cue))
        if cue.start is not None:
            timed = True
            first, *rest = lines or [""]
            out += [f"{minutes_seconds(cue.start)}\t{first}", *(f"\t{line}" for line in rest)]
        elif timed:
            out += [f"\t{line}" for line in lines]
        else:
            out += [""] * (position > 0) + lines
    return "".join(f"{line}\n" for line in out)


def _spans(items: Sequence[_Item]) -> list[tuple[_Item, tuple[float, float]]]:
    """The timed items with their (start, end), an end always after the start."""
    timed = [(item, item.start) for item in items if item.start is not None]
    spans: list[tuple[_Item, tuple[float, float]]] = []
    for position, (item, start) in enumerate(timed):
        following = timed[position + 1][1] if position + 1 < len(timed) else None
        if item.end is not None and item.end >= start:
            end = item.end
        elif following is not None and following > start:
            end = following
        else:
            end = start + LAST_CUE_SECONDS
        spans.append((item, (start, end)))
    return spans


def _only(items: Sequence[object], kind: type[_Item]) -> list[_Item]:
    if not all(isinstance(item, kind) for item in items):
        raise TypeError(f"this format is written from {kind.__name__} items only")
    return [item for item in items if isinstance(item, kind)]


def _labelled(cue: Cue) -> str:
    return f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text


def _lines(text: str) -> list[str]:
    """The non-blank lines of a text: a blank line would end a WebVTT or SRT cue."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _delta(seconds: float) -> timedelta:
    return timedelta(milliseconds=round(seconds * 1000))
