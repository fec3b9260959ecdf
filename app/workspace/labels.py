"""Labels of the item's fields in the workspace form and in the revision history."""

from app.i18n import lazy_gettext as _l
from app.item.fields import DETAIL_FIELDS

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


def shown(value) -> str:
    """A field's value as one readable line (lists joined, texts by language, credits as role: name)."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, dict):
        return " · ".join(f"{lang}: {text}" for lang, text in value.items())
    if isinstance(value, list):
        return "; ".join(_row(row) for row in value)
    return str(value)


def _row(row) -> str:
    if isinstance(row, list):
        return f"{row[0]}: {row[1]}"
    if isinstance(row, dict):
        texts = [text for text in (*row.get("caption", {}).values(), *row.get("alt", {}).values()) if text]
        return f"{row.get('file')} ({' / '.join(texts)})" if texts else str(row.get("file"))
    return str(row)
