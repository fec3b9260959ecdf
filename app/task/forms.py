"""Checking the task forms (a supervisor's new task, minutes typed in) into clean values or a message per field."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.collection.models import Collection
from app.config import CONTENT_LANGUAGES
from app.contribution.models import Contribution
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.interview.models import Interview
from app.item.models import Item
from app.media.models import Media
from app.task.types import TASK_TYPES

TITLE_LIMIT, INSTRUCTIONS_LIMIT = 255, 10_000
FIELDS = ("type", "title", "instructions", "target", "collection", "language", "difficulty", "start", "end")


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def raw_from_form(form) -> dict[str, str]:
    """The submitted new-task form, as texts."""
    return {name: str(form.get(name, "")).strip() for name in FIELDS}


def validate(session: Session, raw: dict[str, str]) -> Checked:
    """Clean values for `Task(...)`, or a message per wrong field."""
    checked = Checked()
    kind = TASK_TYPES.get(raw.get("type", ""))
    if kind is None:
        checked.errors["type"] = _("Choose one of the options.")
    title = raw.get("title", "")
    if not title or len(title) > TITLE_LIMIT:
        checked.errors["title"] = _("Give a title of at most {limit} characters.").format(limit=TITLE_LIMIT)
    instructions = raw.get("instructions", "")
    if len(instructions) > INSTRUCTIONS_LIMIT:
        checked.errors["instructions"] = _("This is too long: at most {limit} characters.").format(
            limit=INSTRUCTIONS_LIMIT
        )
    checked.values = {"type": raw.get("type"), "title": title, "instructions": instructions}
    checked.values |= _choices(session, raw, checked)
    if kind is not None:
        checked.values |= _target(session, kind.target_kind, raw.get("target", ""), checked)
    checked.values |= _range(raw, checked)
    return checked


def _choices(session: Session, raw: dict[str, str], checked: Checked) -> dict:
    values: dict = {"collection_id": None, "language": raw.get("language") or None, "difficulty": 1}
    if values["language"] is not None and values["language"] not in CONTENT_LANGUAGES:
        checked.errors["language"] = _("Choose one of the options.")
    if raw.get("collection"):
        found = session.scalar(select(Collection.id).where(Collection.slug == raw["collection"]))
        if found is None:
            checked.errors["collection"] = _("Choose one of the options.")
        values["collection_id"] = found
    if raw.get("difficulty", "1") not in ("1", "2", "3"):
        checked.errors["difficulty"] = _("Choose one of the options.")
    else:
        values["difficulty"] = int(raw.get("difficulty") or 1)
    return values


def _target(session: Session, kind: str | None, text: str, checked: Checked) -> dict:
    """The task's target from what the supervisor typed: an item's identifier (or an interview's), a media file's
    number, a contribution's number, an exhibit's address."""
    if not text:
        return {"target_kind": None, "target_id": None}
    found = _find(session, kind, text)
    if found is None:
        checked.errors["target"] = _("Nothing of this kind has this identifier.")
    return {"target_kind": kind if found is not None else None, "target_id": found}


def _find(session: Session, kind: str | None, text: str) -> int | None:
    if kind == "item":
        return session.scalar(select(Item.id).where(Item.identifier == text))
    if kind == "interview":
        return session.scalar(select(Interview.item_id).join(Item).where(Item.identifier == text))
    if kind == "exhibit":
        return session.scalar(select(Exhibit.id).where(Exhibit.slug == text))
    if not text.isdigit() or len(text) > 12:
        return None
    if kind == "media":
        return session.scalar(select(Media.id).where(Media.id == int(text)))
    if kind == "contribution":
        return session.scalar(select(Contribution.id).where(Contribution.id == int(text)))
    return None


def _range(raw: dict[str, str], checked: Checked) -> dict:
    start, end = seconds(raw.get("start", "")), seconds(raw.get("end", ""))
    if raw.get("start") and start is None:
        checked.errors["start"] = _("Type a time such as 10:00 (minutes:seconds) or a number of seconds.")
    if raw.get("end") and end is None:
        checked.errors["end"] = _("Type a time such as 10:00 (minutes:seconds) or a number of seconds.")
    if start is not None and end is not None and end <= start:
        checked.errors["end"] = _("The end comes after the start.")
    return {"start_seconds": start, "end_seconds": end}


def seconds(text: str) -> int | None:
    """Seconds from "75", "1:15" or "1:01:15"; None when it is none of these."""
    parts = text.strip().split(":")
    if not text.strip() or len(parts) > 3 or not all(p.isdigit() and len(p) <= 6 for p in parts):
        return None
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return total


def minutes(text: str) -> int | None:
    """A number of minutes typed in, or None when it is not a whole number."""
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 4 else None
