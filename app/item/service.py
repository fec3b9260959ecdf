"""Reading the public catalog: what visitors see, and nothing that is not published."""

from datetime import date

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from app.agent.models import CREATOR_ROLES, Agent
from app.collection.models import Collection, CollectionItem
from app.exhibit.models import Exhibit, ExhibitItem
from app.interview.visitors import details_public, not_withdrawn
from app.item.kinds import PUBLISHED
from app.item.models import Item, ItemAgent, ItemSubject
from app.item.schemas import ItemFilters
from app.media.models import Media
from app.pagination import Page
from app.place.models import Place
from app.subject.models import Subject

LIST_LOAD = (
    selectinload(Item.place),
    selectinload(Item.credits).selectinload(ItemAgent.agent),
    selectinload(Item.media),
)
DETAIL_LOAD = LIST_LOAD + (
    selectinload(Item.subject_links).selectinload(ItemSubject.subject),
    selectinload(Item.collection_links).selectinload(CollectionItem.collection),
    selectinload(Item.transcript),
)


def published() -> Select:
    """Items a visitor may see (a withdrawn interview is on no public surface)."""
    return select(Item).where(Item.status == PUBLISHED, not_withdrawn())


def get_public(session: Session, identifier: str) -> Item | None:
    """One published item with everything its page shows, in a fixed number of queries."""
    return session.scalars(published().where(Item.identifier == identifier).options(*DETAIL_LOAD)).first()


def get_with_details(session: Session, identifier: str) -> Item | None:
    """An item whatever its status, with everything its page (or the workspace's form) shows."""
    return session.scalars(select(Item).where(Item.identifier == identifier).options(*DETAIL_LOAD)).first()


def get_by_identifier(session: Session, identifier: str) -> Item | None:
    """An item whatever its status (for curators and tools)."""
    return session.scalars(select(Item).where(Item.identifier == identifier)).first()


def filtered(filters: ItemFilters) -> Select:
    """Published items matching the filters. A sealed interview's collections, exhibits, place, date, credits and
    subjects are not public (its API record empties them): it is found by none of these filters, as search and the
    timeline do not find it by them, only by its kind."""
    # Each linked filter is the list of its items, made once (IN), not a look-up for each of 100,000 items (EXISTS).
    query = published()
    if filters.kind:
        query = query.where(Item.kind == filters.kind)
    if filters.collection:
        shelved = select(CollectionItem.item_id).join(Collection)
        query = query.where(
            Item.id.in_(shelved.where(Collection.slug == filters.collection, Collection.status == PUBLISHED))
        )
    if filters.place:
        query = query.where(Item.place_id.in_(select(Place.id).where(Place.slug == filters.place)))
    if filters.period:
        first, last = filters.period
        # As search reads dates (app/search/schema.py): an open end (`après 1900`) is its known year.
        query = query.where(Item.date_earliest <= last, func.coalesce(Item.date_latest, Item.date_earliest) >= first)
    if filters.creator:
        credited = select(ItemAgent.item_id).join(Agent).where(ItemAgent.role.in_(CREATOR_ROLES))
        query = query.where(Item.id.in_(credited.where(Agent.slug == filters.creator)))
    if filters.subject:
        tagged = select(ItemSubject.item_id).join(Subject)
        query = query.where(Item.id.in_(tagged.where(Subject.slug == filters.subject)))
    if filters.exhibit:
        shown = select(ExhibitItem.item_id).join(Exhibit)
        query = query.where(Item.id.in_(shown.where(Exhibit.slug == filters.exhibit, Exhibit.status == PUBLISHED)))
    if filters.collection or filters.place or filters.period or filters.creator or filters.subject or filters.exhibit:
        query = query.where(details_public(date.today()))
    return query


# Leading marks a title sorts without: "#5" sorts as "5", "?Loch Eil" and "« Loch Eil »" as "loch eil".
LEADING_MARKS = "#?!¿¡*\"'«»“”‘’„(.,;:-_… "


def title_order() -> tuple[ColumnElement | InstrumentedAttribute, ...]:
    """Titles by their first letter or digit; a title in square brackets ("[no title]", "[Man on a horse]") is a
    cataloguer's description, not the work's title, and comes after the titled items."""
    bracketed = case((Item.sort_title.startswith("["), 1), else_=0)
    return bracketed, func.ltrim(Item.sort_title, LEADING_MARKS), Item.identifier


