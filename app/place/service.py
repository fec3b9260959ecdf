"""Finding or creating places by name, matched on the name's slug."""

from collections.abc import Iterable

from sqlalchemy.orm import Session

from app import named
from app.place.models import Place


def get_or_create(session: Session, name: str) -> Place:
    """The place named so (by slug), created when there is none."""
    return named.get_or_create(session, Place, name)


def ensure_ids(session: Session, names: Iterable[str], cache: dict[str, int | None], *, create: bool = True) -> None:
    """Cache the id of each name's place (slug -> id), creating the missing ones."""
    named.ensure_ids(session, Place, names, cache, create=create)
