"""Interview items with everything their transcript and index operations need, loaded up front. Never commits."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.item.models import Item
from app.item.service import DETAIL_LOAD

INTERVIEW = "interview"
# Everything a transcript import or export reads, beyond what the item's page shows (which the revision
# snapshot needs): `Item.transcript` and the others are lazy="raise".
INTERVIEW_LOAD = DETAIL_LOAD + (
    selectinload(Item.index_segments),
    selectinload(Item.interview),
    selectinload(Item.redactions),
)


class NotFound(LookupError):
    """No item has this identifier."""


class NotAnInterview(ValueError):
    """The item is not an oral memory: it has no recording to time a transcript against."""


def load(session: Session, identifier: str) -> Item | None:
    """An item in any state with its cues, index segments, interview row and redactions."""
    return session.scalars(select(Item).where(Item.identifier == identifier).options(*INTERVIEW_LOAD)).first()


def load_interview(session: Session, identifier: str) -> Item:
    """The interview item `identifier`; NotFound or NotAnInterview otherwise."""
    item = load(session, identifier)
    if item is None:
        raise NotFound(identifier)
    if item.kind != INTERVIEW:
        raise NotAnInterview(identifier)
    return item


def today() -> date:
    """The date access levels are judged on (UTC, as every stored time)."""
    return utcnow().date()
