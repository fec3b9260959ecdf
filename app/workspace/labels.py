"""Labels of the item's fields in the workspace form and in the revision history."""

from app.i18n import lazy_gettext as _l
from app.interview import diff
from app.item import fields
from app.item.fields import ROLE_LABELS
from app.item.kinds import KINDS, STATUS_LABELS
from app.item.rights import label as rights_label
from app.templating import language_label

FIELD_LABELS = {
    **fields.labels(),
    "identifier": _l("Identifier"),
    "status": _l("Status"),
    "credits": _l("Credits"),
    "subjects": _l("Subjects"),
    "collections": _l("Collections"),
    "media": _l("Media"),
    "duration": _l("Duration"),
    "cues": _l("Transcript"),
    "index": _l("Index"),
}
# Fields whose change is told in lines (app/interview/diff.py) rather than old → new.
LISTED = {"cues": True, "index": False}
# The plain text fields of the form's "catalog" group, in order.
CATALOG_TEXTS = tuple(field.name for field in fields.in_group(fields.CATALOG, fields.TEXT, fields.LONG_TEXT))
LONG_TEXTS = tuple(field.name for field in fields.FIELDS if field.type == fields.LONG_TEXT)


def shown(name: str, value) -> str:
    """A field's value as one readable line in the page's language (kinds, roles, statuses and rights named)."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, dict):
        return " · ".join(f"{language_label(lang)}: {text}" for lang, text in value.items())
    if isinstance(value, list):
        return "; ".join(_row(row) for row in value)
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    return _named(name, value)


def _named(name: str, value) -> str:
    names = {"kind": KINDS, "status": STATUS_LABELS}.get(name)
    if names is not None:
        return str(names.get(value, value))
    if name == "language":
        return language_label(value)
    if name == "rights":
        return rights_label(value)
    return str(value)


def _row(row) -> str:
    if isinstance(row, list):
        return f"{ROLE_LABELS.get(row[0], row[0])}: {row[1]}"
    if isinstance(row, dict):
        texts = [text for text in (*row.get("caption", {}).values(), *row.get("alt", {}).values()) if text]
        return f"{row.get('file')} ({' / '.join(texts)})" if texts else str(row.get("file"))
    return str(row)


def listed(name: str, values: list) -> list[str]:
    """The lines telling how a transcript or an index changed."""
    return diff.describe(values[0], values[1], cues=LISTED[name])
