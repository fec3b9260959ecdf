"""Which records the copy leaves out although the app answers their address: the decision is app/interview's."""

from collections.abc import Iterator
from datetime import date

from sqlalchemy import not_
from sqlalchemy.orm import Session

from app.discovery.service import public_items as listed
from app.interview.visitors import details_public
from app.item import service as item_service
from app.item.models import Item


def hidden_items(session: Session, today: date) -> Iterator[str]:
    """Identifiers of published items whose details are not public today (a sealed or withdrawn interview)."""
    query = item_service.published().where(not_(details_public(today))).with_only_columns(Item.identifier)
    yield from session.scalars(query)


def public_items(session: Session, today: date) -> list[str]:
    """Identifiers of the items visitors see in lists today, in catalog order."""
    return list(session.scalars(listed(today).with_only_columns(Item.identifier).order_by(Item.id)))
