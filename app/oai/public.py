"""Which items harvesters see, and their sets: the rules of the public pages, not decided again here."""

from datetime import date

from sqlalchemy import ColumnElement, Select, select

from app.collection.models import Collection, CollectionItem
from app.interview.visitors import details_public
from app.item.kinds import KINDS, PUBLISHED
from app.item.models import Item


def is_public(today: date) -> tuple[ColumnElement[bool], ...]:
    """SQL: the item is published and its details are public today (no withdrawn, nor sealed, interview)."""
    return (Item.status == PUBLISHED, details_public(today))


def public_ids(today: date) -> Select:
    """The ids of the items harvesters see today."""
    return select(Item.id).where(*is_public(today))


def published_collections() -> Select:
    """The published collections, in their order (each is a set)."""
    return select(Collection).where(Collection.status == PUBLISHED).order_by(Collection.position, Collection.id)


def collection_items(slug: str) -> Select:
    """The ids of the items of the published collection `slug`."""
    return (
        select(CollectionItem.item_id).join(Collection).where(Collection.slug == slug, Collection.status == PUBLISHED)
    )


def set_specs(kind: str, collection_slugs: list[str]) -> list[str]:
    """The setSpecs of an item of this kind in these (published) collections."""
    return [f"kind:{kind}", *(f"collection:{slug}" for slug in collection_slugs)]


def kind_specs() -> list[str]:
    """Every kind's setSpec."""
    return [f"kind:{kind}" for kind in KINDS]


def collection_slugs(ids: list[int]) -> Select:
    """(item id, slug) of the published collections of the items `ids`."""
    return (
        select(CollectionItem.item_id, Collection.slug)
        .join(Collection)
        .where(CollectionItem.item_id.in_(ids), Collection.status == PUBLISHED)
        .order_by(Collection.slug)
    )
