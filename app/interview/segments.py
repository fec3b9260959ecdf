"""Editing an interview's index segments: add, change, delete, put in order of their start. Never commits."""

from bisect import bisect_right
from collections.abc import Callable
from datetime import date

from app.i18n import gettext as _
from app.interview.checks import EditError, check_text, check_times, parse_time
from app.interview.models import ACCESS_LEVELS, SEALED, IndexSegment
from app.item.models import Item

LISTS = ("keywords", "people", "places", "subjects")


def segment(item: Item, segment_id: int) -> IndexSegment:
    """One of the item's segments; EditError when it is gone."""
    found = next((s for s in item.index_segments if s.id == segment_id), None)
    if found is None:
        raise EditError(_("This segment no longer exists: someone changed the index meanwhile. Nothing was saved."))
    return found


def add(item: Item, values: dict) -> IndexSegment:
    """A new segment, placed among the others by its start."""
    new = IndexSegment(item_id=item.id, position=0, language=values.pop("language", None) or item.language)
    _set(new, values)
    starts = [s.start_seconds for s in item.index_segments]
    item.index_segments.insert(bisect_right(starts, new.start_seconds), new)
    return new


def update(item: Item, segment_id: int, values: dict) -> IndexSegment:
    """Set every field of a segment from checked values."""
    target = segment(item, segment_id)
    _set(target, values)
    return target


def _set(target: IndexSegment, values: dict) -> None:
    for name, value in values.items():
        setattr(target, name, value)


def delete(item: Item, segment_id: int) -> None:
    """Remove a segment from the index."""
    item.index_segments.remove(segment(item, segment_id))


def reorder(item: Item) -> None:
    """Put the segments in the order of their start (ties keep their order)."""
    ordered = sorted(item.index_segments, key=lambda s: s.start_seconds)
    item.index_segments[:] = ordered


def read_segment(form: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """A segment's checked values from its form, and the message of each field that is wrong."""
    values: dict = {}
    errors: dict[str, str] = {}
    _try(errors, "start", lambda: values.update(start_seconds=parse_time(form.get("start"), "start")))
    _try(errors, "end", lambda: values.update(end_seconds=parse_time(form.get("end"), "end")))
    if "start" not in errors and values.get("start_seconds") is None:
        errors["start"] = _("A segment needs a start.")
    if not errors:
        _try(errors, "end", lambda: check_times(values["start_seconds"], values["end_seconds"]))
    _try(errors, "title", lambda: values.update(title=check_text(form.get("title"), "title")[:500]))
    values["synopsis"] = (form.get("synopsis") or "").strip()
    values |= {name: _list(form.get(name)) for name in LISTS}
    _try(errors, "latitude", lambda: values.update(_point(form)))
    _try(errors, "access", lambda: values.update(_access(form)))
    if (form.get("language") or "").strip():
        values["language"] = form["language"].strip()[:8]
    return values, errors


def _try(errors: dict[str, str], field: str, read: Callable[[], object]) -> None:
    try:
        read()
    except EditError as error:
        errors[error.field or field] = error.message


def _list(text: str | None) -> list[str]:
    """Words separated by new lines or semicolons, as a list without blanks or repeats."""
    words = (w.strip() for line in (text or "").splitlines() for w in line.split(";"))
    return list(dict.fromkeys(w for w in words if w))


def _point(form: dict[str, str]) -> dict:
    latitude, longitude = _number(form.get("latitude"), "latitude"), _number(form.get("longitude"), "longitude")
    if (latitude is None) != (longitude is None):
        raise EditError(_("Give both the latitude and the longitude, or neither."), "latitude")
    if latitude is not None and not -90 <= latitude <= 90:
        raise EditError(_("A latitude is between -90 and 90."), "latitude")
    if longitude is not None and not -180 <= longitude <= 180:
        raise EditError(_("A longitude is between -180 and 180."), "longitude")
    return {"latitude": latitude, "longitude": longitude}


def _number(text: str | None, field: str) -> float | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise EditError(_("Write a number, such as 49.4712."), field) from None


def _access(form: dict[str, str]) -> dict:
    level = form.get("access") or "public"
    if level not in ACCESS_LEVELS:
        raise EditError(_("Choose one of the access levels."), "access")
    text = (form.get("sealed_until") or "").strip()
    try:
        until = date.fromisoformat(text) if text else None
    except ValueError:
        raise EditError(_("Write the date as YYYY-MM-DD."), "sealed_until") from None
    if level == SEALED and until is None:
        raise EditError(_("A sealed segment needs the date it opens."), "sealed_until")
    return {"access": level, "sealed_until": until if level == SEALED else None}
