"""What a search result shows of an item beside its title and kind (which come from the index): its place,
date and first image, read as plain columns in three small queries rather than as whole items.

A search page lists twenty hits; loading them as ORM items (every column of each, then their places and
every media row) was a tenth of the page's time. The card macros (templates/_macros/items.html) read the
same attribute names from a Card as from an Item. A sealed interview's card is its notice: no place, date or image
until its seal opens, as on its page.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interview.visitors import details_public
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media
from app.place.models import Place


@dataclass(frozen=True, slots=True)
class CardImage:
    """The columns of an image that its derivatives' URLs and sizes need (app/media/urls.py)."""

    sha256: str
    width: int | None
    height: int | None
    derivatives_status: str
    media_type: str = "image"


@dataclass(frozen=True, slots=True)
class Card:
    identifier: str
    kind: str
    date_text: str | None
    place: Place | None
    place_near: bool
    media: tuple[CardImage, ...]  # the first image only, or none


def by_identifiers(session: Session, identifiers: list[str]) -> dict[str, Card]:
    """The cards of the published items among `identifiers`."""
    if not identifiers:
        return {}
    # By identifier alone, the status checked here: with both in the query, SQLite (without ANALYZE statistics)
    # walked the status index over every published item, a tenth of a second per search page on 100,000 items.
    columns = (Item.id, Item.identifier, Item.status, Item.kind, Item.date_text, Item.place_id, Item.place_near)
    rows = session.execute(
        select(*columns, details_public(date.today()).label("open")).where(Item.identifier.in_(identifiers))
    ).all()
    rows = [row for row in rows if row.status == PUBLISHED]
    images = _first_images(session, [row.id for row in rows if row.open])
    places = _places(session, {row.place_id for row in rows if row.place_id is not None and row.open})
    return {row.identifier: _card(row, places, images) if row.open else _notice(row) for row in rows}


def _card(row, places: dict[int, Place], images: dict[int, tuple[CardImage, ...]]) -> Card:
    place = places.get(row.place_id) if row.place_id is not None else None
    return Card(row.identifier, row.kind, row.date_text, place, bool(row.place_near), images.get(row.id, ()))


def _notice(row) -> Card:
    """A sealed interview's card: its kind and identifier (the title is the index's)."""
    return Card(row.identifier, row.kind, None, None, False, ())


def _first_images(session: Session, item_ids: list[int]) -> dict[int, tuple[CardImage, ...]]:
    if not item_ids:
        return {}
    rows = session.execute(
        select(Media.item_id, Media.sha256, Media.width, Media.height, Media.derivatives_status)
        .where(Media.item_id.in_(item_ids), Media.media_type == "image")
        .order_by(Media.item_id, Media.position, Media.id)
    )
    first: dict[int, tuple[CardImage, ...]] = {}
    for item_id, sha256, width, height, status in rows:
        first.setdefault(item_id, (CardImage(sha256, width, height, status),))
    return first


def _places(session: Session, place_ids: set[int]) -> dict[int, Place]:
    if not place_ids:
        return {}
    return {place.id: place for place in session.scalars(select(Place).where(Place.id.in_(place_ids)))}
