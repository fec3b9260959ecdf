"""What a stop points at, from what the curator typed: a catalog item by identifier, an exhibit page as
`slug/key` (or an exhibit's cover page as `slug`), and the point taken from the item when none was typed."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.exhibit import blocks
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.item.models import Item
from app.tour.editing import item_by_identifier


def resolve(session: Session, values: dict, errors: dict[str, str]) -> dict:
    """The stop's stored fields from the form's clean `values`; a message per field added to `errors`."""
    item = item_by_identifier(session, values["item"]) if values["item"] else None
    if values["item"] and item is None:
        errors["item"] = _("There is no item “{identifier}” in the catalog.").format(identifier=values["item"])
    slug, page = exhibit_page(session, values["exhibit"], errors)
    point = values["point"] or (item_point(item) if item is not None else None)
    if point is None and "latitude" not in errors and "longitude" not in errors:
        errors["latitude"] = _("Type the stop's coordinates, or link an item that has them.")
    resolved = {"titles": values["titles"], "texts": values["texts"], "item": item}
    resolved |= {"exhibit_slug": slug, "exhibit_page": page}
    if point is not None:
        resolved |= {"latitude": point[0], "longitude": point[1]}
    return resolved


def item_point(item: Item) -> tuple[float, float] | None:
    """The item's own point, else its place's."""
    if item.latitude is not None and item.longitude is not None:
        return item.latitude, item.longitude
    place = item.place
    if place is not None and place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    return None


def exhibit_page(session: Session, text: str, errors: dict[str, str]) -> tuple[str | None, str | None]:
    """(slug, page key) of `slug/key` or `slug` when that exhibit (and page) exists, in any state."""
    if not text:
        return None, None
    slug, _sep, key = text.strip("/").partition("/")
    exhibit = session.scalars(select(Exhibit).where(Exhibit.slug == slug)).first()
    if exhibit is None or (key and blocks.load(exhibit.document).page(key) is None):
        errors["exhibit"] = _("There is no exhibit page “{page}”.").format(page=text)
        return None, None
    return slug, key or None


def exhibit_choices(session: Session) -> list[tuple[str, str]]:
    """(value, label) of every exhibit and each of its pages, for the stop form's list."""
    choices = []
    for exhibit in session.scalars(select(Exhibit).order_by(Exhibit.slug)):
        title = exhibit.titles.get(exhibit.language) or exhibit.slug
        choices.append((exhibit.slug, title))
        for page in blocks.load(exhibit.document).pages:
            name = next((text for code, text in page.titles.items() if code == exhibit.language), page.key)
            choices.append((f"{exhibit.slug}/{page.key}", f"{title} — {name}"))
    return choices
