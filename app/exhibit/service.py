"""Reading exhibits for visitors: the published ones, and the catalog items a document shows, in a fixed
number of queries whatever the number of blocks."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitAgent, ExhibitItem
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.item.service import LIST_LOAD

LOAD = (selectinload(Exhibit.cover), selectinload(Exhibit.credits).selectinload(ExhibitAgent.agent))


def published(session: Session) -> list[Exhibit]:
    """The published exhibits, the last published first, with their covers and credits."""
    query = select(Exhibit).where(Exhibit.status == PUBLISHED).options(*LOAD)
    return list(session.scalars(query.order_by(Exhibit.published_at.desc(), Exhibit.id.desc())))


def get_published(session: Session, slug: str) -> Exhibit | None:
    """A published exhibit by its slug, with its cover and credits."""
    query = select(Exhibit).where(Exhibit.slug == slug, Exhibit.status == PUBLISHED).options(*LOAD)
    return session.scalars(query).first()


def items_shown(session: Session, document: blocks.Document, *, visitors: bool = True) -> dict[str, Item]:
    """{identifier: item} of the items the document shows, with their media, place and credits: for visitors
    the published ones only (a block whose item is not among them shows nothing of it)."""
    wanted = document.item_identifiers()
    if not wanted:
        return {}
    query = select(Item).where(Item.identifier.in_(wanted)).options(*LIST_LOAD)
    return {item.identifier: item for item in session.scalars(query) if not visitors or item.status == PUBLISHED}


def exhibits_showing(session: Session, item: Item) -> list[Exhibit]:
    """The published exhibits an item appears in, the last published first (for the item's page)."""
    query = (
        select(Exhibit)
        .join(ExhibitItem, ExhibitItem.exhibit_id == Exhibit.id)
        .where(ExhibitItem.item_id == item.id, Exhibit.status == PUBLISHED)
        .order_by(Exhibit.published_at.desc(), Exhibit.id.desc())
    )
    return list(session.scalars(query))
