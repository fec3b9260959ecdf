"""Checking an exhibit's fields and its blocks' fields from the workspace forms into clean values or a message
per field, in the curator's language."""

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from app.agent.models import ROLES
from app.collection.forms import SLUG
from app.collection.service_write import SLUG_LENGTH, collection_slug
from app.config import CONTENT_LANGUAGES
from app.exhibit import blocks
from app.i18n import gettext as _
from app.text import first_fault

# Words of the workspace's own addresses under /workspace/exhibits/ that no exhibit may take.
RESERVED = {"new"}
TITLE_LIMIT, SUMMARY_LIMIT, TAG_LIMIT, TAGS = 500, 10_000, 100, 30
LANG, PLAIN, LIST = "lang", "plain", "list"
# Each block type's fields besides its width and caption, as the form names them.
BLOCK_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "text": (("body", LANG),),
    "item": (("item", PLAIN),),
    "gallery": (("items", LIST),),
    "zoom": (("item", PLAIN), ("image", PLAIN), ("x", PLAIN), ("y", PLAIN), ("w", PLAIN), ("h", PLAIN)),
    "compare": (("before", PLAIN), ("after", PLAIN), ("before_label", LANG), ("after_label", LANG)),
    "quote": (("text", LANG), ("source", LANG), ("item", PLAIN)),
    "moment": (("item", PLAIN), ("start", PLAIN), ("end", PLAIN), ("part", PLAIN)),
    "map": (("items", LIST),),
    "timeline": (("items", LIST),),
}
COMMON = (("width", PLAIN), ("caption", LANG))
REGION = ("x", "y", "w", "h")
MODELS = {name: model for name, model in zip(blocks.BLOCK_TYPES, blocks.Block.__args__[0].__args__, strict=True)}
SEPARATORS = re.compile(r"[\s,;]+")


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


# The exhibit's own fields.


def raw_from_form(form) -> dict:
    """The submitted exhibit form in the shape `validate` reads."""
    rows = zip(form.getlist("credit_role"), form.getlist("credit_name"), strict=False)
    return {
        "slug": form.get("slug", ""),
        "language": form.get("language", ""),
        "titles": {lang: form.get(f"title_{lang}", "") for lang in CONTENT_LANGUAGES},
        "summaries": {lang: form.get(f"summary_{lang}", "") for lang in CONTENT_LANGUAGES},
        "tags": form.get("tags", ""),
        "featured": form.get("featured") == "1",
        "credits": [(role, name) for role, name in rows if name.strip()],
    }


def raw_from_exhibit(exhibit) -> dict:
    """An exhibit's present values, to fill the form."""
    return {
        "slug": exhibit.slug,
        "language": exhibit.language,
        "titles": dict(exhibit.titles),
        "summaries": dict(exhibit.summaries),
        "tags": ", ".join(exhibit.tags),
        "featured": exhibit.featured,
        "credits": [(credit.role, credit.agent.name) for credit in exhibit.credits],
    }


def validate(raw: dict, *, new: bool, may_feature: bool) -> Checked:
    """Clean values for an exhibit (`featured` only for those who may put one forward), or messages."""
    checked = Checked()
    language = str(raw.get("language") or "").strip()
    if language not in CONTENT_LANGUAGES:
        checked.errors["language"] = _("Choose one of the options.")
    checked.values["language"] = language
    for name, single, limit in (("titles", "title", TITLE_LIMIT), ("summaries", "summary", SUMMARY_LIMIT)):
        checked.values[name] = _by_language(single, raw.get(name) or {}, limit, checked)
    if language in CONTENT_LANGUAGES and not checked.values["titles"].get(language):
        checked.errors[f"title_{language}"] = _("Give the title in the exhibit's original language.")
    checked.values["tags"] = _tags(str(raw.get("tags") or ""), checked)
    checked.values["credits"] = _credits(raw.get("credits") or [], checked)
    if may_feature:
        checked.values["featured"] = bool(raw.get("featured"))
    if new:
        checked.values["slug"] = _slug(raw.get("slug"), checked.values["titles"].get(language, ""), checked)
    _characters(raw, checked, {"titles": "title", "summaries": "summary"})
    return checked


