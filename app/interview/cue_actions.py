"""The buttons of a cue's form in the editor: each reads what it needs from the form and makes its edit.

Each action returns the notice to show and the cue to show it next to; bad input raises EditError
(or NeedsConfirmation), before anything is changed.
"""

from collections.abc import Callable

from app.i18n import gettext as _
from app.interview import cutting, editing
from app.interview.checks import EditError, check_text, parse_time, read_cue
from app.interview.models import Cue
from app.item.models import Item

SPLIT_MARK = "|"


class FormErrors(EditError):
    """Several fields of the form are wrong: their messages by field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def save(item: Item, cue_id: int, form: dict[str, str]) -> tuple[str, int | None]:
    values, errors = read_cue(form)
    if errors:
        raise FormErrors(errors)
    return "saved", editing.update(item, cue_id, values).id


def split(item: Item, cue_id: int, form: dict[str, str]) -> tuple[str, int | None]:
    text = form.get("text")
    if text is not None and SPLIT_MARK in text:
        offset, text = text.index(SPLIT_MARK), text.replace(SPLIT_MARK, "", 1)
    else:
        offset, text = _offset(form.get("offset")), None
    at = parse_time(form.get("at"), "at")
    return "split", cutting.split(item, cue_id, offset, at, text).id


def _offset(text: str | None) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        raise EditError(
            _("Give the position of the split as a number of characters, or type | in the text where it goes."),
            "offset",
        ) from None


def merge(item: Item, cue_id: int, form: dict[str, str]) -> tuple[str, int | None]:
    return "merged", cutting.merge(item, cue_id, confirmed=form.get("confirm") == "yes").id


def delete(item: Item, cue_id: int, form: dict[str, str]) -> tuple[str, int | None]:
    index = item.transcript.index(editing.cue(item, cue_id))
    editing.delete(item, cue_id)
    neighbour: Cue | None = item.transcript[max(0, index - 1)] if item.transcript else None
    return "deleted", neighbour.id if neighbour else None


def insert(item: Item, cue_id: int | None, form: dict[str, str]) -> tuple[str, int | None]:
    values: dict[str, str | float] = {"text": check_text(form.get("new_text"), "new_text")}
    start = parse_time(form.get("new_start"), "new_start")
    if start is not None:
        values["start_seconds"] = start
    return "inserted", editing.insert_after(item, cue_id, values).id


def set_start(item: Item, cue_id: int, form: dict[str, str]) -> tuple[str, int | None]:
    return "saved", editing.set_time(item, cue_id, "start", _time(form)).id


def set_end(item: Item, cue_id: int, form: dict[str, str]) -> tuple[str, int | None]:
    return "saved", editing.set_time(item, cue_id, "end", _time(form)).id


def _time(form: dict[str, str]) -> float:
    seconds = parse_time(form.get("time"), "time")
    if seconds is None:
        raise EditError(_("No time was given."), "time")
    return seconds


ACTIONS: dict[str, Callable[[Item, int, dict[str, str]], tuple[str, int | None]]] = {
    "save": save,
    "split": split,
    "merge": merge,
    "delete": delete,
    "insert": insert,
    "start": set_start,
    "end": set_end,
}
