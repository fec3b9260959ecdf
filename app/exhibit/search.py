"""What exhibits put in the search index: the "in exhibit" facet of the items they show.

An item's document names the published exhibits showing it (app/item/search.py reads them); here the
search outbox learns which items a flush touches through exhibits: one published, withdrawn, renamed or
rewritten while it is (or was) published, both the items it shows now and those it showed before.
"""

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitItem
from app.item.kinds import PUBLISHED
from app.item.models import Item

# An exhibit's columns that its items' documents show (through its status, its titles, the items it shows).
WATCHED = ("status", "titles", "document")


def items_of_changed_exhibits(session: Session) -> set[int]:
    """The items whose documents this flush may change through an exhibit (called while the flush's state is there)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Exhibit) and _seen_by_visitors(session, obj):
            ids |= _items_shown(session, obj)
    return ids


def _seen_by_visitors(session: Session, exhibit: Exhibit) -> bool:
    state = inspect(exhibit).attrs
    history = state.status.history
    if PUBLISHED not in (*history.added, *history.unchanged, *history.deleted):
        return False  # a draft's changes are seen by no one
    return exhibit in session.deleted or any(state[name].history.has_changes() for name in WATCHED)


def _items_shown(session: Session, exhibit: Exhibit) -> set[int]:
    """The items the exhibit shows now (its rows, as this flush wrote them) and those its previous document showed."""
    connection = session.connection()
    ids = set(connection.scalars(select(ExhibitItem.item_id).where(ExhibitItem.exhibit_id == exhibit.id)))
    before = [document for document in inspect(exhibit).attrs.document.history.deleted if document]
    wanted = {identifier for document in before for identifier in blocks.load(document).item_identifiers()}
    if wanted:
        ids |= set(connection.scalars(select(Item.id).where(Item.identifier.in_(wanted))))
    return ids
