"""A sealed interview in a list of items is its notice: its title, kind and identifier, as its page, search and
the API show it until its seal opens (app/interview/access.py). A list's card would otherwise give its date, place
and first image (templates/_macros/items.html reads these attribute names from a Notice as from an Item)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.interview.visitors import details_public
from app.item.models import Item
from app.pagination import Page


@dataclass(frozen=True, slots=True)
class Notice:
    identifier: str
    kind: str
    titles: dict
    language: str | None
    date_text: None = None
    place: None = None
    place_near: bool = False
    media: tuple = ()


def as_listed(session: Session, items: list[Item], today: date | None = None) -> list[Item | Notice]:
    """The items as a list shows them: each whose details are not public today as its notice (one query)."""
    if not items:
        return []
    hidden = set(
        session.scalars(
            select(Item.id).where(Item.id.in_([item.id for item in items]), ~details_public(today or date.today()))
        )
    )
    return [Notice(i.identifier, i.kind, i.titles, i.language) if i.id in hidden else i for i in items]


def listed_page(session: Session, page: Page[Item]) -> Page[Item | Notice]:
    """A page of items as a list shows them (`as_listed`)."""
    return Page(as_listed(session, page.items), page.total, page.page, page.per_page)
