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
from app.item import rights as rights_registry
from app.item.dates import parse_date, parse_duration
from app.item.kinds import KINDS
from app.text import first_fault

IDENTIFIER = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Plain text columns of items and their length limits (None: unlimited).
TEXTS = {
    "dc_type": 255, "format": 255, "source": None, "relation": None, "address": 500,
    "construction_period": 255, "protection": 255, "merimee_reference": 20, "medium": 500,
    "dimensions": 500, "inscription": None, "date_text": 255, "place": 255,
}
LIMIT = 10_000
# The largest whole number every supported database stores (PostgreSQL's integer): durations, revisions.
MAX_NUMBER = 2**31 - 1
EMPTY_ROWS = 2


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def raw_from_form(form) -> dict:
    """The submitted form (a multi-dict) in the raw shape `validate` reads."""
    raw = {name: form.get(name, "") for name in ("identifier", "kind", "language", "latitude", "longitude",
                                                   "rights", "recording_date", "duration", *TEXTS)}
    raw["featured"] = form.get("featured") == "1"
    raw["titles"] = {lang: form.get(f"title_{lang}", "") for lang in CONTENT_LANGUAGES}
    raw["descriptions"] = {lang: form.get(f"description_{lang}", "") for lang in CONTENT_LANGUAGES}
    raw["subjects"] = [name for name in form.getlist("subject") if name.strip()]
    raw["collections"] = form.getlist("collection")
    rows = zip(form.getlist("credit_role"), form.getlist("credit_name"))
    raw["credits"] = [(role, name) for role, name in rows if name.strip()]
    return raw


def raw_from_item(item) -> dict:
    """An item's present values in the raw shape (to fill the form, or under an API patch)."""
    raw = {name: getattr(item, name) or "" for name in TEXTS if name != "place"}
    raw |= {"identifier": item.identifier, "kind": item.kind, "language": item.language,
            "featured": item.featured, "rights": item.rights or "", "recording_date": item.recording_date or "",
            "duration": item.duration_seconds or "", "place": item.place.name if item.place else "",
            "latitude": _number_text(item.latitude), "longitude": _number_text(item.longitude),
            "titles": dict(item.titles), "descriptions": dict(item.descriptions),
            "subjects": [subject.name for subject in item.subjects],
            "collections": [link.collection.slug for link in item.collection_links],
            "credits": [(credit.role, credit.agent.name) for credit in item.credits]}
    return raw


def _number_text(value: float | None) -> str:
    return "" if value is None else repr(value)


def validate(raw: dict, collections: set[str], *, new: bool) -> Checked:
    """Clean values for `service.apply`, or a message per field that is wrong."""
    checked = Checked()
    if new:
        checked.values["identifier"] = _identifier(raw.get("identifier"), checked)
    checked.values["kind"] = _choice("kind", raw.get("kind"), tuple(KINDS), checked)
    checked.values["language"] = _choice("language", raw.get("language"), CONTENT_LANGUAGES, checked)
    checked.values["featured"] = bool(raw.get("featured"))
    for name, limit in TEXTS.items():
        checked.values[name] = _text(name, raw.get(name), limit, checked)
    _texts_by_language(raw, checked)
    checked.values["date_earliest"], checked.values["date_latest"] = parse_date(checked.values["date_text"])
    for name, bound in (("latitude", 90), ("longitude", 180)):
        checked.values[name] = _coordinate(name, raw.get(name), bound, checked)
    checked.values["rights"] = _rights(raw.get("rights"), checked)
    checked.values["recording_date"] = _recording_date(raw.get("recording_date"), checked)
    checked.values["duration_seconds"] = _duration(raw.get("duration"), checked)
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


def _choice(name: str, value, options: tuple, checked: Checked) -> str | None:
    text = _clean(value)
    if text not in options:
        checked.errors[name] = _("Choose one of the options.")
        return None
    return text


def _text(name: str, value, limit: int | None, checked: Checked) -> str | None:
    text = _clean(value)
    if len(text) > (limit or LIMIT):
        checked.errors[name] = _("This is too long: at most {limit} characters.").format(limit=limit or LIMIT)
    return text or None


def _texts_by_language(raw: dict, checked: Checked) -> None:
    for name in ("titles", "descriptions"):
        given = raw.get(name) or {}
        values = {lang: _clean(given.get(lang)) for lang in CONTENT_LANGUAGES if _clean(given.get(lang))}
        checked.values[name] = values
    language = checked.values.get("language")
    if language and not checked.values["titles"].get(language):
        checked.errors[f"title_{language}"] = _("Give the title in the item's original language.")
    for lang, title in checked.values["titles"].items():
        if len(title) > 500:
            checked.errors[f"title_{lang}"] = _("This is too long: at most {limit} characters.").format(limit=500)


def _coordinate(name: str, value, bound: int, checked: Checked) -> float | None:
    text = _clean(value).replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        checked.errors[name] = _("Write a number with a dot, such as 49.4689.")
        return None
    if not -bound <= number <= bound:
        checked.errors[name] = _("This must be between -{bound} and {bound}.").format(bound=bound)
    return number


def _rights(value, checked: Checked) -> str | None:
    text = _clean(value)
    if not text:
        return None
    uri = rights_registry.normalise(text)
    if uri is None:
        checked.errors["rights"] = _("Choose one of the rights statements of the list.")
    return uri


def _recording_date(value, checked: Checked) -> str | None:
    text = _clean(value)
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date().isoformat()
    except ValueError:
        checked.errors["recording_date"] = _("Write the date as YYYY-MM-DD, such as 1991-08-19.")
        return None


def _duration(value, checked: Checked) -> int | None:
    text = _clean(value)
    if not text:
        return None
    seconds = parse_duration(text)
    if seconds is None:
        checked.errors["duration"] = _("Write a duration such as 31:35, 1 h 05 or 1895 (seconds).")
    elif seconds > MAX_NUMBER:
        checked.errors["duration"] = _("This duration is too long: at most {limit} seconds.").format(limit=MAX_NUMBER)
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