def has_image() -> ColumnElement[bool]:
    """The item has at least one image (a card with a picture rather than a designed card)."""
    return Item.media.any(Media.media_type == "image")


def selection_order() -> tuple[ColumnElement | InstrumentedAttribute, ...]:
    """The curated order: items with an image (pinned ones first), then the other pinned items, then the newest."""
    pictured = case((has_image(), 0), else_=1)
    pinned = case((Item.featured.is_(True), 0), else_=1)
    return pictured, pinned, Item.created_at.desc(), Item.id.desc()


def _ordered(query: Select, sort: str) -> Select:
    if sort == "date":
        # A sealed interview sorts as undated: its place among the dated items would tell its date.
        dated = case((details_public(date.today()), Item.date_earliest), else_=None)
        return query.order_by(dated.is_(None), dated, *title_order())
    if sort == "recent":
        return query.order_by(Item.created_at.desc(), Item.id.desc())
    if sort == "title":
        return query.order_by(*title_order())
    return query.order_by(*selection_order())


def list_public(session: Session, filters: ItemFilters, page: int, per_page: int) -> Page[Item]:
    """A page of published items matching the filters."""
    query = filtered(filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        _ordered(query, filters.sort).options(*LIST_LOAD).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return Page(items=list(rows), total=total, page=page, per_page=per_page)


def count_by_kind(session: Session) -> dict[str, int]:
    """How many published items of each kind."""
    rows = session.execute(
        select(Item.kind, func.count()).where(Item.status == PUBLISHED).group_by(Item.kind).order_by(Item.kind)
    )
    return dict(rows.all())


def recent(session: Session, limit: int = 8) -> list[Item]:
    """The latest published items."""
    query = published().order_by(Item.created_at.desc(), Item.id.desc()).limit(limit)
    return list(session.scalars(query.options(*LIST_LOAD)))


def featured(session: Session, limit: int = 6) -> list[Item]:
    """Items with an image for the home page: the ones curators pinned first, then others, always the same ones
    until the catalog changes (by title, so that a reload shows the same page)."""
    pinned = case((Item.featured.is_(True), 0), else_=1)
    query = published().where(has_image(), details_public(date.today())).order_by(pinned, *title_order()).limit(limit)
    return list(session.scalars(query.options(*LIST_LOAD)))


def centuries(session: Session) -> list[tuple[int, int]]:
    """(century start year, item count) for published dated items, oldest first."""
    start = (Item.date_earliest // 100) * 100
    rows = session.execute(
        select(start, func.count())
        .where(Item.status == PUBLISHED, Item.date_earliest.is_not(None))
        .group_by(start)
        .order_by(start)
    )
    # The query already leaves undated items out; the check says so to the type checker.
    return [(int(year), count) for year, count in rows.all() if year is not None]


def places(session: Session) -> list[tuple[Place, int]]:
    """Named places of published items, with counts."""
    rows = session.execute(
        select(Place, func.count(Item.id))
        .join(Item, Item.place_id == Place.id)
        .where(Item.status == PUBLISHED)
        .group_by(Place.id)
        .order_by(Place.name)
    )
    return [(place, count) for place, count in rows.all()]


def named_places(session: Session) -> list[Place]:
    """Named places of published items, for a filter's choices: without counts, a look-up per place rather than
    a pass over every item."""
    used = select(Item.id).where(Item.place_id == Place.id, Item.status == PUBLISHED).exists()
    return list(session.scalars(select(Place).where(used).order_by(Place.name)))


MEMORIES_SHOWN = 50


def related(session: Session, item: Item) -> tuple[Item | None, list[Item]]:
    """The published item this one names in `relation` (a memory names the item it is about), and the
    published items that name this one: residents' memories about it, oldest first."""
    named = None
    if item.relation:
        named = session.scalars(published().where(Item.identifier == item.relation)).first()
    memories = list(
        session.scalars(
            published().where(Item.relation == item.identifier).order_by(Item.created_at, Item.id).limit(MEMORIES_SHOWN)
        )
    )
    return named, memories
