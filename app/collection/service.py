"""Reading collections for visitors: only published items are counted or listed."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.collection.models import Collection, CollectionItem
from app.item.kinds import PUBLISHED
from app.item.models import Item


def get_by_slug(session: Session, slug: str) -> Collection | None:
    """One collection by its slug."""
    return session.scalars(select(Collection).where(Collection.slug == slug)).first()


def list_with_counts(session: Session) -> list[tuple[Collection, int]]:
    """Every collection with its number of published items, in the curators' order."""
    published_count = (
        select(func.count(CollectionItem.item_id))
        .join(Item, Item.id == CollectionItem.item_id)
        .where(CollectionItem.collection_id == Collection.id, Item.status == PUBLISHED)
        .scalar_subquery()
    )
    rows = session.execute(select(Collection, published_count).order_by(Collection.position, Collection.slug))
    return [(collection, count) for collection, count in rows.all()]


def count_items(session: Session, collection: Collection) -> int:
    """How many published items a collection holds."""
    return session.scalar(
        select(func.count()).select_from(CollectionItem).join(Item, Item.id == CollectionItem.item_id)
        .where(CollectionItem.collection_id == collection.id, Item.status == PUBLISHED)
    ) or 0
