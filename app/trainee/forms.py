"""Checking the cohort and trainee forms into clean values, or a message per field in the user's language."""

import re
from dataclasses import dataclass, field
from datetime import date

from babel.core import Locale, UnknownLocaleError

from app.collection.forms import SLUG
from app.collection.service_write import SLUG_LENGTH, collection_slug
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.trainee.models import ORIGINS, OUTCOMES

LANGUAGE_CHOICES = ("fr", "de", "lb", "en", "it", "pt", "ar")
GENDERS = {"woman": _l("Woman"), "man": _l("Man"), "other": _l("Other")}
ORIGIN_LABELS = {"FR": _l("France"), "LU": _l("Luxembourg")}
OUTCOME_LABELS = {"job": _l("A job"), "training": _l("A qualifying training"), "other": _l("Other")}
NAME_LIMIT, NOTE_LIMIT, FUNDERS_LIMIT, LANGUAGES_LIMIT = 255, 5000, 20, 20
MAX_HOURS = 48
# A BCP 47 tag as trainees' languages need it: a language, then an optional script, region and variants.
BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RESERVED = {"new"}


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


def _text(raw: dict, name: str, checked: Checked, limit: int = NAME_LIMIT, *, required: str = "") -> str:
    text = " ".join(str(raw.get(name) or "").split()) if limit <= NAME_LIMIT else str(raw.get(name) or "").strip()
    if CONTROL.search(text):
        checked.errors[name] = _("Remove the invisible control characters from this text.")
    elif len(text) > limit:
        checked.errors[name] = _("This is too long: at most {limit} characters.").format(limit=limit)
    elif required and not text:
        checked.errors[name] = required
    return text


def _date(raw: dict, name: str, checked: Checked, *, required: bool = False) -> date | None:
    text = str(raw.get(name) or "").strip()
    if not text:
        if required:
            checked.errors[name] = _("Give the date, such as 2026-03-02.")
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        checked.errors[name] = _("Type a date as year-month-day, such as 2026-03-02.")
        return None


def _dates(raw: dict, checked: Checked) -> None:
    starts_on = _date(raw, "starts_on", checked, required=True)
    ends_on = _date(raw, "ends_on", checked)
    if starts_on and ends_on and ends_on < starts_on:
        checked.errors["ends_on"] = _("The end cannot come before the start.")
    checked.values |= {"starts_on": starts_on, "ends_on": ends_on}


def _choice(raw: dict, name: str, choices, checked: Checked) -> str | None:
    value = str(raw.get(name) or "").strip()
    if value and value not in choices:
        checked.errors[name] = _("Choose one of the options.")
    return value if value in choices else None


# A cohort.


def raw_cohort(form) -> dict:
    """The submitted cohort form, as `validate_cohort` reads it."""
    names = ("name", "slug", "starts_on", "ends_on", "funders")
    return {name: str(form.get(name, "")) for name in names} | {
        "supervisors": [str(v) for v in form.getlist("supervisors")]
    }


def raw_from_cohort(cohort) -> dict:
    """A cohort's present values, to fill its form."""
    return {
        "name": cohort.name,
        "slug": cohort.slug,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat() if cohort.ends_on else "",
        "funders": "\n".join(cohort.funders),
        "supervisors": [str(user.id) for user in cohort.supervisors],
    }


def validate_cohort(raw: dict, *, new: bool) -> Checked:
    """Clean values for a cohort (its slug only when `new`: it is its address)."""
    checked = Checked()
    checked.values["name"] = _text(raw, "name", checked, required=_("Give the cohort's name."))
    _dates(raw, checked)
    funders = [" ".join(line.split()) for line in str(raw.get("funders") or "").splitlines() if line.strip()]
    if len(funders) > FUNDERS_LIMIT or any(len(f) > NAME_LIMIT or CONTROL.search(f) for f in funders):
        checked.errors["funders"] = _(
            "List at most {count} funders, one per line, each at most {limit} characters."
        ).format(count=FUNDERS_LIMIT, limit=NAME_LIMIT)
    checked.values["funders"] = funders
    checked.values["supervisors"] = [int(v) for v in raw.get("supervisors") or [] if str(v).isdigit()]
    if new:
        checked.values["slug"] = _slug(raw.get("slug"), checked.values["name"], checked)
    return checked


def _slug(value, name: str, checked: Checked) -> str:
    text = str(value or "").strip() or collection_slug(name)
    if not text:
        checked.errors["slug"] = _("Give the cohort's address, such as “promotion-2026”.")
    elif len(text) > SLUG_LENGTH or not SLUG.fullmatch(text):
        checked.errors["slug"] = _(
            "Use up to {limit} lowercase letters (without accents), digits and “-”, such as “cites-ouvrieres”."
        ).format(limit=SLUG_LENGTH)
    elif text in RESERVED:
        checked.errors["slug"] = _("This address is reserved: choose another one.")
    return text


