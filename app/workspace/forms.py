"""Checking an item's catalog fields, from the workspace form or the API, into clean values or errors.

Both sources are first put in the same raw shape (`raw_from_form`, or the API's model dump), so one
`validate` gives the same messages next to the fields and in problem details.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from app.agent.models import ROLES
from app.config import CONTENT_LANGUAGES
from app.i18n import gettext as _
from app.item import fields
from app.item import rights as rights_registry
from app.item.dates import parse_date, parse_duration
from app.item.kinds import KINDS
from app.text import first_fault

IDENTIFIER = re.compile(r"[A-Za-z0-9._-]{1,64}")
LIMIT = 10_000
# The largest whole number every supported database stores (PostgreSQL's integer): durations, revisions.
MAX_NUMBER = 2**31 - 1
EMPTY_ROWS = 2
# Relations the form and the API give by name (places are a field of the registry).
RELATIONS = ("subjects", "collections", "credits")


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _inputs() -> list[fields.Field]:
    return [entry for entry in fields.FIELDS if entry.in_form]


def raw_from_form(form) -> dict:
    """The submitted form (a multi-dict) in the raw shape `validate` reads."""
    raw: dict = {}
    for entry in _inputs():
        if entry.multilingual:
            raw[entry.name] = {lang: form.get(f"{entry.column}_{lang}", "") for lang in CONTENT_LANGUAGES}
        elif entry.type == fields.BOOLEAN:
            raw[entry.form] = form.get(entry.form) == "1"
        else:
            raw[entry.form] = form.get(entry.form, "")
    raw["identifier"] = form.get("identifier", "")
    raw["subjects"] = [name for name in form.getlist("subject") if name.strip()]
    raw["collections"] = form.getlist("collection")
    rows = zip(form.getlist("credit_role"), form.getlist("credit_name"), strict=False)
    raw["credits"] = [(role, name) for role, name in rows if name.strip()]
    return raw


def raw_from_item(item) -> dict:
    """An item's present values in the raw shape (to fill the form, or under an API patch)."""
    raw: dict = {"identifier": item.identifier}
    for entry in _inputs():
        value = item.place.name if entry.type == fields.PLACE and item.place else getattr(item, entry.name, None)
        if entry.multilingual:
            raw[entry.name] = dict(value or {})
        elif entry.type == fields.BOOLEAN:
            raw[entry.form] = bool(value)
        elif entry.type == fields.COORDINATE:
            raw[entry.form] = _number_text(value)
        else:
            raw[entry.form] = "" if value is None else value
    raw |= {
        "subjects": [subject.name for subject in item.subjects],
        "collections": [link.collection.slug for link in item.collection_links],
        "credits": [(credit.role, credit.agent.name) for credit in item.credits],
    }
    return raw


def _number_text(value: float | None) -> str:
    return "" if value is None else repr(value)


def validate(raw: dict, collections: set[str], *, new: bool) -> Checked:
    """Clean values for the item write path, or a message per field that is wrong."""
    checked = Checked()
    if new:
        checked.values["identifier"] = _identifier(raw.get("identifier"), checked)
    for entry in _inputs():
        if not entry.multilingual:
            checked.values[entry.name] = _CHECKS[entry.type](entry, raw.get(entry.form), checked)
    _texts_by_language(raw, checked)
    checked.values["date_earliest"], checked.values["date_latest"] = parse_date(checked.values["date_text"])
    checked.values["subjects"] = _names(raw.get("subjects") or [])
    checked.values["collections"] = _collections(raw.get("collections") or [], collections, checked)
    checked.values["credits"] = _credits(raw.get("credits") or [], checked)
    _characters(raw, checked)
    return checked


def _characters(raw: dict, checked: Checked) -> None:
    """A NUL or a lone surrogate anywhere is the message of its field (`title_fr` for a title)."""
    for name, value in raw.items():
        if (found := first_fault(value)) is not None:
            where, message = found
            by_language = name in ("titles", "descriptions") and where
            checked.errors[f"{name[:-1]}_{where}" if by_language else name] = message


def _clean(value) -> str:
    return " ".join(str(value if value is not None else "").split()) if not isinstance(value, str) else value.strip()


def _identifier(value, checked: Checked) -> str | None:
    text = _clean(value)
    if text and not IDENTIFIER.fullmatch(text):
        checked.errors["identifier"] = _("Use up to 64 letters, digits, “.”, “-” or “_”, without spaces.")
    return text or None


