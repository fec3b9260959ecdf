"""An interview's cues and segments out, as files or JSON: the whole for curators, what the public may have otherwise.

The public view asks app/interview/access.py, as every public surface does: nothing when the record or
its content is not public (withdrawn, sealed, on request, unpublished), and never the cues of a hidden
range (redactions, segments that are not public) nor the segments that are not public.
"""

from dataclasses import dataclass
from datetime import date

from app.interview import access, formats, parts, service
from app.interview.models import Cue, IndexSegment
from app.item.models import Item

# (kind, format) -> the file's media type, suffix, and the writer's format.
FILES = {
    ("transcript", "vtt"): ("text/vtt", "vtt", "vtt"),
    ("transcript", "srt"): ("application/x-subrip", "srt", "srt"),
    ("transcript", "txt"): ("text/plain", "txt", "txt"),
    ("translation", "vtt"): ("text/vtt", "vtt", "vtt"),
    ("translation", "srt"): ("application/x-subrip", "srt", "srt"),
    ("translation", "txt"): ("text/plain", "txt", "txt"),
    ("index", "vtt"): ("text/vtt", "vtt", "chapters"),
}
SUFFIXES = {"transcript": "", "translation": ".translation", "index": ".index"}


def file_route(kind: str, fmt: str) -> str:
    """The name of the API route serving the `kind` as a `fmt` file (`api.transcript_vtt`, `api.index_vtt`)."""
    return f"api.{kind}_{fmt}"


class NotPublic(LookupError):
    """The public may not have this interview's transcript or index (or the item at all)."""


@dataclass(frozen=True)
class Content:
    """The cues and segments one reader may have of an interview."""

    cues: list[Cue]
    segments: list[IndexSegment]


def content(item: Item, *, public: bool, today: date | None = None, recording: int | None = None) -> Content:
    """Everything for curators; for the public, what access.py lets through, or NotPublic. With `recording`,
    only what goes with that part of the interview (NoSuchPart past its last recording)."""
    today = today or service.today()
    recorded = parts.recordings(item.media) if recording is not None else []
    if recording is not None:
        parts.check(recording, recorded)
    if not public:
        found = Content(list(item.transcript), list(item.index_segments))
    elif not access.content_is_public(item, item.interview, today):
        raise NotPublic(item.identifier)
    else:
        hidden = access.hidden_ranges(item.redactions, item.index_segments, today)
        found = Content(
            access.visible_cues(item.transcript, hidden), access.visible_segments(item.index_segments, today)
        )
    if recording is None:
        return found
    return Content(parts.of_part(found.cues, recording, recorded), parts.of_part(found.segments, recording, recorded))


def export_item(
    item: Item,
    fmt: str,
    *,
    kind: str = "transcript",
    public: bool = True,
    today: date | None = None,
    recording: int | None = None,
) -> str:
    """The text of the item's transcript, translation or index as a file in `fmt` (vtt, srt, txt; index: vtt),
    of the whole interview or of one of its recordings."""
    if (kind, fmt) not in FILES:
        raise ValueError(f"no {fmt!r} file for the {kind}")
    shown = content(item, public=public, today=today, recording=recording)
    writer = FILES[kind, fmt][2]
    if kind == "index":
        return formats.export([segment_out(segment) for segment in shown.segments], writer)
    if kind == "translation":
        return formats.export([translated_out(cue) for cue in shown.cues if cue.translation], writer)
    return formats.export([cue_out(cue) for cue in shown.cues], writer)


def filename(item: Item, kind: str, fmt: str) -> str:
    """The download's name: `VIL-2026-0042.vtt`, `VIL-2026-0042.translation.srt`, `VIL-2026-0042.index.vtt`."""
    return f"{item.identifier}{SUFFIXES[kind]}.{FILES[kind, fmt][1]}"


def cue_out(cue: Cue) -> formats.Cue:
    return formats.Cue(cue.start_seconds, cue.end_seconds, cue.text, cue.speaker, cue.language, cue.translation)


def translated_out(cue: Cue) -> formats.Cue:
    return formats.Cue(cue.start_seconds, cue.end_seconds, cue.translation or "", cue.speaker, cue.translation_language)


def segment_out(segment: IndexSegment) -> formats.IndexSegment:
    return formats.IndexSegment(
        segment.start_seconds,
        segment.end_seconds,
        segment.title,
        segment.synopsis,
        tuple(segment.keywords or ()),
        tuple(segment.people or ()),
        tuple(segment.places or ()),
        tuple(segment.subjects or ()),
        segment.latitude,
        segment.longitude,
    )


def cue_json(cue: Cue, recording: int = 1) -> dict:
    """One cue as the API gives it (`recording`: the part of the interview it goes with)."""
    return {
        "recording": recording,
        "start": cue.start_seconds,
        "end": cue.end_seconds,
        "speaker": cue.speaker,
        "text": cue.text,
        "language": cue.language,
        "translation": cue.translation,
        "translation_language": cue.translation_language,
    }


def segment_json(segment: IndexSegment, recording: int = 1) -> dict:
    """One index segment as the API gives it (`recording`: the part of the interview it goes with)."""
    return {
        "recording": recording,
        "start": segment.start_seconds,
        "end": segment.end_seconds,
        "title": segment.title,
        "synopsis": segment.synopsis,
        "keywords": list(segment.keywords or ()),
        "people": list(segment.people or ()),
        "places": list(segment.places or ()),
        "subjects": list(segment.subjects or ()),
        "latitude": segment.latitude,
        "longitude": segment.longitude,
        "language": segment.language,
    }