# A trainee's profile.

PROFILE_TEXTS = ("starts_on", "ends_on", "weekly_hours", "public_name", "origin", "gender", "outcome", "outcome_on")


def raw_profile(form) -> dict:
    """The submitted trainee form, as `validate_profile` reads it."""
    names = (*PROFILE_TEXTS, "outcome_note", "other_languages", "cohort", "account", "existing", "name")
    raw = {name: str(form.get(name, "")) for name in (*names, "display_name", "email")}
    return raw | {"languages": [str(v) for v in form.getlist("languages")]}


def raw_from_profile(profile) -> dict:
    """A profile's present values, to fill its form."""
    raw = {name: getattr(profile, name) for name in PROFILE_TEXTS}
    raw = {name: (value.isoformat() if isinstance(value, date) else value) for name, value in raw.items()}
    raw["weekly_hours"] = f"{profile.weekly_hours:g}"
    chosen = [code for code in profile.languages if code in LANGUAGE_CHOICES]
    others = [code for code in profile.languages if code not in LANGUAGE_CHOICES]
    return raw | {
        "languages": chosen,
        "other_languages": " ".join(others),
        "outcome_note": profile.outcome_note or "",
        "cohort": profile.cohort.slug,
    }


def validate_languages(raw: dict, checked: Checked) -> None:
    """The ticked languages, then the free codes (BCP 47, such as “es” or “pt-BR”), once each."""
    codes = [code for code in LANGUAGE_CHOICES if code in (raw.get("languages") or [])]
    others = str(raw.get("other_languages") or "").replace(",", " ").split()
    bad = [code for code in others if not _is_language(code)]
    if bad or len(others) > LANGUAGES_LIMIT:
        checked.errors["other_languages"] = _(
            "“{code}” is not a language code: use BCP 47 codes such as “es”, “pl” or “pt-BR”, separated by spaces."
        ).format(code=(bad or others)[0][:20])
    checked.values["languages"] = list(dict.fromkeys(codes + [code for code in others if code not in bad]))


def _is_language(code: str) -> bool:
    if len(code) > 35 or not BCP47.fullmatch(code):
        return False
    try:
        Locale.parse(code.split("-")[0])
    except (ValueError, UnknownLocaleError):
        return False
    return True


def validate_own(raw: dict) -> Checked:
    """What a trainee may change on their own page: languages and public name, nothing else."""
    checked = Checked()
    validate_languages(raw, checked)
    checked.values["public_name"] = _text(raw, "public_name", checked) or None
    return checked


def validate_profile(raw: dict) -> Checked:
    """Clean values for every field of a profile (supervisors' and administrators' form)."""
    checked = validate_own(raw)
    _dates(raw, checked)
    checked.values["weekly_hours"] = _hours(str(raw.get("weekly_hours") or ""), checked)
    checked.values["origin"] = _choice(raw, "origin", ORIGINS, checked)
    checked.values["gender"] = _choice(raw, "gender", GENDERS, checked)
    checked.values["outcome"] = _choice(raw, "outcome", OUTCOMES, checked)
    checked.values["outcome_on"] = _date(raw, "outcome_on", checked)
    checked.values["outcome_note"] = _text(raw, "outcome_note", checked, NOTE_LIMIT) or None
    return checked


def _hours(text: str, checked: Checked) -> float:
    try:
        hours = float(text.strip().replace(",", "."))
    except ValueError:
        hours = -1.0
    if not 0 < hours <= MAX_HOURS or hours != hours:
        checked.errors["weekly_hours"] = _("Give the contract's weekly hours: more than 0, at most {limit}.").format(
            limit=MAX_HOURS
        )
        return 0.0
    return hours


def validate_account(raw: dict) -> tuple[dict, dict]:
    """Which account the new trainee is: {"existing": name} or a new account's fields; and the errors."""
    if raw.get("account") == "existing":
        name = str(raw.get("existing") or "").strip()
        return {"existing": name}, ({} if name else {"existing": _("Give the login name of the account.")})
    errors: dict = {}
    checked = Checked()
    display_name = _text(raw, "display_name", checked, required=_("Give the name shown on the site."))
    email = _text(raw, "email", checked)
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        checked.errors["email"] = _("This does not look like an e-mail address.")
    errors |= checked.errors
    return {"name": str(raw.get("name") or ""), "display_name": display_name, "email": email}, errors
