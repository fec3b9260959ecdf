"""Reading items for Europeana: the public item's graph, and the workspace's list of items by tier."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.edm.refresh import LOAD
from app.item.models import Item
from app.oai.public import is_public
from app.pagination import Page

CONTENT_TIERS = (0, 1, 2, 3, 4)
METADATA_TIERS = ("0", "A", "B", "C")


def get_public(session: Session, identifier: str, today: date) -> Item | None:
    """A public item (the harvesters' rule, app/oai/public.py) with what its graph shows."""
    query = select(Item).where(Item.identifier == identifier, *is_public(today)).options(*LOAD)
    return session.scalars(query).first()


def by_tier(session: Session, content: int | None, metadata: str | None, page: int, per_page: int) -> Page[Item]:
    """Items of any status with these stored tiers (None: any), the lowest tiers first."""
    query = select(Item)
    if content is not None:
        query = query.where(Item.content_tier == content)
    if metadata is not None:
        query = query.where(Item.metadata_tier == metadata)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ordered = query.order_by(Item.content_tier, Item.metadata_tier, Item.sort_title, Item.id)
    rows = session.scalars(ordered.offset((page - 1) * per_page).limit(per_page)).all()
    return Page(items=list(rows), total=total, page=page, per_page=per_page)
