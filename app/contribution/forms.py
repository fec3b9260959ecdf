"""The "Share a memory" form: its fields as sent, and the checks that give a message per field."""

from dataclasses import dataclass, field
from typing import Generic, TypeVar

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


class EditForm(BaseModel):
    """What a resident may change when the team asks for more information (photos and a recording are
    added beside these fields)."""

    title: str = ""
    story: str = ""
    date_text: str = ""
    place: str = ""
    place_text: str = ""


Form = TypeVar("Form", ContributionForm, EditForm)


@dataclass
class Checked(Generic[Form]):
    values: Form
    errors: dict[str, str] = field(default_factory=dict)
    place_id: int | None = None

    @property
    def place(self) -> tuple[int | None, str | None]:
        """The place to store (id, words): the one chosen from the list, else the words written, else none."""
        if self.place_id is not None:
            return self.place_id, None
        return None, self.values.place_text.strip() or None


def check(form: ContributionForm, place_ids: set[int]) -> Checked[ContributionForm]:
    """The form's errors by field name (empty when it may be saved), and the chosen place's id."""
    checked = Checked(form)
    errors = checked.errors
    _check_story(form.story, errors)
    _check_lengths(form, ("title", "date_text", "place_text", "display_name", "contact"), errors)
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
    _check_characters(form, errors)
    return checked


def check_edit(form: EditForm, place_ids: set[int]) -> Checked[EditForm]:
    """The edit's errors by field name (empty when it may be sent again), checked as the first form is."""
    checked = Checked(form)
    _check_story(form.story, checked.errors)
    _check_lengths(form, ("title", "date_text", "place_text"), checked.errors)
    checked.place_id = _place_id(form.place, place_ids, checked.errors)
    _check_characters(form, checked.errors)
    return checked


def _check_story(story: str, errors: dict[str, str]) -> None:
    if not story.strip():
        errors["story"] = _("Tell your memory: this field is the heart of your contribution.")
    elif len(story) > MAX_STORY:
        errors["story"] = _("Your text is longer than {count} characters. Shorten it, or send it in two parts.").format(
            count=MAX_STORY
        )


def _check_lengths(form: BaseModel, names: tuple[str, ...], errors: dict[str, str]) -> None:
    for name in names:
        if len(getattr(form, name)) > MAX_LINE:
            errors[name] = _("At most {count} characters.").format(count=MAX_LINE)


def _check_characters(form: BaseModel, errors: dict[str, str]) -> None:
    for name, value in form.model_dump().items():
        if (message := fault(value)) is not None:
            errors[name] = message


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
