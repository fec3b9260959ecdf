"""Labels of a tour's fields in the workspace's history, and its values as readable lines."""

from app.i18n import lazy_gettext as _l
from app.item.fields import ROLE_LABELS
from app.workspace import labels

FIELD_LABELS = {
    "slug": _l("Address"),
    "language": _l("Original language"),
    "languages": _l("Languages offered to visitors"),
    "status": _l("Status"),
    "titles": _l("Title"),
    "summaries": _l("Summary"),
    "cover": _l("Cover image"),
    "credits": _l("Credits"),
    "stops": _l("Stops"),
}


def shown(name: str, value) -> str:
    """A field's value as one readable line (stops as their numbered titles, credits as “role: name”)."""
    if name == "stops" and isinstance(value, list):
        return " · ".join(_stop(n, stop) for n, stop in enumerate(value, start=1)) or "—"
    if name == "credits" and isinstance(value, list):
        return "; ".join(f"{ROLE_LABELS.get(role, role)}: {who}" for who, role in value) or "—"
    if name == "languages" and isinstance(value, list):
        return ", ".join(value) or "—"
    return labels.shown(name, value)


def _stop(number: int, stop: dict) -> str:
    title = next(iter((stop.get("titles") or {}).values()), "")
    return f"{number}. {title} ({stop.get('latitude')}, {stop.get('longitude')})"
