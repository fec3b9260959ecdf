"""What an item puts in the search index: only published items, with their names and texts."""

from bisect import bisect_right
from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent.models import CREATOR_ROLES
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.item.service import DETAIL_LOAD

# Credits that name who made or speaks in an item; trainees' work credits are not searched.
NAMED_ROLES = ("creator", "contributor", "architect", "photographer", "interviewee", "interviewer")


def document(item: Item) -> dict | None:
    """The item as a search document, or None when visitors may not see it (drafts...)."""
    if item.status != PUBLISHED:
        return None
    return {
        "id": item.id,
        "identifier": item.identifier,
        "kind": item.kind,
        "language": item.language,
        "titles": {lang: value for lang, value in (item.titles or {}).items() if value},
        "descriptions": {lang: value for lang, value in (item.descriptions or {}).items() if value},
        "transcript": _transcript(item),
        "people": _unique(credit.agent.name for credit in item.credits if credit.role in NAMED_ROLES),
        "creators": _unique_pairs((c.agent.slug, c.agent.name) for c in item.credits if c.role in CREATOR_ROLES),
        "places": [item.place.name] if item.place else [],
        "place": (item.place.slug, item.place.name) if item.place else None,
        "subjects": [(subject.slug, subject.name) for subject in item.subjects],
        "collections": [(c.slug, c.titles) for c in item.collections],
        "date_text": item.date_text,
        "date_earliest": item.date_earliest,
        "date_latest": item.date_latest,
        "sort_title": item.sort_title,
        "updated": stamp(item),
    }


def stamp(item: Item) -> str:
    """The version of an item the index holds, compared with the database to find drift."""
    return item.updated_at.isoformat(timespec="microseconds")


def documents(session: Session, item_ids: Iterable[int] | None = None, chunk: int = 500) -> Iterator[dict]:
    """Documents of the published items (of `item_ids`, or all), loaded `chunk` at a time."""
    for items in _chunks(session, item_ids, chunk):
        for item in items:
            yield document(item)


def _chunks(session: Session, item_ids: Iterable[int] | None, chunk: int) -> Iterator[list[Item]]:
    # Keyset pages by id: each page is a few queries (DETAIL_LOAD), whatever the catalog's size.
    wanted = sorted(set(item_ids)) if item_ids is not None else None
    last = 0
    while True:
        query = select(Item).where(Item.status == PUBLISHED, Item.id > last).order_by(Item.id).limit(chunk)
        if wanted is not None:
            start = bisect_right(wanted, last)
            page = wanted[start:start + chunk]
            if not page:
                return
            query = query.where(Item.id.in_(page))
            last = page[-1]
        items = list(session.scalars(query.options(*DETAIL_LOAD)))
        if wanted is None and not items:
            return
        if items:
            yield items
        last = max(last, items[-1].id) if items else last


def _transcript(item: Item) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    for segment in item.transcript:
        texts.setdefault(segment.language or item.language, []).append(segment.text)
    return {lang: "\n".join(parts) for lang, parts in texts.items()}


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(pairs))
