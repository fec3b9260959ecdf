"""Exporting every item to the import format, so that export, import and export again give the same file.

CSV cells that a spreadsheet would run as formulas are protected with a leading quote, which the
importer takes off again (app/transfer/files.py says how).
"""

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.agent.models import ROLES
from app.collection.models import CollectionItem
from app.config import CONTENT_LANGUAGES, Settings
from app.interview import access
from app.interview import transcript as transcript_file
from app.item import fields
from app.item.models import Item, ItemAgent, ItemSubject
from app.media.storage import atomic_write
from app.media.store import store_of
from app.transfer import files, interviews, originals
from app.transfer.rows import FIELD_COLUMNS, SEPARATOR, TEXT_COLUMNS

TRANSLATIONS = [f"{name}_{lang}" for name in ("title", "description") for lang in CONTENT_LANGUAGES]
_LAYOUT = [
    "identifier",
    "kind",
    "status",
    "featured",
    "language",
    "title",
    "description",
    *TRANSLATIONS,
    *ROLES,
    "date",
    "place",
    "place_near",
    "latitude",
    "longitude",
    "subjects",
    "rights",
    "collection",
    *TEXT_COLUMNS,
    "recording_date",
    "duration",
    *interviews.COLUMNS,
]
# Fields of the registry without a place in the layout come last, before the files.
COLUMNS = [*_LAYOUT, *(column for column in FIELD_COLUMNS if column not in _LAYOUT), "media", "transcript"]
LIST_COLUMNS = {*ROLES, "subjects", "collection", "media"}


def export_file(session: Session, path: Path, settings: Settings) -> int:
    """Write every item (drafts included) to a CSV or JSON Lines file; returns how many were written.

    ExportError when an original cannot be exported from its store (the file is then not written at all).
    """
    path = Path(path)
    kind = files.file_format(path)
    count = 0
    with atomic_write(path) as out:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(text) if kind == "csv" else None
        if writer is not None:
            writer.writerow(COLUMNS)
        for item in _items(session):
            values = storable(item_values(item, path, settings))
            if writer is not None:
                writer.writerow([files.protect(_cell(values[column])) for column in COLUMNS])
            else:
                text.write(json.dumps(values, ensure_ascii=False) + "\n")
            count += 1
        text.flush()
        text.detach()  # the atomic writer, not the wrapper, closes the file
    return count


def _items(session: Session) -> Iterator[Item]:
    query = (
        select(Item)
        .order_by(Item.identifier)
        .options(
            selectinload(Item.credits).selectinload(ItemAgent.agent),
            selectinload(Item.place),
            selectinload(Item.subject_links).selectinload(ItemSubject.subject),
            selectinload(Item.collection_links).selectinload(CollectionItem.collection),
            selectinload(Item.media),
            selectinload(Item.transcript),
            selectinload(Item.interview),
            selectinload(Item.redactions),
            selectinload(Item.index_segments),
        )
        .execution_options(yield_per=500)
    )
    yield from session.scalars(query)


def item_values(item: Item, path: Path, settings: Settings) -> dict[str, Any]:
    """One item as a row of the import format (lists as lists, empty values as None)."""
    values: dict[str, Any] = {
        "identifier": item.identifier,
        "kind": item.kind,
        "status": item.status,
        "featured": item.featured,
        "language": item.language,
        "title": item.titles.get(item.language),
        "description": item.descriptions.get(item.language),
        "date": item.date_text,
        "place": item.place.name if item.place else None,
        "latitude": item.latitude,
        "longitude": item.longitude,
        "subjects": [link.subject.name for link in item.subject_links],
        "rights": item.rights,
        "collection": sorted(link.collection.slug for link in item.collection_links),
        "recording_date": item.recording_date,
        "duration": item.duration_seconds,
        "media": originals.exported_paths(store_of(settings), item, path),
        "transcript": _write_transcript(item, path),
        **_interview_values(item),
    }
    for name, texts in (("title", item.titles), ("description", item.descriptions)):
        for lang in CONTENT_LANGUAGES:
            values[f"{name}_{lang}"] = texts.get(lang) if lang != item.language else None
    for role in ROLES:
        values[role] = [agent.name for agent in item.agents(role)]
    for field in fields.stored():
        if field.exported and field.column not in values:
            values[field.column] = getattr(item, field.name)
    return {column: values[column] for column in COLUMNS}


def _interview_values(item: Item) -> dict[str, Any]:
    """An interview's access level, seal date and oral consent (the release form stays in the museum)."""
    interview = item.interview
    if interview is None:
        return dict.fromkeys(interviews.COLUMNS)
    return {
        "access": interview.access,
        "sealed_until": interview.sealed_until.isoformat() if interview.sealed_until else None,
        "consent_minute": interview.consent_minute,
        "consent_note": interview.consent_note,
    }


def storable(value: Any) -> Any:
    """`value` with its text as the importer takes it back: without NUL characters.

    Input refuses a NUL (app/text.py), but SQLite rows stored before that rule, or by hand, may hold one; a
    single NUL made the importer refuse the whole CSV file. Dropping a character that carries no text keeps
    every other field of every row importable (PostgreSQL never stores a NUL in text).
    """
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [storable(part) for part in value]
    if isinstance(value, dict):
        return {storable(key): storable(part) for key, part in value.items()}
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return SEPARATOR.join(value)
    return str(value)


def _write_transcript(item: Item, path: Path) -> str | None:
    """Write the item's transcript beside the export (`<stem>.transcripts/<identifier>.txt`).

    Redacted passages, and those of withdrawn or sealed index segments, stay in the museum: an export
    file leaves its access control, and importing it must not publish what was taken out.
    """
    hidden = access.hidden_ranges(item.redactions, item.index_segments, date.today())
    cues = access.visible_cues(item.transcript, hidden)
    if not cues:
        return None
    relative = f"{path.stem}.transcripts/{item.identifier}.txt"
    segments = [transcript_file.Segment(_whole(s.start_seconds), s.text) for s in cues]
    with atomic_write(path.parent / relative) as out:
        out.write(transcript_file.render(segments).encode("utf-8"))
    return relative


def _whole(seconds: float | None) -> int | None:
    """The export file's `M.SS` codes are whole seconds."""
    return None if seconds is None else int(seconds)
