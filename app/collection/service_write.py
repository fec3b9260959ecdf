"""Finding or creating collections named in imported rows, and placing new items at their end."""

from collections.abc import Iterable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.collection.models import Collection, CollectionItem
from app.slugs import slugify

SLUG_LENGTH = 100


def collection_slug(name: str) -> str:
    """The slug a collection named `name` gets (or already has, when `name` is a slug)."""
    return slugify(name)[:SLUG_LENGTH].strip("-")


def ensure_ids(
    session: Session, names: Iterable[str], language: str, cache: dict[str, int | None], *, create: bool = True
) -> None:
    """Cache (name -> id) the collections named by slug or by title, creating unknown ones with one flush.

    A value is first taken as a slug as written, then as a name whose slug is looked up; an unknown
    name becomes a collection titled with it in `language`. With `create=False` nothing is written.
    """
    wanted = {name: collection_slug(name) for name in names if name not in cache and collection_slug(name)}
    if not wanted:
        return
    query = select(Collection.slug, Collection.id).where(
        or_(Collection.slug.in_(list(wanted)), Collection.slug.in_(list(wanted.values())))
    )
    by_slug = {slug: found_id for slug, found_id in session.execute(query)}
    new: dict[str, Collection] = {}
    for name, slug in wanted.items():
        if name in by_slug or slug in by_slug:
            cache[name] = by_slug.get(name, by_slug.get(slug))
        elif create:
            new.setdefault(slug, Collection(slug=slug, language=language, titles={language: name.strip()}))
        else:
            cache[name] = None
    if new:
        session.add_all(new.values())
        session.flush()
        cache.update({name: new[slug].id for name, slug in wanted.items() if slug in new})


def next_position(session: Session, collection_id: int, cache: dict[int, int]) -> int:
    """The position after the last item of a collection (asked once per collection and run)."""
    if collection_id not in cache:
        last = session.scalar(
            select(func.max(CollectionItem.position)).where(CollectionItem.collection_id == collection_id)
        )
        cache[collection_id] = -1 if last is None else last
    cache[collection_id] += 1
    return cache[collection_id]
