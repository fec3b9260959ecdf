"""Checking a tour's fields and a stop's fields from the workspace forms into clean values or a message per
field, in the curator's language. The texts by language and the credits are read as an exhibit's are."""

from app.collection.forms import SLUG
from app.collection.service_write import SLUG_LENGTH, collection_slug
from app.config import CONTENT_LANGUAGES
from app.i18n import gettext as _
from app.tour.publishing import located
from app.workspace.exhibit_forms import Checked, _by_language, _characters, _credits

RESERVED = {"new"}
TITLE_LIMIT, SUMMARY_LIMIT, STOP_TITLE_LIMIT, STOP_TEXT_LIMIT = 500, 10_000, 300, 5_000
REFERENCE_LIMIT = 100


def raw_from_form(form) -> dict:
    """The submitted tour form in the shape `validate` reads."""
    rows = zip(form.getlist("credit_role"), form.getlist("credit_name"), strict=False)
    return {
        "slug": form.get("slug", ""),
        "language": form.get("language", ""),
        "languages": [str(code) for code in form.getlist("languages")],
        "titles": {lang: form.get(f"title_{lang}", "") for lang in CONTENT_LANGUAGES},
        "summaries": {lang: form.get(f"summary_{lang}", "") for lang in CONTENT_LANGUAGES},
        "credits": [(role, name) for role, name in rows if str(name).strip()],
    }


def raw_from_tour(tour) -> dict:
    """A tour's present values, to fill the form."""
    return {
        "slug": tour.slug,
        "language": tour.language,
        "languages": list(tour.languages),
        "titles": dict(tour.titles),
        "summaries": dict(tour.summaries),
        "credits": [(credit.role, credit.agent.name) for credit in tour.credits],
    }


def validate(raw: dict, *, new: bool) -> Checked:
    """Clean values for a tour (its slug only when `new`: it is its address)."""
    checked = Checked()
    language = str(raw.get("language") or "").strip()
    if language not in CONTENT_LANGUAGES:
        checked.errors["language"] = _("Choose one of the options.")
    checked.values["language"] = language
    offered = [code for code in CONTENT_LANGUAGES if code in (raw.get("languages") or [])]
    checked.values["languages"] = ([language] if language in CONTENT_LANGUAGES else []) + [
        code for code in offered if code != language
    ]
    for name, single, limit in (("titles", "title", TITLE_LIMIT), ("summaries", "summary", SUMMARY_LIMIT)):
        checked.values[name] = _by_language(single, raw.get(name) or {}, limit, checked)
    if language in CONTENT_LANGUAGES and not checked.values["titles"].get(language):
        checked.errors[f"title_{language}"] = _("Give the title in the tour's original language.")
    checked.values["credits"] = _credits(raw.get("credits") or [], checked)
    if new:
        checked.values["slug"] = _slug(raw.get("slug"), checked.values["titles"].get(language, ""), checked)
    _characters(raw, checked, {"titles": "title", "summaries": "summary"})
    return checked


def _slug(value, title: str, checked: Checked) -> str:
    text = str(value or "").strip() or collection_slug(title)
    if not text:
        checked.errors["slug"] = _("Give the tour's address, such as “route-du-fer”.")
    elif len(text) > SLUG_LENGTH or not SLUG.fullmatch(text):
        checked.errors["slug"] = _(
            "Use up to {limit} lowercase letters (without accents), digits and “-”, such as “cites-ouvrieres”."
        ).format(limit=SLUG_LENGTH)
    elif text in RESERVED:
        checked.errors["slug"] = _("This address is reserved: choose another one.")
    return text


# A stop.


def raw_from_stop_form(form) -> dict:
    """The submitted stop form in the shape `validate_stop` reads."""
    return {
        "titles": {lang: str(form.get(f"title_{lang}", "")) for lang in CONTENT_LANGUAGES},
        "texts": {lang: str(form.get(f"text_{lang}", "")) for lang in CONTENT_LANGUAGES},
        "latitude": str(form.get("latitude", "")),
        "longitude": str(form.get("longitude", "")),
        "item": str(form.get("item", "")),
        "exhibit": str(form.get("exhibit", "")),
        "remove_audio": form.get("remove_audio") == "1",
    }


def raw_from_stop(stop) -> dict:
    """A stop's present values, to fill its form."""
    exhibit = "/".join(part for part in (stop.exhibit_slug, stop.exhibit_page) if part)
    return {
        "titles": dict(stop.titles),
        "texts": dict(stop.texts),
        "latitude": f"{stop.latitude:.6f}".rstrip("0").rstrip("."),
        "longitude": f"{stop.longitude:.6f}".rstrip("0").rstrip("."),
        "item": stop.item.identifier if stop.item is not None else "",
        "exhibit": exhibit,
        "remove_audio": False,
    }


def validate_stop(raw: dict, language: str) -> Checked:
    """Clean values for a stop: its texts, its point (or None to take the item's), its item and exhibit page
    references as given (the view looks them up)."""
    checked = Checked()
    checked.values["titles"] = _by_language("title", raw.get("titles") or {}, STOP_TITLE_LIMIT, checked)
    checked.values["texts"] = _by_language("text", raw.get("texts") or {}, STOP_TEXT_LIMIT, checked)
    if not checked.values["titles"].get(language):
        checked.errors[f"title_{language}"] = _("Give the stop's title in the tour's original language.")
    checked.values["point"] = _point(str(raw.get("latitude", "")), str(raw.get("longitude", "")), checked)
    for name in ("item", "exhibit"):
        value = str(raw.get(name) or "").strip()
        if len(value) > REFERENCE_LIMIT:
            checked.errors[name] = _("This is too long: at most {limit} characters.").format(limit=REFERENCE_LIMIT)
        checked.values[name] = value
    _characters(raw, checked, {"titles": "title", "texts": "text"})
    return checked


def _point(latitude: str, longitude: str, checked: Checked) -> tuple[float, float] | None:
    """The typed point, or None when both are empty (then the linked item's point is taken)."""
    if not latitude.strip() and not longitude.strip():
        return None
    values = []
    for name, text in (("latitude", latitude), ("longitude", longitude)):
        try:
            values.append(float(text.strip().replace(",", ".")))
        except ValueError:
            checked.errors[name] = _("Type a number in decimal degrees, such as 49.4676 or 5.9287.")
    if len(values) == 2 and not located(values[0], values[1]):
        checked.errors["latitude"] = _(
            "A latitude is between -90 and 90 and a longitude between -180 and 180 (decimal degrees)."
        )
    return (values[0], values[1]) if len(values) == 2 and "latitude" not in checked.errors else None
