"""Splitting a cue in two and merging a cue with the next one. Never commits."""

from app.i18n import gettext as _
from app.interview.checks import EditError, NeedsConfirmation, check_text
from app.interview.editing import cue
from app.interview.models import Cue
from app.item.models import Item


def split(item: Item, cue_id: int, offset: int, at: float | None = None, text: str | None = None) -> Cue:
    """Cut a cue's text at `offset`; the second part starts at `at` (by default in proportion to the offset)."""
    first = cue(item, cue_id)
    whole = check_text(first.text if text is None else text)
    head, tail = whole[:offset].rstrip(), whole[offset:].lstrip()
    if offset <= 0 or not head or not tail:
        raise EditError(_("Choose a position inside the text, between two words."), "offset")
    at = _split_time(first, offset / len(whole), at)
    second = Cue(
        item_id=item.id,
        media_id=first.media_id,
        position=first.position + 1,
        start_seconds=at,
        end_seconds=first.end_seconds,
        speaker=first.speaker,
        language=first.language,
        text=tail,
        translation_language=first.translation_language,
    )
    first.text, first.end_seconds = head, at if at is not None else first.end_seconds
    item.transcript.insert(item.transcript.index(first) + 1, second)
    return second


def _split_time(first: Cue, share: float, at: float | None) -> float | None:
    start, end = first.start_seconds, first.end_seconds
    if at is None:
        return None if start is None or end is None else round(start + (end - start) * share, 3)
    if (start is not None and at < start) or (end is not None and at > end):
        raise EditError(_("The second part must start between the cue's start and its end."), "at")
    return at


def merge(item: Item, cue_id: int, confirmed: bool = False) -> Cue:
    """Join a cue and the next one (texts joined, the end is the next one's end)."""
    first = cue(item, cue_id)
    index = item.transcript.index(first)
    if index + 1 >= len(item.transcript):
        raise EditError(_("This is the last cue: there is no next one to merge it with."))
    second = item.transcript[index + 1]
    if (first.speaker or "") != (second.speaker or "") and not confirmed:
        raise NeedsConfirmation(
            _("These cues have different speakers ({first} and {second}): confirm to merge them anyway.").format(
                first=first.speaker or "—", second=second.speaker or "—"
            )
        )
    first.text = f"{first.text} {second.text}"
    if first.translation or second.translation:
        first.translation = " ".join(t for t in (first.translation, second.translation) if t)
    first.end_seconds = _merged_end(first, second)
    item.transcript.remove(second)
    return first


def _merged_end(first: Cue, second: Cue) -> float | None:
    for value in (second.end_seconds, second.start_seconds, first.end_seconds):
        if value is not None:
            return value
    return None
