"""Importing CSV or JSON Lines files of items: every row is checked first, then items are upserted.

Rows are written in chunks: the chunk's media files are stored and decoded first, with no database
work (app/transfer/prepare.py), then the chunk's existing items are loaded in one query (plus one per
relation the file sets), names are resolved through cached lookups, and the session is flushed once
per chunk. No row needs a savepoint because nothing that can fail is left for the writing.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agent import service as agent_service
from app.agent.models import ROLES
from app.collection import service_write as collection_service
from app.config import Settings
from app.item.models import Item
from app.media.store import store_of
from app.place import service as place_service
from app.subject import service as subject_service
from app.transfer import files, interviews, originals, prepare, rows, snapshot, state, write
from app.transfer.files import ImportFileError
from app.transfer.rows import ItemRow
from app.transfer.snapshot import Snapshot

CHUNK = 500
ACCESSION_PREFIX = "VIL"
REQUIRED_COLUMNS = ("kind", "title")

__all__ = ["ImportFileError", "ImportReport", "RowError", "import_batch", "import_file", "plan", "prepare_files"]


@dataclass(frozen=True)
class RowError:
    row: int
    identifier: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row} ({self.identifier})" if self.identifier else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowError] = field(default_factory=list)
    assigned: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Rows imported with a value split or dropped (rejected instead when `strict`).
    row_warnings: list[RowError] = field(default_factory=list)

    def summary(self) -> str:
        """`120 created, 3 updated, 0 unchanged, 2 rejected`."""
        counts = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        return f"{counts}, {len(self.rejected)} rejected"

    def add(self, counts: "ImportReport") -> None:
        """Count a written batch's rows in this report."""
        self.created += counts.created
        self.updated += counts.updated
        self.unchanged += counts.unchanged


def import_file(
    session: Session,
    path: Path,
    settings: Settings,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    strict: bool = False,
) -> ImportReport:
    """Import one CSV or JSON Lines file of items, upserting by identifier; the caller commits.

    Everything happens in the caller's transaction; `museum import` writes in short ones instead
    (app/transfer/batches.py). Raises ImportFileError when the file cannot be read at all; rejected rows
    are in the report. `strict` rejects the rows that would otherwise be imported with warnings.
    """
    valid, report = plan(session, path, settings, strict=strict)
    _notify(progress, len(report.rejected))
    lookups = state.Lookups()
    for chunk in chunks(valid, CHUNK):
        kept, prepared = prepare_files(chunk, settings, report, store=not dry_run)
        report.add(import_batch(session, kept, prepared, lookups, dry_run=dry_run))
        _notify(progress, len(chunk))
    return report


def plan(
    session: Session, path: Path, settings: Settings, *, strict: bool = False
) -> tuple[list[ItemRow], ImportReport]:
    """Read and check every row of a file (no transaction needed but for accession numbers).

    Returns the valid rows, in file order, each with its identifier, and the report so far (warnings,
    rejected rows, accession numbers given). ImportFileError when the file cannot be read at all.
    """
    path = Path(path)
    source = files.read(path)
    if files.file_format(path) == "csv":
        _check_header(source, path.name)
    unknown = rows.unknown_columns(source.columns)
    report = ImportReport(warnings=[f'unknown column "{column}" ignored' for column in unknown])
    valid = _validate(source, path.parent, originals.stored_folder(store_of(settings)), report, strict)
    _assign_identifiers(session, valid, report)
    return _refuse_unconsented(session, valid, report), report


def _refuse_unconsented(session: Session, valid: list[ItemRow], report: ImportReport) -> list[ItemRow]:
    """Reject the rows that would publish an interview without its speakers' consent on file."""
    refused = {row.row: interviews.CONSENT_MISSING for row in interviews.without_consent(session, valid)}
    return _reject(valid, refused, report)


def _reject(rows: list[ItemRow], refused: dict[int, str], report: ImportReport) -> list[ItemRow]:
    """The rows but those `refused` (row number -> reason), which move to the report's rejected rows."""
    if not refused:
        return rows
    report.rejected += [RowError(row.row, row.identifier, refused[row.row]) for row in rows if row.row in refused]
    report.rejected.sort(key=lambda error: error.row)
    report.assigned = [(row, name) for row, name in report.assigned if row not in refused]
    report.row_warnings = [warning for warning in report.row_warnings if warning.row not in refused]
    return [row for row in rows if row.row not in refused]


def prepare_files(
    batch: list[ItemRow], settings: Settings, report: ImportReport, *, store: bool
) -> tuple[list[ItemRow], prepare.Files]:
    """Make the batch's media ready (no database); rows whose file is refused now move to the rejected."""
    ready = prepare.prepare(batch, settings, store=store)
    return _reject(batch, ready.refused, report), ready