def _too_long(limit: int) -> str:
    return _("This is too long: at most {limit} characters.").format(limit=limit)


def _by_language(single: str, given: dict, limit: int, checked: Checked) -> dict[str, str]:
    values = {}
    for lang in CONTENT_LANGUAGES:
        text = str(given.get(lang) or "").strip()
        if len(text) > limit:
            checked.errors[f"{single}_{lang}"] = _too_long(limit)
        if text:
            values[lang] = text
    return values


def _tags(text: str, checked: Checked) -> list[str]:
    tags = list(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))
    if len(tags) > TAGS or any(len(tag) > TAG_LIMIT for tag in tags):
        checked.errors["tags"] = _("At most {count} tags of at most {limit} characters each.").format(
            count=TAGS, limit=TAG_LIMIT
        )
    return tags


def _credits(rows: list, checked: Checked) -> list[tuple[str, str]]:
    """(name, role) pairs, as app/exhibit/editing.py takes them."""
    credits = []
    for role, name in rows:
        role, name = str(role).strip(), str(name).strip()
        if role not in ROLES:
            checked.errors["credits"] = _("Choose a role for “{name}”.").format(name=name[:80])
            continue
        credits.append((name[:255], role))
    return list(dict.fromkeys(credits))


def _slug(value, title: str, checked: Checked) -> str:
    text = str(value or "").strip() or collection_slug(title)
    if not text:
        checked.errors["slug"] = _("Give the exhibit's address, such as “cite-ouvriere”.")
    elif len(text) > SLUG_LENGTH or not SLUG.fullmatch(text):
        checked.errors["slug"] = _(
            "Use up to {limit} lowercase letters (without accents), digits and “-”, such as “cites-ouvrieres”."
        ).format(limit=SLUG_LENGTH)
    elif text in RESERVED:
        checked.errors["slug"] = _("This address is reserved: choose another one.")
    return text


def _characters(raw: dict, checked: Checked, by_language: dict[str, str]) -> None:
    """A NUL or a lone surrogate anywhere is the message of its field (`title_fr` for a title)."""
    for name, value in raw.items():
        if (found := first_fault(value)) is not None:
            where, message = found
            single = by_language.get(name)
            checked.errors[f"{single}_{where}" if single and where else name] = message


# Titles of a page.


def page_titles(form) -> Checked:
    """A page's titles from the form's `title_<lang>` fields."""
    checked = Checked()
    raw = {lang: form.get(f"title_{lang}", "") for lang in CONTENT_LANGUAGES}
    checked.values["titles"] = _by_language("title", raw, blocks.LINE_LIMIT, checked)
    _characters({"titles": raw}, checked, {"titles": "title"})
    return checked


# Blocks.


def block_fields(kind: str) -> tuple[tuple[str, str], ...]:
    return COMMON + BLOCK_FIELDS[kind]


def raw_from_block_form(kind: str, form) -> dict:
    """A block's submitted fields: {name: text} and {name: {lang: text}} for the texts in each language."""
    raw: dict = {}
    for name, shape in block_fields(kind):
        if shape == LANG:
            raw[name] = {lang: str(form.get(f"{name}_{lang}", "")) for lang in CONTENT_LANGUAGES}
        else:
            raw[name] = str(form.get(name, ""))
    return raw


def raw_from_block(block) -> dict:
    """A stored block's values in the form's shape."""
    stored = block.model_dump(mode="json", by_alias=True)
    raw: dict = {}
    for name, shape in block_fields(stored["type"]):
        if name in REGION:
            raw[name] = f"{stored['region'][name]:g}"
        elif shape == LIST:
            raw[name] = "\n".join(stored[name])
        elif shape == LANG:
            raw[name] = dict(stored.get(name) or {})
        else:
            value = stored.get(name)
            raw[name] = "" if value is None else f"{value:g}" if isinstance(value, int | float) else str(value)
    return raw


