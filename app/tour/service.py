"""Reading tours for visitors: the published ones, a tour with its stops, and what a plaque needs of them."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.tour.models import Tour, TourAgent, TourStop

LOAD = (
    selectinload(Tour.cover),
    selectinload(Tour.credits).selectinload(TourAgent.agent),
    selectinload(Tour.stops).selectinload(TourStop.item).selectinload(Item.place),
)


def published(session: Session) -> list[Tour]:
    """The published tours, the last published first, with their stops."""
    query = select(Tour).where(Tour.status == PUBLISHED).options(*LOAD)
    return list(session.scalars(query.order_by(Tour.published_at.desc(), Tour.id.desc())))


def get_published(session: Session, slug: str) -> Tour | None:
    """A published tour by its slug, with its cover, credits and stops (and their items)."""
    return session.scalars(select(Tour).where(Tour.slug == slug, Tour.status == PUBLISHED).options(*LOAD)).first()


@dataclass(frozen=True)
class StopPoint:
    """A stop of a published tour as the map shows it: its tour's slug and titles, its number (1 for the first),
    titles and point."""

    slug: str
    number: int
    titles: dict[str, str]
    tour_titles: dict[str, str]
    language: str
    latitude: float
    longitude: float


def published_stops(session: Session) -> list[StopPoint]:
    """Every stop of every published tour, numbered as visitors count them (one query)."""
    query = (
        select(Tour.slug, Tour.titles, Tour.language, TourStop.titles, TourStop.latitude, TourStop.longitude)
        .join(TourStop, TourStop.tour_id == Tour.id)
        .where(Tour.status == PUBLISHED)
        .order_by(Tour.id, TourStop.position, TourStop.id)
    )
    found: list[StopPoint] = []
    numbers: dict[str, int] = {}
    for slug, tour_titles, language, titles, latitude, longitude in session.execute(query):
        numbers[slug] = numbers.get(slug, 0) + 1
        found.append(StopPoint(slug, numbers[slug], titles or {}, tour_titles or {}, language, latitude, longitude))
    return found


def stops_at(session: Session, item: Item) -> list[StopPoint]:
    """The stops of published tours that show `item`, numbered as visitors count them (for the item's page)."""
    tour_ids = select(TourStop.tour_id).where(TourStop.item_id == item.id)
    query = (
        select(Tour.slug, Tour.titles, Tour.language, TourStop.titles, TourStop.latitude, TourStop.longitude)
        .add_columns(TourStop.item_id)
        .join(TourStop, TourStop.tour_id == Tour.id)
        .where(Tour.status == PUBLISHED, Tour.id.in_(tour_ids))
        .order_by(Tour.published_at.desc(), Tour.id, TourStop.position, TourStop.id)
    )
    found: list[StopPoint] = []
    numbers: dict[str, int] = {}
    for slug, tour_titles, language, titles, latitude, longitude, item_id in session.execute(query):
        numbers[slug] = numbers.get(slug, 0) + 1
        if item_id == item.id:
            found.append(StopPoint(slug, numbers[slug], titles or {}, tour_titles or {}, language, latitude, longitude))
    return found


def stop_at(tour: Tour, number: int) -> TourStop | None:
    """The tour's stop number `number` (1 for the first), as visitors count them."""
    return tour.stops[number - 1] if 1 <= number <= len(tour.stops) else None


def public_item(stop: TourStop) -> Item | None:
    """The stop's item when visitors may see it (published)."""
    return stop.item if stop.item is not None and stop.item.status == PUBLISHED else None


@dataclass(frozen=True)
class Label:
    """What a QR plaque prints of a tour or a stop: its titles by language and its permanent path."""

    titles: dict[str, str]
    path: str


def tour_label(session: Session, slug: str) -> Label | None:
    """A published tour's titles by language and permanent path (`/tours/{slug}`); None when not published."""
    tour = session.scalars(select(Tour).where(Tour.slug == slug, Tour.status == PUBLISHED)).first()
    return Label(dict(tour.titles), f"/tours/{tour.slug}") if tour is not None else None


def stop_label(session: Session, slug: str, number: int) -> Label | None:
    """A published tour's stop `number` (1 for the first): its titles by language and permanent path
    (`/tours/{slug}/stops/{number}`); None when there is no such stop on a published tour."""
    tour = get_published(session, slug)
    stop = stop_at(tour, number) if tour is not None else None
    return Label(dict(stop.titles), f"/tours/{slug}/stops/{number}") if stop is not None else None
