"""Finding or creating rows that are known by a name and matched on its slug (agents, places, subjects)."""

from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent.models import Agent
from app.place.models import Place
from app.slugs import slugify
from app.subject.models import Subject

# The mapped classes with a name and a unique slug.
Named = TypeVar("Named", Agent, Place, Subject)


def get_or_create(session: Session, model: type[Named], name: str) -> Named:
    """The row whose slug is the name's slug, created with this name when there is none."""
    slug = slugify(name)
    found = session.scalars(select(model).where(model.slug == slug)).first()
    if found is None:
        found = model(name=name.strip(), slug=slug)
        session.add(found)
    return found


def ensure_ids(
    session: Session,
    model: type[Agent | Place | Subject],
    names: Iterable[str],
    cache: dict[str, int | None],
    *,
    create: bool = True,
) -> None:
    """Put the id of each name's row into `cache` (slug -> id), creating missing ones with one flush.

    Only slugs not yet cached are looked up, so an import run asks once per distinct name. With
    `create=False` (dry runs) missing names are cached as None and nothing is written.
    """
    wanted: dict[str, str] = {}
    for name in names:
        slug = slugify(name)
        if slug and slug not in cache:
            wanted.setdefault(slug, name.strip())
    if not wanted:
        return
    found = session.execute(select(model.slug, model.id).where(model.slug.in_(list(wanted))))
    cache.update({slug: found_id for slug, found_id in found})
    missing = [model(name=name, slug=slug) for slug, name in wanted.items() if slug not in cache]
    if missing and create:
        session.add_all(missing)
        session.flush()
    cache.update({row.slug: (row.id if create else None) for row in missing})
