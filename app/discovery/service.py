"""What the discovery surfaces list: only what visitors may see, read in column tuples and streamed.

Items are public when published and their details are open (a sealed or withdrawn interview is on no list:
app/interview/visitors.py decides it, as for the timeline); collections, exhibits and tours when published.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.collection.models import Collection, CollectionItem
from app.exhibit.models import Exhibit, ExhibitAgent
from app.interview.models import Interview
from app.interview.visitors import details_public
from app.item import service as item_service
from app.item.kinds import PUBLISHED
from app.item.models import Item, ItemAgent
from app.revision.models import ItemRevision
from app.tour.models import Tour

STREAM = 1000  # rows fetched at a time: a sitemap of 50,000 items never holds them all as objects


@dataclass(frozen=True)
class Page:
    """One public page of a sitemap: its route, the route's parameters, and when what it shows last changed."""

    name: str
    params: dict[str, str]
    lastmod: datetime | None


def public_items(today: date) -> Select:
    """Items visitors see in lists today."""
    return item_service.published().where(details_public(today))


def item_count(session: Session, today: date) -> int:
    """How many public items the sitemaps list."""
    return session.scalar(select(func.count()).select_from(public_items(today).subquery())) or 0


def _item_chunk(today: date, number: int, per_file: int) -> Select:
    query = public_items(today).with_only_columns(Item.identifier, Item.updated_at).order_by(Item.id)
    return query.offset((number - 1) * per_file).limit(per_file)


def item_rows(session: Session, today: date, number: int, per_file: int) -> Iterator[tuple[str, datetime]]:
    """(identifier, updated_at) of the public items of sitemap file `number` (1 first), streamed."""
    rows = session.execute(_item_chunk(today, number, per_file).execution_options(yield_per=STREAM))
    yield from rows


def item_chunk_lastmod(session: Session, today: date, number: int, per_file: int) -> datetime | None:
    """The latest change among the items of sitemap file `number`."""
    chunk = _item_chunk(today, number, per_file).subquery()
    return session.scalar(select(func.max(chunk.c.updated_at)))


def latest_change(session: Session) -> datetime | None:
    """The latest change to any item, collection, exhibit, tour or interview's access (withdrawals through the
    revision table; deletions are counted by `fingerprint`), what every discovery answer's validator starts from."""
    moments = [session.scalar(select(func.max(model.updated_at))) for model in (Item, Collection, Exhibit, Tour)]
    moments.append(session.scalar(select(func.max(ItemRevision.created_at))))
    # An interview sealed or withdrawn leaves every list without its item changing.
    moments.append(session.scalar(select(func.max(Interview.access_changed_at))))
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None


def fingerprint(session: Session) -> str:
    """Changes the moment anything listed changes: latest change plus the number of rows (a deletion counts)."""
    counts = [session.scalar(select(func.count()).select_from(model)) for model in (Item, Collection, Exhibit, Tour)]
    return f"{latest_change(session)}|{counts}"


def site_pages(session: Session, today: date) -> list[Page]:
    """The public pages that are not items: the home, lists, collections, exhibits with their pages, tours."""
    latest_item = session.scalar(public_items(today).with_only_columns(func.max(Item.updated_at)))
    pages = [Page(name, {}, latest_item) for name in ("home", "item.browse", "map.page", "timeline.page")]
    pages.append(Page("about", {}, None))
    pages += _collections(session)
    pages += _exhibits(session)
    pages += _tours(session)
    return pages


def _collections(session: Session) -> list[Page]:
    rows = session.execute(
        select(Collection.slug, Collection.updated_at).where(Collection.status == PUBLISHED).order_by(Collection.slug)
    )
    found = [Page("collection.detail", {"slug": slug}, updated) for slug, updated in rows]
    return [Page("collection.list", {}, max((p.lastmod for p in found if p.lastmod), default=None)), *found]


def _exhibits(session: Session) -> list[Page]:
    found: list[Page] = []
    for exhibit in session.scalars(select(Exhibit).where(Exhibit.status == PUBLISHED).order_by(Exhibit.slug)):
        found.append(Page("exhibit.detail", {"slug": exhibit.slug}, exhibit.updated_at))
        for key in page_keys(exhibit):
            found.append(Page("exhibit.page", {"slug": exhibit.slug, "key": key}, exhibit.updated_at))
    return [Page("exhibit.list", {}, max((p.lastmod for p in found if p.lastmod), default=None)), *found]


def page_keys(exhibit: Exhibit) -> list[str]:
    """The keys of an exhibit's pages (its document as stored, validated when it was saved)."""
    pages = (exhibit.document or {}).get("pages") or []
    return [str(page["key"]) for page in pages if isinstance(page, dict) and page.get("key")]


def _tours(session: Session) -> list[Page]:
    rows = session.execute(select(Tour.slug, Tour.updated_at).where(Tour.status == PUBLISHED).order_by(Tour.slug))
    found = [Page("tour.detail", {"slug": slug}, updated) for slug, updated in rows]
    return [Page("tour.list", {}, max((p.lastmod for p in found if p.lastmod), default=None)), *found]


def first_published() -> ColumnElement:
    """SQL: when an item was first published (its first published revision; an imported item: its creation)."""
    revision = (
        select(func.min(ItemRevision.created_at))
        .where(ItemRevision.item_id == Item.id, ItemRevision.status == PUBLISHED, ItemRevision.action != "baseline")
        .scalar_subquery()
    )
    return func.coalesce(revision, Item.created_at)


ITEM_LOAD = (selectinload(Item.media), selectinload(Item.credits).selectinload(ItemAgent.agent))


def newest_items(session: Session, today: date, limit: int, *, kind: str | None = None, collection=None) -> list:
    """The `limit` public items published last, with the moment each was published: [(item, published_at)]."""
    when = first_published().label("published_at")
    query = public_items(today).add_columns(when).options(*ITEM_LOAD)
    if kind is not None:
        query = query.where(Item.kind == kind)
    if collection is not None:
        query = query.where(
            Item.id.in_(select(CollectionItem.item_id).where(CollectionItem.collection_id == collection.id))
        )
    return [tuple(row) for row in session.execute(query.order_by(when.desc(), Item.id.desc()).limit(limit))]


def newest_exhibits(session: Session, limit: int) -> list[Exhibit]:
    """The `limit` exhibits published last, with their covers and credits."""
    query = select(Exhibit).where(Exhibit.status == PUBLISHED).order_by(Exhibit.published_at.desc(), Exhibit.id.desc())
    load = (selectinload(Exhibit.cover), selectinload(Exhibit.credits).selectinload(ExhibitAgent.agent))
    return list(session.scalars(query.options(*load).limit(limit)))


def public_collection(session: Session, slug: str) -> Collection | None:
    """A published collection by slug (a draft's feed is a 404)."""
    return session.scalars(select(Collection).where(Collection.slug == slug, Collection.status == PUBLISHED)).first()
