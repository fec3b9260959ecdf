"""Checking what a curator typed for a cue or a segment: times, text, languages. Messages are translated."""

from collections.abc import Callable
from functools import partial

from app.i18n import gettext as _
from app.interview.formats.timecode import parse_clock

MAX_TEXT = 20_000  # a cue is a few sentences; a pasted book is a mistake


class EditError(ValueError):
    """An edit that cannot be made, with the form field it concerns ("" for the whole cue)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message, self.field = message, field


class NeedsConfirmation(EditError):
    """An edit that may be made only once the curator confirms it (merging two speakers' cues)."""


def parse_time(text: str | None, field: str) -> float | None:
    """Seconds from `754.5`, `12:34.5` or `1:02:03`; None when empty; EditError for anything else."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    seconds = _seconds(text)
    if seconds is None:
        raise EditError(_("Write a time as seconds (754.5) or minutes:seconds (12:34.5)."), field)
    if seconds < 0:
        raise EditError(_("A time cannot be negative."), field)
    return round(seconds, 3)


def _seconds(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    if ":" not in text:
        return None
    return parse_clock(text)


def check_times(start: float | None, end: float | None) -> None:
    """EditError when a time is negative or the end comes before the start."""
    for value, field in ((start, "start"), (end, "end")):
        if value is not None and value < 0:
            raise EditError(_("A time cannot be negative."), field)
    if end is not None and start is None:
        raise EditError(_("A cue with an end needs a start."), "start")
    if start is not None and end is not None and end < start:
        raise EditError(_("The end comes before the start."), "end")


def check_text(text: str | None, field: str = "text") -> str:
    """The text trimmed; EditError when it is empty or far too long."""
    text = (text or "").strip()
    if not text:
        raise EditError(_("The text cannot be empty."), field)
    if len(text) > MAX_TEXT:
        raise EditError(_("This text is too long (at most {count} characters).").format(count=MAX_TEXT), field)
    return text


def read_cue(form: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """A cue's checked values from its form, and the message of each field that is wrong."""
    values: dict = {}
    errors: dict[str, str] = {}
    for name, field in (("start_seconds", "start"), ("end_seconds", "end")):
        _collect(values, errors, name, field, partial(parse_time, form.get(field), field))
    _collect(values, errors, "text", "text", lambda: check_text(form.get("text")))
    if not errors:
        _collect(values, errors, "", "", lambda: check_times(values["start_seconds"], values["end_seconds"]))
    values.pop("", None)
    values["speaker"] = (form.get("speaker") or "").strip()[:100] or None
    values["translation"] = (form.get("translation") or "").strip() or None
    if (form.get("language") or "").strip():
        values["language"] = form["language"].strip()[:8]
    if "translation_language" in form:
        values["translation_language"] = form["translation_language"].strip()[:8] or None
    return values, errors


def _collect(values: dict, errors: dict[str, str], name: str, field: str, read: Callable[[], object]) -> None:
    try:
        values[name] = read()
    except EditError as error:
        errors[error.field or field] = error.message


def parse_shift(text: str | None) -> float:
    """An offset in seconds, signed (`-2.5`, `+1:30`); EditError when missing, unreadable, zero or huge."""
    text = (text or "").strip()
    sign = -1.0 if text.startswith("-") else 1.0
    seconds = parse_time(text.lstrip("+-").strip(), "offset")
    if not seconds:
        raise EditError(_("Give the offset in seconds, such as 2.5 or -1:30."), "offset")
    if seconds > 24 * 3600:
        raise EditError(_("An offset of more than a day is surely a typing mistake."), "offset")
    return sign * seconds
