"""Labels of a collection's fields in its revision history (values shown as for items)."""

from app.i18n import lazy_gettext as _l
from app.workspace.labels import shown

__all__ = ["FIELD_LABELS", "shown"]

FIELD_LABELS = {
    "slug": _l("Address"),
    "language": _l("Original language"),
    "status": _l("Status"),
    "titles": _l("Title"),
    "descriptions": _l("Description"),
    "cover": _l("Cover image"),
}
