"""What an item puts in the search index: only published items, with their names and texts.

Documents are read with plain column queries, a chunk of items at a time (one query per table
for the whole chunk): a full reindex reads 100,000 items without building ORM objects. The
search outbox (app/search/sync.py) learns here which items a flush changes.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from sqlalchemy import Row, func, inspect, select
from sqlalchemy.orm import Session

from app.agent.models import CREATOR_ROLES, Agent
from app.collection.models import Collection, CollectionItem
from app.exhibit import search as exhibit_search
from app.exhibit.models import Exhibit, ExhibitItem
from app.interview import public
from app.interview.models import SEALED, Cue, IndexSegment, Interview, Redaction
from app.item import cards, fields
from app.item.kinds import KINDS, PUBLISHED
from app.item.models import Item, ItemAgent, ItemSubject
from app.media.models import Media
from app.place.models import Place
from app.place.nearby import Places
from app.search import registry, sync
from app.subject.models import Subject

# Credits that name who made or speaks in an item; trainees' work credits are not searched.
NAMED_ROLES = ("creator", "contributor", "architect", "photographer", "interviewee", "interviewer")
# The registry's indexed fields held in the item's own columns (app/item/fields.py), copied into its document.
INDEXED = tuple(field for field in fields.FIELDS if field.indexed and field.stored)
ITEM_COLUMNS = (
    Item.id,
    Item.identifier,
    *(getattr(Item, field.name) for field in INDEXED),
    Item.sort_title,
    Item.updated_at,
    Item.place_id,
    Item.latitude,
    Item.longitude,
)


# The items the index holds: published, and not a withdrawn interview (gone from every public surface).
_PUBLIC = (Item.status == PUBLISHED, Item.id.not_in(public.withdrawn_ids()))


def stamp(updated_at) -> str:
    """The version of an item the index holds (its `updated_at`), compared with the database to find drift."""
    return updated_at.isoformat(timespec="microseconds")


def documents(session: Session, item_ids: Iterable[int] | None = None, chunk: int = 1000) -> Iterator[dict]:
    """Documents of the published items (of `item_ids`, or all), in id order; drafts never appear."""
    places: Places | None = None
    for rows in _chunks(session, item_ids, chunk):
        places = places or Places(session)
        related = _Related(session, [row.id for row in rows])
        for row in rows:
            yield _document(row, related, places)


def _document(row, related: "_Related", places: Places) -> dict:
    content = related.contents.get(row.id, public.Content())
    if content.level == SEALED:  # only a notice until it opens: its title, never its summary, speakers or place
        return _notice_only(row)
    credits = related.credits[row.id]
    place = places.get(row.place_id)
    latitude, longitude = (row.latitude, row.longitude) if row.latitude is not None else _point(place)
    return {
        "id": row.id,
        "identifier": row.identifier,
        **{field.name: _indexed(field, getattr(row, field.name)) for field in INDEXED},
        "transcript": _transcript(content, row.language),
        "people": _unique(name for role, _slug, name in credits if role in NAMED_ROLES),
        "creators": _unique((slug, name) for role, slug, name in credits if role in CREATOR_ROLES),
        # The place's names in every language: those of the place it is in count more than near.
        "places": list(place.names) if place and not row.place_near else [],
        "near_places": list(place.names) if place and row.place_near else [],
        "around": places.around(latitude, longitude, row.place_id),
        "point": (latitude, longitude) if latitude is not None and longitude is not None else None,
        "place": (place.slug, place.labels) if place else None,
        "subjects": related.subjects[row.id],
        "collections": related.collections[row.id],
        "exhibits": related.exhibits[row.id],
        "sort_title": row.sort_title,
        "updated": stamp(row.updated_at),
    }


def _notice_only(row) -> dict:
    """A sealed interview's document: its title and kind only, until its seal opens."""
    kept = {field.name: _indexed(field, getattr(row, field.name)) for field in INDEXED if field.name in SEALED_KEPT}
    empty: dict = {"transcript": {}, "people": [], "creators": [], "places": [], "near_places": [], "around": []}
    return {
        "id": row.id,
        "identifier": row.identifier,
        **kept,
        **empty,
        "place": None,
        "subjects": [],
        "collections": [],
        "exhibits": [],
        "sort_title": row.sort_title,
        "updated": stamp(row.updated_at),
    }


# What a sealed interview's document keeps: its title (the notice is the page's), kind and language.
SEALED_KEPT = ("kind", "language", "titles")


def _point(place) -> tuple[float | None, float | None]:
    return (place.latitude, place.longitude) if place else (None, None)


def _indexed(field: fields.Field, value):
    """A field's value in a document: the languages of a multilingual one that have a text."""
    if field.multilingual:
        return {lang: text for lang, text in (value or {}).items() if text}
    return value


