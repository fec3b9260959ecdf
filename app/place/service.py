"""Places: the shipped list loaded into the database, and places found by any of their names."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import named
from app.place.gazetteer import Entry
from app.place.models import COMMUNE, COUNTRY, REGION, Place
from app.slugs import slugify

LISTED_KINDS = (COMMUNE, REGION, COUNTRY)


def get_or_create(session: Session, name: str) -> Place:
    """The place known by this name (in any language or spelling), created when there is none."""
    return find(session, name) or named.get_or_create(session, Place, name)


def find(session: Session, name: str) -> Place | None:
    """The place whose slug, or one of whose names, has this name's slug."""
    slug = slugify(name)
    found = session.scalars(select(Place).where(Place.slug == slug)).first()
    if found is not None or not slug:
        return found
    place_id = name_slugs(session).get(slug)
    return session.get(Place, place_id) if place_id is not None else None


def ensure_ids(session: Session, names: Iterable[str], cache: dict[str, int | None], *, create: bool = True) -> None:
    """Cache the id of each name's place (slug -> id): a listed place's other names find it; the
    unknown names are created as new places."""
    names = list(names)
    unknown = {slugify(name) for name in names} - cache.keys()
    if unknown:
        known = name_slugs(session)
        cache.update({slug: known[slug] for slug in unknown if slug in known})
    named.ensure_ids(session, Place, names, cache, create=create)


def name_slugs(session: Session) -> dict[str, int]:
    """{slug of a name or spelling: place id} for the places that have names by language."""
    found: dict[str, int] = {}
    rows = session.execute(select(Place.id, Place.names, Place.other_names).where(Place.kind != COUNTRY))
    for place_id, names, others in rows:
        for name in [*(names or {}).values(), *(others or [])]:
            found.setdefault(slugify(name), place_id)
    return found


def load_list(session: Session, entries: list[Entry]) -> tuple[int, int]:
    """Create or update the listed places (matched by slug); (created, updated). Other places stay."""
    query = select(Place).where(Place.slug.in_([entry.slug for entry in entries]))
    existing = {place.slug: place for place in session.scalars(query)}
    created = updated = 0
    for entry in entries:
        place = existing.get(entry.slug)
        if place is None:
            session.add(Place(slug=entry.slug, **_values(entry)))
            created += 1
        elif any(getattr(place, key) != value for key, value in _values(entry).items()):
            for key, value in _values(entry).items():
                setattr(place, key, value)
            updated += 1
    session.flush()
    return created, updated


def _values(entry: Entry) -> dict:
    return {
        "name": entry.name,
        "kind": entry.kind,
        "country": entry.country,
        "names": dict(entry.names),
        "other_names": list(entry.other_names),
        "latitude": entry.latitude,
        "longitude": entry.longitude,
    }


def listed(session: Session) -> list[Place]:
    """Communes and regions, for pickers (countries are not where a memory happened)."""
    query = select(Place).where(Place.kind.in_((COMMUNE, REGION))).order_by(Place.slug)
    return list(session.scalars(query))