def import_batch(
    session: Session, batch: list[ItemRow], ready: prepare.Files, lookups: state.Lookups, *, dry_run: bool = False
) -> ImportReport:
    """Compare a batch of valid rows with their items and (unless `dry_run`) write the differences.

    Returns the batch's counts only (created, updated, unchanged), for the caller to `add` to its report
    once the batch is committed.
    """
    counts = ImportReport()
    if not batch:
        return counts
    lookups.hashes.update(ready.hashes)
    relations = set().union(*(row.values for row in batch)) & set(state.RELATION_COLUMNS)
    current = snapshot.load(session, [row.key for row in batch], relations)
    _resolve_names(session, batch, current, lookups, create=not dry_run)
    changes = [(row, state.compare(row, current.get(row.key), lookups)) for row in batch]
    interviews_changed = interviews.changed(session, [row for row in batch if row.identifier in current])
    moved = {item.identifier for item, _values in interviews_changed}
    for row, change in changes:
        if row.identifier not in current:
            counts.created += 1
        elif change or row.identifier in moved:
            counts.updated += 1
        else:
            counts.unchanged += 1
    if not dry_run:
        _write(session, changes, current, relations, lookups, ready)
        created = [row for row in batch if row.identifier not in current]
        interviews.write(session, [*interviews_changed, *interviews.changed(session, created)], date.today())
    return counts


def _check_header(source: files.Source, name: str) -> None:
    """A CSV file without a required column could only have every row rejected: refuse it whole."""
    missing = [column for column in REQUIRED_COLUMNS if column not in source.columns]
    if missing:
        raise ImportFileError(f'{name}: the header has no "{missing[0]}" column, which every row needs')


def _validate(
    source: files.Source, base_dir: Path, store: Path | None, report: ImportReport, strict: bool
) -> list[ItemRow]:
    valid: list[ItemRow] = []
    first_row: dict[str, int] = {}
    for record in source.records:
        parsed = rows.parse_row(record, base_dir, store, strict=strict)
        identifier = _raw_identifier(record)
        if isinstance(parsed, ItemRow) and parsed.identifier in first_row:
            parsed = [f'identifier "{parsed.identifier}" already appears in row {first_row[parsed.identifier]}']
        if isinstance(parsed, list):
            report.rejected.append(RowError(record.row, identifier, "; ".join(parsed)))
            continue
        if parsed.identifier:
            first_row[parsed.identifier] = parsed.row
        report.row_warnings += [RowError(record.row, identifier, warning) for warning in parsed.warnings]
        valid.append(parsed)
    return valid


def _raw_identifier(record: files.Record) -> str | None:
    value = record.values.get("identifier")
    return value.strip()[:64] or None if isinstance(value, str) else None


def _assign_identifiers(session: Session, valid: list[ItemRow], report: ImportReport) -> None:
    """Give rows without an identifier the next free accession numbers `VIL-<year>-0001`."""
    unnamed = [row for row in valid if row.identifier is None]
    if not unnamed:
        return
    prefix = f"{ACCESSION_PREFIX}-{date.today().year}-"
    taken = set(session.scalars(select(Item.identifier).where(Item.identifier.startswith(prefix, autoescape=True))))
    taken |= {row.identifier for row in valid if row.identifier}
    numbers = [int(name[len(prefix) :]) for name in taken if name.startswith(prefix) and name[len(prefix) :].isdigit()]
    number = max(numbers, default=0)
    for row in unnamed:
        number += 1
        row.identifier = f"{prefix}{number:04d}"
        report.assigned.append((row.row, row.identifier))


def chunks(valid: list[ItemRow], size: int) -> Iterator[list[ItemRow]]:
    """The rows in consecutive batches of `size`."""
    for start in range(0, len(valid), size):
        yield valid[start : start + size]


def _notify(progress: Callable[[int], None] | None, count: int) -> None:
    if progress is not None and count:
        progress(count)


def _write(
    session: Session,
    changes: list[tuple[ItemRow, state.Change]],
    current: dict[str, Snapshot],
    relations: set[str],
    lookups: state.Lookups,
    ready: prepare.Files,
) -> None:
    """New items without media go in bulk; the others are loaded and changed through the ORM."""
    bulk = [
        (row.key, change)
        for row, change in changes
        if row.identifier not in current and "media" not in change.relations
    ]
    write.insert_new(session, bulk, lookups)
    one_by_one = [
        (row, change)
        for row, change in changes
        if change and (row.identifier in current or "media" in change.relations)
    ]
    items = write.load_items(
        session, [row.identifier for row, _change in one_by_one if row.identifier in current], relations
    )
    # One flush for the chunk, at its end, rather than before each query a row's writing makes.
    with session.no_autoflush:
        for row, change in one_by_one:
            item = items.get(row.key) or write.new_item(session, row.key)
            write.apply(session, item, change, lookups, ready.prepared)
    session.flush()


def _resolve_names(
    session: Session, chunk: list[ItemRow], current: dict[str, Snapshot], lookups: state.Lookups, *, create: bool
) -> None:
    agents = [name for row in chunk for role in ROLES for name in row.values.get(role, ())]
    agent_service.ensure_ids(session, agents, lookups.agents, create=create)
    places = [row.values["place"] for row in chunk if row.values.get("place")]
    place_service.ensure_ids(session, places, lookups.places, create=create)
    subjects = [name for row in chunk for name in row.values.get("subjects", ())]
    subject_service.ensure_ids(session, subjects, lookups.subjects, create=create)
    for row in chunk:
        if row.values.get("collection"):
            known = current.get(row.key)
            language = row.values.get("language") or (known.values["language"] if known else "fr")
            collection_service.ensure_ids(
                session, row.values["collection"], language, lookups.collections, create=create
            )
