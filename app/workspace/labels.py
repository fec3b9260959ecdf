"""Labels of the item's fields in the workspace form and in the revision history."""

from app.i18n import lazy_gettext as _l
from app.item.fields import DETAIL_FIELDS, ROLE_LABELS
from app.item.kinds import KINDS, STATUS_LABELS
from app.item.rights import label as rights_label
from app.templating import language_label

FIELD_LABELS = {
    "identifier": _l("Identifier"), "kind": _l("Kind"), "language": _l("Original language"),
    "status": _l("Status"), "featured": _l("Featured on the home page"), "titles": _l("Title"),
    "descriptions": _l("Description"), "date_text": _l("Date"), "date_earliest": _l("Earliest year"),
    "date_latest": _l("Latest year"), "place": _l("Place"), "latitude": _l("Latitude"),
    "longitude": _l("Longitude"), "dc_type": _l("Type"), "format": _l("Format"), "source": _l("Source"),
    "relation": _l("Related resource"), "rights": _l("Rights"), "credits": _l("Credits"),
    "subjects": _l("Subjects"), "collections": _l("Collections"), "media": _l("Media"),
    "duration": _l("Duration"),
    **{name: label for fields in DETAIL_FIELDS.values() for name, label in fields},
}
# The plain text fields of the form's "catalog" group, in order.
CATALOG_TEXTS = ("dc_type", "format", "source", "relation")
LONG_TEXTS = ("source", "relation", "inscription")


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
