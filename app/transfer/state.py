"""What an item should look like once a row is applied, and what differs from what it is now.

Only columns present in the row are compared, so absent columns stay as they are, and an item
whose values already match is not touched at all (its `updated_at` stays).
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.agent.models import ROLES
from app.config import CONTENT_LANGUAGES
from app.item import fields
from app.item import write as item_write
from app.media.storage import sha256_of
from app.slugs import slugify
from app.transfer.rows import ItemRow
from app.transfer.snapshot import Snapshot

NEW_ITEM: dict[str, Any] = {
    "status": "published",
    "featured": False,
    "place_near": False,
    "language": "fr",
    "titles": {},
    "descriptions": {},
}
# Row columns copied as they are onto Item attributes.
COPIED = {
    "status": "status",
    **{
        field.column: field.name
        for field in fields.stored()
        if field.exported and not field.multilingual and field.name != "date_text"
    },
}
RELATION_COLUMNS = (*ROLES, "subjects", "collection", "media", "transcript")


@dataclass
class Lookups:
    """Ids by slug (or collection name) found or created during one import run (or batch), and the content
    hash of each media file, taken before any transaction opens."""

    agents: dict[str, int | None] = field(default_factory=dict)
    places: dict[str, int | None] = field(default_factory=dict)
    subjects: dict[str, int | None] = field(default_factory=dict)
    collections: dict[str, int | None] = field(default_factory=dict)
    positions: dict[int, int] = field(default_factory=dict)
    hashes: dict[Path, str] = field(default_factory=dict)


@dataclass
class Change:
    """The differences between a row and its item: column values, and relation lists to replace."""

    columns: dict[str, Any]
    relations: dict[str, list]

    def __bool__(self) -> bool:
        return bool(self.columns or self.relations)


def compare(row: ItemRow, current: Snapshot | None, lookups: Lookups) -> Change:
    """What applying `row` would change on the item now in `current` (everything, for a new item)."""
    old = current.values if current is not None else NEW_ITEM
    wanted = _columns(row, old, lookups)
    if current is None:
        columns = {**NEW_ITEM, **wanted}
    else:
        columns = {name: value for name, value in wanted.items() if old[name] != value}
    language = wanted.get("language") or old["language"]
    relations = {
        name: value for name, value in _relations(row, lookups, language).items() if _differs(current, name, value)
    }
    return Change(columns, relations)


def _differs(current: Snapshot | None, name: str, wanted: list) -> bool:
    if current is None:
        return bool(wanted)
    if name == "media":
        # Media compare on their content only: the same files in the same order are unchanged.
        return [sha for sha, _path in wanted] != current.relations[name]
    return current.relations[name] != wanted


def _columns(row: ItemRow, old: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    values = row.values
    columns = {attr: values[column] for column, attr in COPIED.items() if column in values}
    language = columns.get("language") or old["language"]
    titles = _texts(values, "title", language, old["titles"])
    descriptions = _texts(values, "description", language, old["descriptions"])
    columns.update(
        titles=titles, descriptions=descriptions, sort_title=item_write.sort_title(titles, language, row.identifier)
    )
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
        ids = _unique([lookups.collections.get(name) for name in values["collection"]])
        relations["collection"] = sorted(ids, key=lambda value: (value is None, value or 0))
    if "media" in values:
        relations["media"] = [(lookups.hashes.get(path) or sha256_of(path), path) for path in values["media"]]
    if "transcript" in values:
        relations["transcript"] = [(s.start_seconds, s.text, language) for s in values["transcript"] or []]
    return relations


def _unique(ids: list) -> list:
    """Ids in order without repeats; an id not created yet (dry runs) stays, as a difference."""
    seen, result = set(), []
    for value in ids:
        if value is None or value not in seen:
            seen.add(value)
            result.append(value)
    return result