def blank_block(kind: str) -> dict:
    """The form of a new block of `kind`: its defaults."""
    defaults = {"width": "wide", "image": "1", "x": "0", "y": "0", "w": "100", "h": "100", "part": "1"}
    return {name: {} if shape == LANG else defaults.get(name, "") for name, shape in block_fields(kind)}


def _data(kind: str, raw: dict) -> dict:
    """What the block's model validates: empty texts left out so that defaults and `missing` apply."""
    data: dict = {"type": kind}
    for name, shape in block_fields(kind):
        value = raw.get(name)
        if shape == LANG:
            texts = {lang: str(text).strip() for lang, text in (value or {}).items() if str(text).strip()}
            if texts:  # else left out: a quotation's words are required in at least one language
                data[name] = texts
        elif shape == LIST:
            data[name] = [part for part in SEPARATORS.split(str(value or "")) if part]
        elif str(value or "").strip():
            data[name] = _seconds(str(value)) if name in ("start", "end") else str(value).strip()
    region = {name: data.pop(name) for name in REGION if name in data}
    if kind == "zoom":
        data["region"] = region
    return data


def _seconds(text: str) -> str:
    """“1:02:03”, “2:03” or “123.5” as seconds; anything else as typed, for the model to refuse."""
    parts = text.strip().replace(",", ".").split(":")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return text
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return f"{seconds:g}"


def block_from_raw(kind: str, raw: dict, known: set[str]):
    """(the block, {}) for valid fields whose items are all in the catalog (`known`), else (None, messages)."""
    faults = {name: first_fault(value) for name, value in raw.items()}
    errors = {_name(name, where): message for name, found in faults.items() if found for where, message in [found]}
    if errors:
        return None, errors
    try:
        block = MODELS[kind].model_validate(_data(kind, raw))
    except ValidationError as invalid:
        return None, _messages(kind, invalid)
    errors = _unknown(kind, block, known)
    return (None, errors) if errors else (block, {})


def _name(name: str, where: str) -> str:
    return f"{name}_{where}" if where and where in CONTENT_LANGUAGES else name


def _unknown(kind: str, block, known: set[str]) -> dict[str, str]:
    errors = {}
    for name, shape in BLOCK_FIELDS[kind]:
        if name in ("item", "before", "after", "items"):
            value = getattr(block, "item_list" if shape == LIST else name)
            shown = [value] if shape == PLAIN else value
            missing = [identifier for identifier in shown if identifier and identifier not in known]
            if missing:
                errors[name] = _("There is no item “{identifier}” in the catalog.").format(identifier=missing[0])
    return errors


def _messages(kind: str, invalid: ValidationError) -> dict[str, str]:
    """Pydantic's errors as {form field: message in the curator's language}."""
    errors: dict[str, str] = {}
    for error in invalid.errors():
        loc = [part for part in error["loc"] if part != "region"]
        name = str(loc[0]) if loc else "end"  # the one model-wide check: a moment's end after its start
        where = str(loc[1]) if len(loc) > 1 else ""
        if not where and (name, LANG) in block_fields(kind):
            where = CONTENT_LANGUAGES[0]
        errors.setdefault(_name(name, where), _message(error))
    return errors


def _message(error) -> str:
    kind, context = error["type"], error.get("ctx") or {}
    if kind in ("missing", "string_too_short"):
        return _("Fill in this field.")
    if kind == "string_too_long":
        return _too_long(context.get("max_length", 0))
    if kind == "too_short":
        return _("Give at least one item.")
    if kind == "too_long":
        return _("At most {limit} items.").format(limit=context.get("max_length", 0))
    if kind == "greater_than_equal":
        return _("Give a number of at least {limit}.").format(limit=f"{context['ge']:g}")
    if kind == "greater_than":
        return _("Give a number greater than {limit}.").format(limit=f"{context['gt']:g}")
    if kind == "less_than_equal":
        return _("Give a number of at most {limit}.").format(limit=f"{context['le']:g}")
    if kind in ("float_parsing", "int_parsing", "int_from_float", "float_type", "int_type"):
        return _("Give a number.")
    if kind == "literal_error":
        return _("Choose one of the options.")
    if kind == "value_error":
        return _("A moment ends after it starts.")
    return _("This value is not valid.")
