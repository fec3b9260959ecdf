"""What visitors get of interviews, read from the database for a page or a chunk of search documents.

The rules are app/interview/access.py's; this only loads the rows they need (one query per table for a
whole chunk) and gives SQL for the one rule lists of items need: a withdrawn interview is on no list.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from app.interview import access
from app.interview.models import PUBLIC, SEALED, WITHDRAWN, Cue, IndexSegment, Interview, Redaction
from app.item.kinds import PUBLISHED
from app.item.models import Item


@dataclass(frozen=True)
class PublicView:
    """An item's interview as visitors see it today: its level, what is open, and the hidden time ranges."""

    level: str = PUBLIC
    details: bool = True  # summary, credits, place, images (false while sealed)
    content: bool = True  # recording, transcript, index (false on request, unless granted)
    hidden: list[access.Range] = field(default_factory=list)
    sealed_until: date | None = None

    def cue_visible(self, start: float | None, end: float | None) -> bool:
        """Whether a cue's words may be shown: content open and outside every hidden range."""
        return self.content and not any(r.overlaps(start, end) for r in self.hidden)


def not_withdrawn() -> ColumnElement[bool]:
    """SQL: the item is not a withdrawn interview (for every public list and search document)."""
    return ~Item.interview.has(Interview.access == WITHDRAWN)


def details_public(today: date) -> ColumnElement[bool]:
    """SQL: the item's catalog details (its date, place...) are public today: not withdrawn, nor sealed until later
    (access.details_are_public for lists, as search documents keep only a sealed interview's title)."""
    sealed = and_(Interview.access == SEALED, or_(Interview.sealed_until.is_(None), Interview.sealed_until > today))
    # Not a correlated EXISTS: the few hidden interviews are listed once, not looked up for each of 100,000 items.
    return Item.id.not_in(select(Interview.item_id).where(or_(Interview.access == WITHDRAWN, sealed)))


def view_of(session: Session, item: Item, today: date, *, granted: bool = False) -> PublicView:
    """The public view of one item (an item that is no interview, or has no access row, is wholly public)."""
    return views(session, [item.id], today, statuses={item.id: item.status}, granted=granted)[item.id]


def views(
    session: Session,
    ids: Iterable[int],
    today: date,
    *,
    statuses: dict[int, str] | None = None,
    granted: bool = False,
) -> defaultdict[int, PublicView]:
    """The public views of items by id (published unless `statuses` says otherwise); `granted` opens on-request ones."""
    ids = list(ids)
    interviews = {i.item_id: i for i in session.scalars(select(Interview).where(Interview.item_id.in_(ids)))}
    redactions = _by_item(session.scalars(select(Redaction).where(Redaction.item_id.in_(ids))))
    segments = _by_item(session.scalars(select(IndexSegment).where(IndexSegment.item_id.in_(ids))))
    found: defaultdict[int, PublicView] = defaultdict(PublicView)
    for item_id in ids:
        stub = Item(status=(statuses or {}).get(item_id, PUBLISHED))
        interview = interviews.get(item_id)
        opened = access.content_is_public(stub, interview, today) or (
            granted and access.content_is_granted(stub, interview, today)
        )
        found[item_id] = PublicView(
            level=access.interview_level(interview, today),
            details=access.details_are_public(stub, interview, today),
            content=opened,
            hidden=access.hidden_ranges(redactions[item_id], segments[item_id], today),
            sealed_until=interview.sealed_until if interview is not None else None,
        )
    return found


def visible_transcript(cues: Iterable[Cue], view: PublicView) -> list[Cue]:
    """The cues a visitor may read under `view` (none while the content is closed)."""
    return access.visible_cues(cues, view.hidden) if view.content else []


def _by_item(rows: Iterable) -> defaultdict[int, list]:
    found: defaultdict[int, list] = defaultdict(list)
    for row in rows:
        found[row.item_id].append(row)
    return found
