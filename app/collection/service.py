"""Reading collections for visitors: only published collections, and only their published items counted."""

from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.collection.models import Collection, CollectionItem
from app.interview import access
from app.interview.visitors import details_public
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.media.models import Media

# The cover with its item, whose status says whether visitors may see it.
COVER = selectinload(Collection.cover).selectinload(Media.item).selectinload(Item.interview)


def published() -> Select:
    """Collections a visitor may see."""
    return select(Collection).where(Collection.status == PUBLISHED)


def get_by_slug(session: Session, slug: str) -> Collection | None:
    """One published collection by its slug (drafts, collections in review and withdrawn ones are not found)."""
    return session.scalars(published().where(Collection.slug == slug).options(COVER)).first()


def list_with_counts(session: Session) -> list[tuple[Collection, int]]:
    """Every published collection with its number of published items, in the curators' order."""
    published_count = (
        select(func.count(CollectionItem.item_id))
        .join(Item, Item.id == CollectionItem.item_id)
        .where(CollectionItem.collection_id == Collection.id, Item.status == PUBLISHED)
        .scalar_subquery()
    )
    query = (
        select(Collection, published_count)
        .where(Collection.status == PUBLISHED)
        .options(COVER)
        .order_by(Collection.position, Collection.slug)
    )
    return [(collection, count) for collection, count in session.execute(query).all()]


def visible(collections: list[Collection]) -> list[Collection]:
    """The published ones of these collections (an item's links name drafts too)."""
    return [collection for collection in collections if collection.status == PUBLISHED]


def public_cover(collection: Collection) -> Media | None:
    """The collection's cover if visitors may see it: its item is published and its details public, not a sealed
    interview's (app/media/access.py's rule)."""
    cover = collection.cover
    if cover is None or not access.details_are_public(cover.item, cover.item.interview, date.today()):
        return None
    return cover


def count_items(session: Session, collection: Collection) -> int:
    """How many published items a collection holds."""
    return (
        session.scalar(
            select(func.count())
            .select_from(CollectionItem)
            .join(Item, Item.id == CollectionItem.item_id)
            .where(CollectionItem.collection_id == collection.id, Item.status == PUBLISHED)
        )
        or 0
    )


def covers(session: Session, collections: list[Collection]) -> dict[int, Media | None]:
    """Each collection's picture for visitors: its public cover, else the first image (in the collection's order)
    of one of its published items, else None."""
    chosen: dict[int, Media | None] = {collection.id: public_cover(collection) for collection in collections}
    missing = [collection_id for collection_id, media in chosen.items() if media is None]
    if missing:
        chosen |= _first_images(session, missing)
    return chosen


def _first_images(session: Session, collection_ids: list[int]) -> dict[int, Media]:
    rank = (
        func.row_number()
        .over(partition_by=CollectionItem.collection_id, order_by=(CollectionItem.position, Media.position, Media.id))
        .label("rank")
    )
    ranked = (
        select(CollectionItem.collection_id, Media.id.label("media_id"), rank)
        .join(Item, Item.id == CollectionItem.item_id)
        .join(Media, Media.item_id == Item.id)
        .where(
            CollectionItem.collection_id.in_(collection_ids),
            Item.status == PUBLISHED,
            details_public(date.today()),  # not a sealed (or withdrawn) interview's picture
            Media.media_type == "image",
        )
        .subquery()
    )
    rows = session.execute(select(ranked.c.collection_id, ranked.c.media_id).where(ranked.c.rank == 1)).all()
    media = {row.id: row for row in session.scalars(select(Media).where(Media.id.in_([r.media_id for r in rows])))}
    return {row.collection_id: media[row.media_id] for row in rows}
