"""Checking a collection's fields from the workspace form into clean values or a message per field."""

import re
from dataclasses import dataclass, field

from app.collection.service_write import SLUG_LENGTH, collection_slug
from app.config import CONTENT_LANGUAGES
from app.i18n import gettext as _
from app.text import first_fault

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Words of the workspace's own addresses under /workspace/collections/ that no collection may take.
RESERVED = {"new"}
TITLE_LIMIT, DESCRIPTION_LIMIT = 500, 10_000


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def raw_from_form(form) -> dict:
    """The submitted form in the shape `validate` reads."""
    return {
        "slug": form.get("slug", ""),
        "language": form.get("language", ""),
        "titles": {lang: form.get(f"title_{lang}", "") for lang in CONTENT_LANGUAGES},
        "descriptions": {lang: form.get(f"description_{lang}", "") for lang in CONTENT_LANGUAGES},
    }


def raw_from_collection(collection) -> dict:
    """A collection's present values, to fill the form."""
    return {
        "slug": collection.slug,
        "language": collection.language,
        "titles": dict(collection.titles),
        "descriptions": dict(collection.descriptions),
    }


def validate(raw: dict, *, new: bool) -> Checked:
    """Clean values for a collection, or a message next to each wrong field."""
    checked = Checked()
    language = str(raw.get("language") or "").strip()
    if language not in CONTENT_LANGUAGES:
        checked.errors["language"] = _("Choose one of the options.")
    checked.values["language"] = language
    for name, limit in (("titles", TITLE_LIMIT), ("descriptions", DESCRIPTION_LIMIT)):
        checked.values[name] = _by_language(name, raw.get(name) or {}, limit, checked)
    if language in CONTENT_LANGUAGES and not checked.values["titles"].get(language):
        checked.errors[f"title_{language}"] = _("Give the title in the collection's original language.")
    if new:
        checked.values["slug"] = _slug(raw.get("slug"), checked.values["titles"].get(language, ""), checked)
    _characters(raw, checked)
    return checked


def _by_language(name: str, given: dict, limit: int, checked: Checked) -> dict[str, str]:
    values = {}
    for lang in CONTENT_LANGUAGES:
        text = str(given.get(lang) or "").strip()
        if len(text) > limit:
            checked.errors[f"{name[:-1]}_{lang}"] = _("This is too long: at most {limit} characters.").format(
                limit=limit
            )
        if text:
            values[lang] = text
    return values


def _slug(value, title: str, checked: Checked) -> str:
    """The slug typed, or one made from the title; lowercase words of letters and digits joined by “-”."""
    text = str(value or "").strip() or collection_slug(title)
    if not text:
        checked.errors["slug"] = _("Give the collection's address, such as “cites-ouvrieres”.")
    elif len(text) > SLUG_LENGTH or not SLUG.fullmatch(text):
        checked.errors["slug"] = _(
            "Use up to {limit} lowercase letters (without accents), digits and “-”, such as “cites-ouvrieres”."
        ).format(limit=SLUG_LENGTH)
    elif text in RESERVED:
        checked.errors["slug"] = _("This address is reserved: choose another one.")
    return text


def _characters(raw: dict, checked: Checked) -> None:
    """A NUL or a lone surrogate anywhere is the message of its field (`title_fr` for a title)."""
    for name, value in raw.items():
        if (found := first_fault(value)) is not None:
            where, message = found
            by_language = name in ("titles", "descriptions") and where
            checked.errors[f"{name[:-1]}_{where}" if by_language else name] = message
