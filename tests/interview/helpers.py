"""Interview items and transcript files for the import and export tests."""

from datetime import date
from pathlib import Path

from app.interview import service
from app.interview.models import Cue, IndexSegment, Interview, Redaction
from tests.factories import make_item

TRANSCRIPTS = Path(__file__).parents[1] / "fixtures" / "transcripts"
WATSON = TRANSCRIPTS / "WATSON_19AUG91.txt"
# A small image: Pillow's smallest valid PNG is not needed, the signature and a NUL-laden header are enough.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" * 8
VOICES_VTT = (
    "WEBVTT\nLanguage: fr\n\n"
    "00:00:01.000 --> 00:00:04.000\n<v Marie Dupont>Bonjour, je suis arrivée en 1952.\n\n"
    "00:00:04.000 --> 00:00:07.500\n<v Claire Rossi>Et vous habitiez où ?\n\n"
    "00:00:07.500 --> 00:00:12.000\n<v Marie Dupont>À la cité de Butte, au-dessus de la mine.\n"
)


def vtt(*cues: tuple[str, str, str]) -> bytes:
    """A WebVTT file of (start, end, text) cues, times as written."""
    return ("WEBVTT\n\n" + "\n\n".join(f"{start} --> {end}\n{text}" for start, end, text in cues) + "\n").encode()


def fixture(name: str) -> bytes:
    return (TRANSCRIPTS / name).read_bytes()


def make_interview(session, **fields):
    """A published interview item, loaded as the import and export load it."""
    return service.load(session, make_item(session, kind="interview", **fields).identifier)


def with_rows(session, item, *, cues=(), segments=(), redactions=(), access=None, sealed_until: date | None = None):
    """Give the interview cues (start, end, text), segments (start, end, title[, access]), redactions, an access row."""
    for position, (start, end, text) in enumerate(cues):
        session.add(
            Cue(item_id=item.id, position=position, start_seconds=start, end_seconds=end, language="fr", text=text)
        )
    for position, (start, end, title, *level) in enumerate(segments):
        session.add(
            IndexSegment(
                item_id=item.id,
                position=position,
                start_seconds=start,
                end_seconds=end,
                language="fr",
                title=title,
                access=level[0] if level else "public",
            )
        )
    for start, end in redactions:
        session.add(Redaction(item_id=item.id, start_seconds=start, end_seconds=end, reason="tests"))
    if access is not None:
        session.add(Interview(item_id=item.id, access=access, sealed_until=sealed_until))
    session.flush()
    return reloaded(session, item)


def reloaded(session, item):
    """The item read again with its cues, segments, access row and redactions as the database has them."""
    identifier = item.identifier
    session.expire(item)
    return service.load(session, identifier)
