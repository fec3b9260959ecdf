"""Labels of an exhibit's fields, block types and widths in the workspace, and its values in the history."""

from app.i18n import lazy_gettext as _l
from app.item.fields import ROLE_LABELS
from app.workspace import labels

FIELD_LABELS = {
    "slug": _l("Address"),
    "language": _l("Original language"),
    "status": _l("Status"),
    "titles": _l("Title"),
    "summaries": _l("Summary"),
    "tags": _l("Tags"),
    "featured": _l("Featured"),
    "cover": _l("Cover image"),
    "credits": _l("Credits"),
    "document": _l("Pages and blocks"),
}
BLOCK_LABELS = {
    "text": _l("Text"),
    "item": _l("Item"),
    "gallery": _l("Gallery of items"),
    "zoom": _l("Detail in deep zoom"),
    "compare": _l("Then and now"),
    "quote": _l("Quotation"),
    "moment": _l("Interview moment"),
    "map": _l("Map of items"),
    "timeline": _l("Timeline of items"),
}
WIDTH_LABELS = {
    "full": _l("Full width"),
    "wide": _l("Wide"),
    "half": _l("Half width"),
    "beside": _l("Beside the text"),
}


def shown(name: str, value) -> str:
    """A field's value as one readable line (a document as its outline, credits as “role: name”)."""
    if name == "document" and isinstance(value, dict):
        return " · ".join(_page(page) for page in value.get("pages", [])) or "—"
    if name == "credits" and isinstance(value, list):
        return "; ".join(f"{ROLE_LABELS.get(role, role)}: {who}" for who, role in value) or "—"
    if name == "tags" and isinstance(value, list):
        return ", ".join(value) or "—"
    return labels.shown(name, value)


def _page(page: dict) -> str:
    title = next(iter(page.get("titles", {}).values()), page.get("key", ""))
    kinds = ", ".join(str(BLOCK_LABELS.get(block.get("type"), block.get("type"))) for block in page.get("blocks", []))
    return f"{title} ({kinds})" if kinds else str(title)
