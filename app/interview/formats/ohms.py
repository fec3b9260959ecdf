"""OHMS exports (the Oral History Metadata Synchronizer's XML): the index, and the transcript when there is one.

Read with defusedxml, the standard guard for XML from outside: a DTD is refused outright (OHMS never
writes one, and every entity trick, billion laughs or external files, needs one), reported as a
problem rather than raised. Elements are matched by local name, so the exports with the OHMS namespace
(`https://www.weareavp.com/nunncenter/ohms`) and the older ones without it read alike.

Each index `<point>` becomes an IndexSegment: `<time>` in seconds (or a time code), title, synopsis,
partial transcript, `;`-separated keywords and subjects, the first readable `<gps>` ("lat, lon") as
its position and each `<gps_text>` as a place. A segment ends where the next one starts; the last one
at the record's `<duration>` when that is later. The transcript is OHMS 6's `<vtt_transcript>`
(WebVTT), or `<transcript>` timed by its `<sync>` map, or, without one, read as plain text (for its
`[00:12:34]` markers).
"""

from dataclasses import replace
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from app.interview.formats import lines as text_lines
from app.interview.formats import ohms_sync, text, vtt
from app.interview.formats.model import IndexSegment, Located
from app.interview.formats.problems import Problems
from app.interview.formats.timecode import parse_clock, readable


class _LineNumbers(TreeBuilder):
    """A tree builder that notes the line each element starts on, for problem reports."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.lines: dict[Element, int] = {}

    def start(self, tag: Any, attrs: dict[Any, Any]) -> Element:
        element = super().start(tag, attrs)
        self.lines[element] = self.expat.CurrentLineNumber
        return element


def read(xml: str, problems: Problems) -> tuple[list[Located], list[IndexSegment]]:
    """The cues and index segments of an OHMS export; problems for what cannot be read."""
    parsed = _tree(xml, problems)
    if parsed is None:
        return [], []
    root, lines = parsed
    record = root if _local(root) == "record" else _child(root, "record")
    if record is None:
        problems.add(lines[root], "not-ohms", f"the XML root is <{_local(root)}>, not an OHMS <ROOT> with a <record>")
        return [], []
    index = _child(record, "index")
    points = [] if index is None else [point for point in index if _local(point) == "point"]
    segments = _ended([_segment(point, lines[point], problems) for point in points], record, problems)
    return _cues(record, lines, problems), segments


def _tree(xml: str, problems: Problems) -> tuple[Element, dict[Element, int]] | None:
    builder = _LineNumbers()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.expat = parser.parser
    try:
        parser.feed(xml)
        return parser.close(), builder.lines
    except DefusedXmlException:
        problems.add(parser.parser.CurrentLineNumber, "unsafe-xml", "a DTD or entity declaration is refused")
    except ParseError as error:
        problems.add(error.position[0], "bad-xml", f"the XML is not well formed: {error}")
    return None


def _segment(point: Element, line: int, problems: Problems) -> tuple[int, IndexSegment] | None:
    raw = _text(point, "time")
    start = _seconds(raw)
    if start is None:
        problems.add(line, "bad-timecode", f"the index point's time {raw[:40]!r} cannot be read")
        return None
    latitude, longitude, places = _gps(point, line, problems)
    segment = IndexSegment(
        start=start,
        end=None,
        title=_text(point, "title"),
        synopsis=_text(point, "synopsis"),
        keywords=_listed(_text(point, "keywords")),
        subjects=_listed(_text(point, "subjects")),
        places=places,
        latitude=latitude,
        longitude=longitude,
        partial_transcript=_text(point, "partial_transcript"),
    )
    return line, segment


def _ended(found: list[tuple[int, IndexSegment] | None], record: Element, problems: Problems) -> list[IndexSegment]:
    located = [item for item in found if item is not None]
    duration = _seconds(_text(record, "duration"))
    segments: list[IndexSegment] = []
    for position, (line, segment) in enumerate(located):
        following = located[position + 1][1].start if position + 1 < len(located) else duration
        if segments and segment.start < segments[-1].start:
            problems.add(line, "overlap", f"the point at {readable(segment.start)} comes after a later one")
        end = following if following is not None and following > segment.start else None
        segments.append(replace(segment, end=end))
    return segments


def _gps(point: Element, line: int, problems: Problems) -> tuple[float | None, float | None, tuple[str, ...]]:
    places: list[str] = []
    position: tuple[float, float] | None = None
    for points in (child for child in point if _local(child) == "gpspoints"):
        raw = _text(points, "gps")
        place = _text(points, "gps_text")
        places += [place] if place else []
        coordinates = _coordinates(raw)
        if raw and coordinates is None:
            problems.add(line, "bad-gps", f"{raw[:40]!r} is not 'latitude, longitude'")
        position = position or coordinates
    return (position[0], position[1], tuple(places)) if position else (None, None, tuple(places))


def _coordinates(raw: str) -> tuple[float, float] | None:
    try:
        latitude, longitude = (float(part) for part in raw.split(","))
    except ValueError:
        return None
    return (latitude, longitude) if abs(latitude) <= 90 and abs(longitude) <= 180 else None


def _cues(record: Element, lines: dict[Element, int], problems: Problems) -> list[Located]:
    embedded = _child(record, "vtt_transcript")
    if embedded is not None and (embedded.text or "").strip():
        first = lines[embedded]
        return vtt.read(text_lines.split(embedded.text or "", problems, first), problems, first)
    transcript = _child(record, "transcript")
    if transcript is None or not (transcript.text or "").strip():
        return []
    sync = _child(record, "sync")
    if sync is not None and (sync.text or "").strip():
        return ohms_sync.read(transcript.text or "", sync.text or "", problems, lines[transcript], lines[sync])
    first = lines[transcript]
    return text.read(text_lines.split(transcript.text or "", problems, first), problems, first)


def _seconds(raw: str) -> float | None:
    return float(raw) if raw.replace(".", "", 1).isdecimal() else parse_clock(raw)


def _listed(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(";") if part.strip())


def _local(element: Element) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if _local(child) == name), None)


def _text(element: Element, name: str) -> str:
    child = _child(element, name)
    return "" if child is None else "".join(child.itertext()).strip()
