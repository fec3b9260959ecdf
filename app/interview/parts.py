"""An interview recorded in several parts (two cassettes, a second visit): which cues and segments go with which.

Each sound or video of the item is a part, numbered in the order of the item's media (1 first). A cue, an
index segment or a redaction names its recording (`media_id`), or none for the first one
(app/interview/hidden.py). Visitors and curators choose a part by its number: `?part=2` on the interview's
page and its caption files, `--recording 2` for `museum transcript import` and `export`, `recording` in the
API and the workspace.
"""

from collections.abc import Sequence
from typing import Protocol

from app.i18n import gettext
from app.interview.hidden import RECORDING_TYPES
from app.media.models import Media


class NoSuchPart(ValueError):
    """A part number past the interview's recordings."""

    def __init__(self, part: int, parts: int):
        super().__init__(f"no recording {part}: the interview has {parts}")
        self.part, self.parts = part, parts


def no_such_recording(error: NoSuchPart) -> str:
    """What a curator or a program is told of a part number past the last recording, in their language."""
    return gettext("There is no recording {part}: choose a number from 1 to {count}.").format(
        part=error.part, count=error.parts
    )


def check(part: int, parts: Sequence[Media]) -> int:
    """`part`, or NoSuchPart when the interview has fewer recordings."""
    if not 1 <= part <= count(parts):
        raise NoSuchPart(part, count(parts))
    return part


class OfRecording(Protocol):
    media_id: int | None


def recordings(media: Sequence[Media]) -> list[Media]:
    """The item's recordings, part 1 first."""
    return [m for m in sorted(media, key=lambda m: (m.position, m.id)) if m.media_type in RECORDING_TYPES]


def number(media_id: int | None, parts: Sequence[Media]) -> int:
    """The part a cue, segment or range naming `media_id` belongs to (none, or a recording gone: the first)."""
    return next((n for n, media in enumerate(parts, start=1) if media.id == media_id), 1)


def media_id(part: int, parts: Sequence[Media]) -> int | None:
    """What a new cue or segment of `part` names: nothing for the first part (as before there were parts)."""
    return parts[part - 1].id if part > 1 else None


def of_part(rows: Sequence[OfRecording], part: int, parts: Sequence[Media]) -> list:
    """The rows of `part`, in their order."""
    return [row for row in rows if number(row.media_id, parts) == part]


def chosen(value: object, parts: Sequence[Media]) -> int:
    """The part a visitor's `?part=` asks for: 1 when absent, not a number or past the last part."""
    try:
        part = int(str(value))
    except ValueError:
        return 1
    return part if 1 <= part <= max(1, len(parts)) else 1


def count(parts: Sequence[Media]) -> int:
    """How many parts a transcript can have: one even before any recording is uploaded."""
    return max(1, len(parts))
