"""Transcripts as text files: lines `M.SS<TAB>text`, time codes in minutes.seconds.

A line without a time code continues the segment before it; blank lines only separate. Files are
UTF-8 or, as many older transcripts are, Windows-1252.
"""

import re
from dataclasses import dataclass
from pathlib import Path

_CODE = re.compile(r"\s*(\d{1,3})[.:]([0-5]\d)\s*(?:\t(.*)|$)")


@dataclass(frozen=True)
class Segment:
    start_seconds: int | None
    text: str


def read_text(path: Path) -> str:
    """The file's text, as UTF-8 (BOM allowed) or else Windows-1252; ValueError if neither fits."""
    data = Path(path).read_bytes()
    if b"\x00" in data:
        raise ValueError(f'"{Path(path).name}" is not a text file')
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f'"{Path(path).name}" is neither UTF-8 nor Windows-1252 text')


def parse(text: str) -> list[Segment]:
    """Time-coded segments of a transcript; lines before the first code form a segment without a time."""
    segments: list[tuple[int | None, list[str]]] = []
    for line in text.splitlines():
        code = _CODE.match(line)
        if code:
            minutes, seconds, rest = code.groups()
            segments.append((int(minutes) * 60 + int(seconds), [(rest or "").strip()]))
        elif line.strip():
            if not segments:
                segments.append((None, []))
            segments[-1][1].append(line.strip())
    return [Segment(start, "\n".join(part for part in lines if part)) for start, lines in segments]


def format_code(seconds: int) -> str:
    """`M.SS` for a number of seconds: 62 -> `1.02`."""
    return f"{seconds // 60}.{seconds % 60:02d}"


def render(segments: list[Segment]) -> str:
    """The text file `parse` reads back into the same segments."""
    lines: list[str] = []
    for segment in segments:
        first, *rest = segment.text.split("\n")
        lines.append(f"{format_code(segment.start_seconds)}\t{first}" if segment.start_seconds is not None else first)
        lines.extend(f"\t{line}" for line in rest)
    return "".join(f"{line}\n" for line in lines)