def _choice(entry: fields.Field, value, checked: Checked) -> str | None:
    text = _clean(value)
    if text not in CHOICES[entry.name]():
        checked.errors[entry.form] = _("Choose one of the options.")
        return None
    return text


def _boolean(entry: fields.Field, value, checked: Checked) -> bool:
    return bool(value)


def _text(entry: fields.Field, value, checked: Checked) -> str | None:
    text = _clean(value)
    limit = entry.limit or LIMIT
    if len(text) > limit:
        checked.errors[entry.form] = _("This is too long: at most {limit} characters.").format(limit=limit)
    return text or None


def _texts_by_language(raw: dict, checked: Checked) -> None:
    for entry in (entry for entry in _inputs() if entry.multilingual):
        given = raw.get(entry.name) or {}
        values = {lang: _clean(given.get(lang)) for lang in CONTENT_LANGUAGES if _clean(given.get(lang))}
        checked.values[entry.name] = values
        language = checked.values.get("language")
        if entry.required and language and not values.get(language):
            checked.errors[f"{entry.column}_{language}"] = _("Give the title in the item's original language.")
        for lang, text in values.items():
            if len(text) > (entry.limit or LIMIT):
                checked.errors[f"{entry.column}_{lang}"] = _("This is too long: at most {limit} characters.").format(
                    limit=entry.limit or LIMIT
                )


def _coordinate(entry: fields.Field, value, checked: Checked) -> float | None:
    text = _clean(value).replace(",", ".")
    if not text:
        return None
    bound = BOUNDS[entry.name]
    try:
        number = float(text)
    except ValueError:
        checked.errors[entry.form] = _("Write a number with a dot, such as 49.4689.")
        return None
    if not -bound <= number <= bound:
        checked.errors[entry.form] = _("This must be between -{bound} and {bound}.").format(bound=bound)
    return number


def _rights(entry: fields.Field, value, checked: Checked) -> str | None:
    text = _clean(value)
    if not text:
        return None
    uri = rights_registry.normalise(text)
    if uri is None:
        checked.errors[entry.form] = _("Choose one of the rights statements of the list.")
    return uri


def _day(entry: fields.Field, value, checked: Checked) -> str | None:
    text = _clean(value)
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
    except ValueError:
        checked.errors[entry.form] = _("Write the date as YYYY-MM-DD, such as 1991-08-19.")
        return None


def _duration(entry: fields.Field, value, checked: Checked) -> int | None:
    text = _clean(value)
    if not text:
        return None
    seconds = parse_duration(text)
    if seconds is None:
        checked.errors[entry.form] = _("Write a duration such as 31:35, 1 h 05 or 1895 (seconds).")
    elif seconds > MAX_NUMBER:
        checked.errors[entry.form] = _("This duration is too long: at most {limit} seconds.").format(limit=MAX_NUMBER)
        return None
    return seconds


def _names(values: list) -> list[str]:
    return list(dict.fromkeys(name for name in (_clean(value)[:255] for value in values) if name))


def _collections(values: list, known: set[str], checked: Checked) -> list[str]:
    slugs = _names(values)
    if unknown := [slug for slug in slugs if slug not in known]:
        checked.errors["collections"] = _("There is no collection “{slug}”.").format(slug=unknown[0])
    return [slug for slug in slugs if slug in known]


def _credits(rows: list, checked: Checked) -> list[tuple[str, str]]:
    credits = []
    for row in rows:
        role, name = (_clean(part) for part in (list(row) + ["", ""])[:2])
        if not name:
            continue
        if role not in ROLES:
            checked.errors["credits"] = _("Choose a role for “{name}”.").format(name=name[:80])
            continue
        credits.append((role, name[:255]))
    return list(dict.fromkeys(credits))


# The options of each choice field, and the bound of each coordinate.
CHOICES = {"kind": lambda: tuple(KINDS), "language": lambda: CONTENT_LANGUAGES}
BOUNDS = {"latitude": 90, "longitude": 180}
_CHECKS = {
    fields.TEXT: _text,
    fields.LONG_TEXT: _text,
    fields.PLACE: _text,
    fields.CHOICE: _choice,
    fields.BOOLEAN: _boolean,
    fields.COORDINATE: _coordinate,
    fields.RIGHTS: _rights,
    fields.DAY: _day,
    fields.DURATION: _duration,
}
