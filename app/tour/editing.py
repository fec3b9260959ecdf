"""Creating and editing tours and their stops from the workspace, each change a revision. Never commits."""

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.agent import service as agent_service
from app.item.kinds import DRAFT, IN_REVIEW
from app.item.models import Item
from app.media.models import Media
from app.publishing import revisions
from app.tour.models import Tour, TourAgent, TourStop
from app.tour.publishing import AUDIO_FIELDS, STOP_FIELDS, TOUR, first_images

EDITED = ("language", "languages", "titles", "summaries")
LOAD = (
    selectinload(Tour.cover),
    selectinload(Tour.credits).selectinload(TourAgent.agent),
    selectinload(Tour.stops).selectinload(TourStop.item),
)


class SlugTaken(ValueError):
    """Another tour already has the slug."""


def load(session: Session, slug: str) -> Tour | None:
    """A tour in any state, with its cover, credits and stops (and their items)."""
    return session.scalars(select(Tour).where(Tour.slug == slug).options(*LOAD)).first()


def listing(session: Session) -> list[Tour]:
    """Every tour whatever its state, the last changed first."""
    return list(session.scalars(select(Tour).order_by(Tour.updated_at.desc(), Tour.id.desc())))


def in_review(session: Session) -> list[Tour]:
    """The tours waiting for a supervisor, the oldest change first."""
    return list(session.scalars(select(Tour).where(Tour.status == IN_REVIEW).order_by(Tour.updated_at, Tour.id)))


def create(session: Session, values: dict, user) -> Tour:
    """A new draft tour with `values` (slug, EDITED, optionally credits), without stops, and its first revision."""
    if session.scalar(select(Tour.id).where(Tour.slug == values["slug"])) is not None:
        raise SlugTaken(values["slug"])
    tour = Tour(slug=values["slug"], status=DRAFT, **{name: values[name] for name in EDITED if name in values})
    tour.cover = None
    tour.credits = []
    tour.stops = []
    session.add(tour)
    session.flush()
    _set_credits(session, tour, values.get("credits", []))
    session.flush()
    revisions.record(session, tour, user, revisions.CREATE, None)
    return tour


def update(session: Session, tour: Tour, values: dict, user, base: int):
    """Save `values` (EDITED, credits, cover) over the tour edited from revision `base`; StaleEdit if someone
    saved since. None when nothing changed."""
    revisions.start_edit(session, TOUR, tour.id, base)
    before = TOUR.take(tour)
    for name in EDITED:
        if name in values:
            setattr(tour, name, values[name])
    if "credits" in values:
        _set_credits(session, tour, values["credits"])
    if "cover" in values:
        tour.cover = values["cover"]
    session.flush()
    return revisions.record(session, tour, user, revisions.EDIT, before)


def add_stop(session: Session, tour: Tour, values: dict, user, base: int, at: int | None = None):
    """Insert a stop with `values` (STOP_FIELDS, item, audio) at `at` (the end by default)."""
    revisions.start_edit(session, TOUR, tour.id, base)
    before = TOUR.take(tour)
    stops = list(tour.stops)
    stop = TourStop(latitude=values["latitude"], longitude=values["longitude"], item=None)
    _fill(stop, values)
    stops.insert(len(stops) if at is None else max(0, min(at, len(stops))), stop)
    _renumber(tour, stops)
    session.flush()
    return revisions.record(session, tour, user, revisions.EDIT, before)


def update_stop(session: Session, tour: Tour, index: int, values: dict, user, base: int):
    """Change the stop at `index` (IndexError when there is none)."""
    revisions.start_edit(session, TOUR, tour.id, base)
    before = TOUR.take(tour)
    _fill(tour.stops[index], values)
    session.flush()
    return revisions.record(session, tour, user, revisions.EDIT, before)


def move_stop(session: Session, tour: Tour, index: int, offset: int, user, base: int):
    """Move the stop at `index` by `offset` places (kept within the tour)."""
    revisions.start_edit(session, TOUR, tour.id, base)
    before = TOUR.take(tour)
    stops = list(tour.stops)
    stop = stops.pop(index)
    stops.insert(max(0, min(index + offset, len(stops))), stop)
    _renumber(tour, stops)
    session.flush()
    return revisions.record(session, tour, user, revisions.EDIT, before)


def remove_stop(session: Session, tour: Tour, index: int, user, base: int):
    """Remove the stop at `index` (its audio file stays stored: another stop or a revision may use it)."""
    revisions.start_edit(session, TOUR, tour.id, base)
    before = TOUR.take(tour)
    stops = list(tour.stops)
    stops.pop(index)
    _renumber(tour, stops)
    session.flush()
    return revisions.record(session, tour, user, revisions.EDIT, before)


def restore(session: Session, tour: Tour, number: int, user, base: int):
    """Bring back the values of revision `number` (texts, credits, cover and stops) as a new revision."""
    revisions.start_edit(session, TOUR, tour.id, base)
    old = revisions.get(session, TOUR, tour.id, number)
    if old is None:
        raise LookupError(number)
    before = TOUR.take(tour)
    snapshot = old.snapshot
    for name in EDITED:
        if name in snapshot:
            setattr(tour, name, snapshot[name])
    _set_credits(session, tour, [tuple(credit) for credit in snapshot.get("credits", [])])
    cover_id = snapshot.get("cover")
    tour.cover = session.get(Media, cover_id) if cover_id else None
    stops = []
    for values in snapshot.get("stops", []):
        stop = TourStop(latitude=values["latitude"], longitude=values["longitude"])
        _fill(stop, values | {"item": item_by_identifier(session, values.get("item"))})
        stops.append(stop)
    _renumber(tour, stops)
    session.flush()
    return revisions.record(session, tour, user, revisions.RESTORE, before)


def _fill(stop: TourStop, values: dict) -> None:
    for name in (*STOP_FIELDS, *AUDIO_FIELDS):
        if name in values:
            setattr(stop, name, values[name])
    if "item" in values:
        stop.item = values["item"]


def _renumber(tour: Tour, stops: list[TourStop]) -> None:
    for position, stop in enumerate(stops):
        stop.position = position
    tour.stops = stops


def _set_credits(session: Session, tour: Tour, credits: list[tuple[str, str]]) -> None:
    """Credit each (name, role) once, in order; a name is matched to an existing person by its slug."""
    existing = {(credit.agent_id, credit.role): credit for credit in tour.credits}
    kept: dict[tuple[int, str], TourAgent] = {}
    for name, role in credits:
        agent = agent_service.get_or_create(session, name)
        session.flush()
        if (agent.id, role) not in kept:
            credit = existing.get((agent.id, role)) or TourAgent(agent=agent, role=role)
            credit.position = len(kept)
            kept[(agent.id, role)] = credit
    tour.credits = list(kept.values())


def item_by_identifier(session: Session, identifier: str | None) -> Item | None:
    """A catalog item (any state) by its identifier, with its place."""
    if not identifier:
        return None
    query = select(Item).where(Item.identifier == identifier).options(selectinload(Item.place))
    return session.scalars(query).first()


def cover_choices(session: Session, tour: Tour) -> list[Media]:
    """The first image of each stop's item, in the order of the stops (with their items)."""
    images = first_images(session, [stop.item_id for stop in tour.stops if stop.item_id is not None])
    chosen = [images[stop.item_id] for stop in tour.stops if stop.item_id in images]
    found = list({media.id: media for media in chosen}.values())
    if found:
        ids = [media.id for media in found]
        session.scalars(select(Media).where(Media.id.in_(ids)).options(selectinload(Media.item))).all()
    return found
