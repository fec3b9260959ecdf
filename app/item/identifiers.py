"""Readable identifiers of new items: VIL-2026-0001, the year of creation and a number per year.

The number comes from a row of `identifier_sequences` bumped by an UPDATE, which the database serialises
(a row lock on PostgreSQL, the write lock on SQLite): two creations at the same moment, in two processes,
never get the same number, and a rolled-back creation gives its number back. Imports keep their own
identifiers; an identifier already taken (imported with this pattern) is skipped.
"""

import re
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.item.models import IdentifierSequence, Item

PREFIX = "VIL"


def next_identifier(session: Session, now: datetime | None = None, taken: frozenset[str] = frozenset()) -> str:
    """A new identifier for an item created `now` (the current time by default), used by no item nor in `taken`."""
    year = (now or utcnow()).year
    while True:
        identifier = f"{PREFIX}-{year}-{_next_number(session, year):04d}"
        if identifier not in taken and session.scalar(select(Item.id).where(Item.identifier == identifier)) is None:
            return identifier


def _next_number(session: Session, year: int) -> int:
    row = IdentifierSequence.__table__.c
    bumped = session.execute(update(IdentifierSequence).where(row.year == year).values(last=row.last + 1))
    if bumped.rowcount == 0:  # type: ignore[attr-defined]
        _start_year(session, year)
        return _next_number(session, year)
    return session.scalar(select(row.last).where(row.year == year)) or 0


def _start_year(session: Session, year: int) -> None:
    """The year's row, starting after the highest number already used (a concurrent start wins harmlessly)."""
    try:
        with session.begin_nested():
            session.add(IdentifierSequence(year=year, last=_highest_used(session, year)))
    except IntegrityError:
        pass


def _highest_used(session: Session, year: int) -> int:
    prefix = f"{PREFIX}-{year}-"
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    used = session.scalars(select(Item.identifier).where(Item.identifier.startswith(prefix, autoescape=True)))
    return max((int(m.group(1)) for i in used if (m := pattern.fullmatch(i))), default=0)
