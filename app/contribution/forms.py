"""The "Share a memory" form: its fields as sent, and the checks that give a message per field."""

from dataclasses import dataclass, field

from pydantic import BaseModel

from app.config import CONTENT_LANGUAGES
from app.contribution.licences import LICENCES
from app.contribution.models import ANONYMOUS, CREDIT_CHOICES
from app.i18n import gettext as _
from app.text import fault

MAX_STORY = 20_000
MAX_LINE = 255
OTHER_PLACE = "other"


class ContributionForm(BaseModel):
    """Every text field of the form, as typed (validated by `check`, so that errors come back in the page)."""

    story: str = ""
    title: str = ""
    language: str = "fr"
    date_text: str = ""
    place: str = ""
    place_text: str = ""
    item: str = ""
    credit_choice: str = ANONYMOUS
    display_name: str = ""
    contact: str = ""
    licence: str = ""
    consent: str = ""
    stamp: str = ""
    website: str = ""  # the honeypot: people never see it, robots fill it


@dataclass
class Checked:
    values: ContributionForm
    errors: dict[str, str] = field(default_factory=dict)
    place_id: int | None = None


def check(form: ContributionForm, place_ids: set[int]) -> Checked:
    """The form's errors by field name (empty when it may be saved), and the chosen place's id."""
    checked = Checked(form)
    errors = checked.errors
    if not form.story.strip():
        errors["story"] = _("Tell your memory: this field is the heart of your contribution.")
    elif len(form.story) > MAX_STORY:
        errors["story"] = _("Your text is longer than {count} characters. Shorten it, or send it in two parts.").format(
            count=MAX_STORY
        )
    for name in ("title", "date_text", "place_text", "display_name", "contact"):
        if len(getattr(form, name)) > MAX_LINE:
            errors[name] = _("At most {count} characters.").format(count=MAX_LINE)
    if form.language not in CONTENT_LANGUAGES:
        errors["language"] = _("Choose a language from the list.")
    if form.credit_choice not in CREDIT_CHOICES:
        errors["credit_choice"] = _("Choose how to be credited.")
    elif form.credit_choice != ANONYMOUS and not form.display_name.strip():
        errors["display_name"] = _("Write the name or pseudonym to show, or choose “anonymous”.")
    if form.licence not in LICENCES:
        errors["licence"] = _("Choose how your memory may be used.")
    if form.consent != "yes":
        errors["consent"] = _("Tick this box to agree: without your consent the museum cannot publish your memory.")
    checked.place_id = _place_id(form.place, place_ids, errors)
    for name, value in form.model_dump().items():
        if (message := fault(value)) is not None:
            errors[name] = message
    return checked


class EditForm(BaseModel):
    """What a resident may change when the team asks for more information."""

    title: str = ""
    story: str = ""
    date_text: str = ""


def check_edit(form: EditForm) -> dict[str, str]:
    """The edit's errors by field name (empty when it may be sent again)."""
    errors: dict[str, str] = {}
    if not form.story.strip():
        errors["story"] = _("Tell your memory: this field is the heart of your contribution.")
    elif len(form.story) > MAX_STORY:
        errors["story"] = _("Your text is longer than {count} characters. Shorten it, or send it in two parts.").format(
            count=MAX_STORY
        )
    for name in ("title", "date_text"):
        if len(getattr(form, name)) > MAX_LINE:
            errors[name] = _("At most {count} characters.").format(count=MAX_LINE)
    for name, value in form.model_dump().items():
        if (message := fault(value)) is not None:
            errors[name] = message
    return errors


def is_id(value: str) -> bool:
    """Whether a form value is a row id (ASCII digits only: `int` refuses "²" and very long numbers)."""
    return value.isascii() and value.isdigit() and len(value) <= 12


def _place_id(value: str, place_ids: set[int], errors: dict[str, str]) -> int | None:
    if value in ("", OTHER_PLACE):
        return None
    if is_id(value) and int(value) in place_ids:
        return int(value)
    errors["place"] = _("Choose a place from the list, or “another place” and write it.")
    return None
