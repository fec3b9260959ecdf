"""What the public may read of many interviews at once, for the search index: the views of
app/interview/visitors.py (access.py's rules, loaded a chunk at a time) applied to their transcripts and indexes.

The item documents (app/item/search.py) and the moments (app/interview/search.py) both read the
transcripts and indexes here, so the words of a cue reach the index only when every public surface
would show that cue.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.interview import access, parts, visitors
from app.interview.models import WITHDRAWN, Cue, IndexSegment, Interview
from app.item.models import Item
from app.media.models import Media


@dataclass
class Content:
    """An interview's level today, and the cues and index segments the public may read (none unless public)."""

    level: str = access.PUBLIC
    cues: list[Cue] = field(default_factory=list)
    segments: list[IndexSegment] = field(default_factory=list)
    recordings: list[Media] = field(default_factory=list)  # the parts the cues and segments go with, in order


def today() -> date:
    """The day access levels are judged on (a seal opens on its date)."""
    return utcnow().date()


def withdrawn_ids() -> Select:
    """The ids of withdrawn interviews: on no public surface, so never in the index."""
    return select(Interview.item_id).where(Interview.access == WITHDRAWN)


def with_content(session: Session, item_ids: Iterable[int] | None = None) -> list[int]:
    """The items having cues or index segments (of `item_ids`, or all), in id order."""
    found: set[int] = set()
    for model in (Cue, IndexSegment):
        query = select(model.item_id).distinct()
        if item_ids is not None:
            query = query.where(model.item_id.in_(list(item_ids)))
        found.update(session.scalars(query))
    return sorted(found)


def contents(session: Session, item_ids: list[int], day: date) -> dict[int, Content]:
    """{item id: Content} of the given items that have an interview row, cues or index segments: what
    visitors.views lets the public read of them (the same rule as every page's)."""
    cues = _grouped(session, Cue, item_ids)
    segments = _grouped(session, IndexSegment, item_ids)
    with_row = set(session.scalars(select(Interview.item_id).where(Interview.item_id.in_(item_ids))))
    concerned = sorted(with_row | set(cues) | set(segments))
    if not concerned:  # most chunks of a full reindex: no interview at all
        return {}
    statuses: dict[int, str] = {
        row.id: row.status for row in session.execute(select(Item.id, Item.status).where(Item.id.in_(concerned)))
    }
    seen = visitors.views(session, concerned, day, statuses=statuses)
    media = _grouped(session, Media, concerned)
    found: dict[int, Content] = {}
    for item_id in concerned:
        view = seen[item_id]
        content = Content(view.level)
        if item_id in statuses and view.content:
            content.cues = visitors.visible_transcript(cues[item_id], view)
            content.segments = access.visible_segments(segments[item_id], day)
            content.recordings = parts.recordings(media[item_id])
        found[item_id] = content
    return found


def _grouped(session: Session, model: Any, item_ids: list[int]) -> defaultdict[int, list]:
    """Rows of `model` (cues, segments, media) of the items, by item id, each item's in their order."""
    query = select(model).where(model.item_id.in_(item_ids)).order_by(model.item_id, model.position)
    found: defaultdict[int, list] = defaultdict(list)
    for row in session.scalars(query):
        found[row.item_id].append(row)
    return found