class _Related:
    """Credits, subjects, collections, exhibits and what the public may read of the interviews of a chunk of items."""

    def __init__(self, session: Session, ids: list[int]):
        self.credits = _grouped(
            session.execute(
                select(ItemAgent.item_id, ItemAgent.role, Agent.slug, Agent.name)
                .join(Agent)
                .where(ItemAgent.item_id.in_(ids))
                .order_by(ItemAgent.item_id, ItemAgent.position, ItemAgent.role)
            )
        )
        self.subjects = _grouped(
            session.execute(
                select(ItemSubject.item_id, Subject.slug, Subject.name)
                .join(Subject)
                .where(ItemSubject.item_id.in_(ids))
                .order_by(ItemSubject.item_id, ItemSubject.position)
            )
        )
        self.collections = _grouped(
            session.execute(
                select(CollectionItem.item_id, Collection.slug, Collection.titles)
                .join(Collection)
                .where(CollectionItem.item_id.in_(ids), Collection.status == PUBLISHED)
                .order_by(CollectionItem.item_id, Collection.slug)
            )
        )
        # The "in exhibit" facet: the published exhibits showing the item.
        self.exhibits = _grouped(
            session.execute(
                select(ExhibitItem.item_id, Exhibit.slug, Exhibit.titles)
                .join(Exhibit)
                .where(ExhibitItem.item_id.in_(ids), Exhibit.status == PUBLISHED)
                .order_by(ExhibitItem.item_id, Exhibit.slug)
            )
        )
        self.contents = public.contents(session, ids, public.today())


def _grouped(rows) -> defaultdict[int, list[tuple]]:
    found: defaultdict[int, list[tuple]] = defaultdict(list)
    for item_id, *values in rows:
        found[item_id].append(tuple(values))
    return found


def _chunks(session: Session, item_ids: Iterable[int] | None, chunk: int) -> Iterator[Sequence[Row]]:
    # Keyset pages by id: each page is a few queries, whatever the catalog's size.
    wanted = sorted(set(item_ids)) if item_ids is not None else None
    last = 0
    while True:
        query = select(*ITEM_COLUMNS).where(*_PUBLIC, Item.id > last).order_by(Item.id).limit(chunk)
        if wanted is not None:
            start = bisect_right(wanted, last)
            page = wanted[start : start + chunk]
            if not page:
                return
            query = query.where(Item.id.in_(page))
            last = page[-1]
        rows = session.execute(query).all()
        if wanted is None and not rows:
            return
        if rows:
            yield rows
        last = max(last, rows[-1].id) if rows else last


def _transcript(content: public.Content, item_language: str) -> dict[str, str]:
    """What the public may read of an interview (its visible cues, translations and index segments), by language."""
    texts: dict[str, list[str]] = {}
    for cue in content.cues:
        texts.setdefault(cue.language or item_language, []).append(cue.text)
        if cue.translation:
            texts.setdefault(cue.translation_language or item_language, []).append(cue.translation)
    for segment in content.segments:
        words = [segment.title, segment.synopsis, *segment.keywords, *segment.subjects]
        texts.setdefault(segment.language or item_language, []).append(" ".join(word for word in words if word))
    return {lang: "\n".join(parts) for lang, parts in texts.items()}


def _unique(values: Iterable) -> list:
    return list(dict.fromkeys(values))


def count(session: Session) -> int:
    """How many items a full rebuild indexes."""
    return session.execute(select(func.count()).select_from(Item).where(*_PUBLIC)).scalar_one()


def stamps(session: Session) -> dict[int, datetime]:
    """{id: updated_at} of every published item, to compare with the index's stamps."""
    return dict(session.execute(select(Item.id, Item.updated_at).where(*_PUBLIC)).all())


def enqueue_items(session: Session, item_ids: Iterable[int]) -> None:
    """Write one index job for `item_ids` in the session's transaction (for writes that bypass the ORM)."""
    sync.enqueue(session, item_ids)


# What the search outbox watches

# Rows shown in an item's document, found through their item_id.
# An interview's access row, redactions and index segments decide what of its transcript is searchable.
_ITEM_ROWS = (ItemAgent, ItemSubject, CollectionItem, ExhibitItem, Cue, Media, Interview, Redaction, IndexSegment)
# Named rows shown in the documents of every item linked to them: (attributes, link column, its key).
# (The places around an item also name it, weakly: a renamed place reaches those at the next reindex.)
_NAMED = {
    Agent: (("name",), ItemAgent.item_id, ItemAgent.agent_id),
    Place: (("name", "names", "other_names", "country"), Item.id, Item.place_id),
    Subject: (("name",), ItemSubject.item_id, ItemSubject.subject_id),
    Collection: (("titles",), CollectionItem.item_id, CollectionItem.collection_id),
}


def changed_item_ids(session: Session) -> set[int]:
    """The items whose documents this flush may change (called while the flush's state is still there)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Item):
            ids.add(obj.id)
        elif isinstance(obj, _ITEM_ROWS):
            ids |= _item_ids_of_row(obj)
        elif type(obj) in _NAMED and obj not in session.new:
            ids |= _items_linked_to(session, obj)
    ids |= exhibit_search.items_of_changed_exhibits(session)
    ids.discard(None)
    return ids


def _item_ids_of_row(obj) -> set[int]:
    # A link moved to another item changes both items' documents.
    history = inspect(obj).attrs.item_id.history
    return {*history.added, *history.unchanged, *history.deleted}


def _items_linked_to(session: Session, obj) -> set[int]:
    attributes, item_column, link_column = _NAMED[type(obj)]
    state = inspect(obj).attrs
    if obj in session.deleted or not any(state[name].history.has_changes() for name in attributes):
        return set()
    query = select(item_column).where(link_column == obj.id)
    return set(session.connection().scalars(query))


registry.register(
    registry.Source(
        name="item",
        documents=documents,
        count=count,
        stamps=stamps,
        changed_ids=changed_item_ids,
        kinds=KINDS,
        listed=cards.by_identifiers,
    )
)
