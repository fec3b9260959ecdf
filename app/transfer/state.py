"""What an item should look like once a row is applied, what differs from the database, and writing it.

Only columns present in the row are compared and written, so absent columns stay as they are,
and an item whose values already match is not touched at all (its `updated_at` stays).
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.agent.models import ROLES
from app.collection import service_write as collection_service
from app.collection.models import CollectionItem
from app.config import CONTENT_LANGUAGES, Settings
from app.interview.models import TranscriptSegment
from app.item.models import Item, ItemAgent, ItemSubject
from app.item.slugs import slugify, sort_key
from app.media import service as media_service
from app.media.storage import sha256_of
from app.transfer.rows import TEXT_COLUMNS, ItemRow

NEW_ITEM = {"status": "published", "featured": False, "language": "fr", "titles": {}, "descriptions": {}}
COPIED = {"kind": "kind", "status": "status", "featured": "featured", "language": "language",
          "latitude": "latitude", "longitude": "longitude", "rights": "rights", "recording_date": "recording_date",
          "duration": "duration_seconds", **{column: attr for column, (attr, _limit) in TEXT_COLUMNS.items()}}


@dataclass
class Lookups:
    """Ids by slug (or collection name) found or created during one import run."""

    agents: dict[str, int | None] = field(default_factory=dict)
    places: dict[str, int | None] = field(default_factory=dict)
    subjects: dict[str, int | None] = field(default_factory=dict)
    collections: dict[str, int | None] = field(default_factory=dict)
    positions: dict[int, int] = field(default_factory=dict)


@dataclass
class Change:
    """The differences between a row and its item: column values, and relation lists to replace."""

    columns: dict[str, Any]
    relations: dict[str, list]

    def __bool__(self) -> bool:
        return bool(self.columns or self.relations)


def compare(row: ItemRow, item: Item | None, lookups: Lookups) -> Change:
    """What applying `row` would change on `item` (everything, for a new item)."""
    wanted = _columns(row, item, lookups)
    if item is None:
        columns = {**NEW_ITEM, **wanted}
    else:
        columns = {name: value for name, value in wanted.items() if getattr(item, name) != value}
    language = columns.get("language") or (item.language if item is not None else "fr")
    relations = {name: value for name, value in _relations(row, lookups, language).items()
                 if _differs(item, name, value)}
    return Change(columns, relations)


def _differs(item: Item | None, name: str, wanted: list) -> bool:
    if item is None:
        return bool(wanted)
    if name == "media":
        # Media compare on their content only: the same files in the same order are unchanged.
        return [sha for sha, _path in wanted] != [media.sha256 for media in item.media]
    return _current(item, name) != wanted


def _columns(row: ItemRow, item: Item | None, lookups: Lookups) -> dict[str, Any]:
    values = row.values
    columns = {attr: values[column] for column, attr in COPIED.items() if column in values}
    language = columns.get("language") or (item.language if item is not None else "fr")
    titles = _texts(values, "title", language, item.titles if item is not None else {})
    descriptions = _texts(values, "description", language, item.descriptions if item is not None else {})
    columns.update(titles=titles, descriptions=descriptions, sort_title=sort_key(titles.get(language, "")))
    if "date" in values:
        columns["date_text"], columns["date_earliest"], columns["date_latest"] = values["date"]
    if "place" in values:
        columns["place_id"] = lookups.places.get(slugify(values["place"])) if values["place"] else None
    return columns


def _texts(values: dict[str, Any], name: str, language: str, current: dict[str, str]) -> dict[str, str]:
    """Translations from `<name>_<lang>` columns, and the original from `<name>` in the row's language."""
    texts = dict(current or {})
    for lang in CONTENT_LANGUAGES:
        column = f"{name}_{lang}"
        if column in values and lang != language:
            _set_or_drop(texts, lang, values[column])
    if name in values:
        _set_or_drop(texts, language, values[name])
    return texts


def _set_or_drop(texts: dict[str, str], lang: str, text: str | None) -> None:
    if text:
        texts[lang] = text
    else:
        texts.pop(lang, None)


def _relations(row: ItemRow, lookups: Lookups, language: str) -> dict[str, list]:
    values, relations = row.values, {}
    for role in ROLES:
        if role in values:
            relations[role] = _unique([lookups.agents.get(slugify(name)) for name in values[role]])
    if "subjects" in values:
        relations["subjects"] = _unique([lookups.subjects.get(slugify(name)) for name in values["subjects"]])
    if "collection" in values:
        relations["collection"] = sorted(_unique([lookups.collections.get(name) for name in values["collection"]]),
                                         key=lambda value: (value is None, value or 0))
    if "media" in values:
        relations["media"] = [(sha256_of(path), path) for path in values["media"]]
    if "transcript" in values:
        relations["transcript"] = [(s.start_seconds, s.text, language) for s in values["transcript"] or []]
    return relations


def _unique(ids: list) -> list:
    """Ids in order without repeats; an id not yet created (dry runs) stays, as a difference."""
    seen, result = set(), []
    for value in ids:
        if value is None or value not in seen:
            seen.add(value)
            result.append(value)
    return result


def _current(item: Item, name: str) -> list:
    if name in ROLES:
        return [credit.agent_id for credit in item.credits if credit.role == name]
    if name == "subjects":
        return [link.subject_id for link in item.subject_links]
    if name == "collection":
        return sorted(link.collection_id for link in item.collection_links)
    return [(segment.start_seconds, segment.text, segment.language) for segment in item.transcript]


def apply(session: Session, item: Item, change: Change, lookups: Lookups, settings: Settings) -> None:
    """Write the change onto the item (new items are already added to the session)."""
    for name, value in change.columns.items():
        setattr(item, name, value)
    for name, value in change.relations.items():
        if name in ROLES:
            _set_credits(item, name, value)
        elif name == "subjects":
            item.subject_links = [ItemSubject(subject_id=sid, position=i) for i, sid in enumerate(value)]
        elif name == "collection":
            _set_collections(session, item, value, lookups)
        elif name == "media":
            _set_media(session, item, value, settings)
        else:
            item.transcript = [TranscriptSegment(position=i, start_seconds=start, text=text, language=lang)
                               for i, (start, text, lang) in enumerate(value)]


def _set_credits(item: Item, role: str, agent_ids: list[int]) -> None:
    kept = {credit.agent_id: credit for credit in item.credits if credit.role == role}
    others = [credit for credit in item.credits if credit.role != role]
    credits = []
    for position, agent_id in enumerate(agent_ids):
        credit = kept.pop(agent_id, None) or ItemAgent(agent_id=agent_id, role=role)
        credit.position = position
        credits.append(credit)
    item.credits = others + credits


def _set_collections(session: Session, item: Item, collection_ids: list[int], lookups: Lookups) -> None:
    kept = {link.collection_id: link for link in item.collection_links}
    item.collection_links = [
        kept.get(cid) or CollectionItem(
            collection_id=cid, position=collection_service.next_position(session, cid, lookups.positions))
        for cid in collection_ids
    ]


def _set_media(session: Session, item: Item, wanted: list[tuple[str, Path]], settings: Settings) -> None:
    current = [media.sha256 for media in item.media] if item.id is not None else []
    for position, (sha256, path) in enumerate(wanted):
        if position >= len(current) or current[position] != sha256:
            media_service.attach_image(session, item, path, settings, position=position)
    if len(current) > len(wanted):
        media_service.remove_from(session, item.id, len(wanted))
