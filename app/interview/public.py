"""What the public may read of many interviews at once, for the search index: access.py applied in bulk.

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
from app.interview import access, parts
from app.interview.models import WITHDRAWN, Cue, IndexSegment, Interview, Redaction
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
    """{item id: Content} of the given items that have an interview row, cues or index segments."""
    interviews = {row.item_id: row for row in session.scalars(select(Interview).where(Interview.item_id.in_(item_ids)))}
    cues = _grouped(session, Cue, item_ids)
    segments = _grouped(session, IndexSegment, item_ids)
    concerned = sorted(set(interviews) | set(cues) | set(segments))
    if not concerned:  # most chunks of a full reindex: no interview at all
        return {}
    redactions = _grouped(session, Redaction, concerned, ordered=False)
    items = {item.id: item for item in session.scalars(select(Item).where(Item.id.in_(concerned)))}
    media = _grouped(session, Media, concerned)
    found: dict[int, Content] = {}
    for item_id in concerned:
        item, interview = items.get(item_id), interviews.get(item_id)
        content = Content(access.interview_level(interview, day))
        if item is not None and access.content_is_public(item, interview, day):
            hidden = access.hidden_ranges(redactions[item_id], segments[item_id], day)
            content.cues = access.visible_cues(cues[item_id], hidden)
            content.segments = access.visible_segments(segments[item_id], day)
            content.recordings = parts.recordings(media[item_id])
        found[item_id] = content
    return found


def _grouped(session: Session, model: Any, item_ids: list[int], ordered: bool = True) -> defaultdict[int, list]:
    query = select(model).where(model.item_id.in_(item_ids))
    if ordered:
        query = query.order_by(model.item_id, model.position)
    found: defaultdict[int, list] = defaultdict(list)
    for row in session.scalars(query):
        found[row.item_id].append(row)
    return found
