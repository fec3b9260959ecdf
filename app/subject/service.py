"""Finding or creating subjects by name, matched on the name's slug."""

from collections.abc import Iterable

from sqlalchemy.orm import Session

from app import named
from app.subject.models import Subject


def get_or_create(session: Session, name: str) -> Subject:
    """The subject named so (by slug), created when there is none."""
    return named.get_or_create(session, Subject, name)


def ensure_ids(session: Session, names: Iterable[str], cache: dict[str, int | None], *, create: bool = True) -> None:
    """Cache the id of each name's subject (slug -> id), creating the missing ones."""
    named.ensure_ids(session, Subject, names, cache, create=create)
