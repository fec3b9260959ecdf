"""`museum import`'s transactions: short ones, so that an import and the site's own writes both get through.

Each batch of rows has its media stored and decoded first, with no transaction open, then is written in a
transaction of its own that takes the write lock at its start (on SQLite BEGIN IMMEDIATE, through
`db.begin_write`: a transaction that read first could not always write afterwards). A batch holds the lock
some tens of milliseconds, well within the busy timeout web requests wait, and waits as long for theirs.
When the database stays busy longer, the batch is tried again a few times, then the import stops with what
it did. Importing the same file again is harmless: the rows already imported are then unchanged.
"""

import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import begin_write
from app.transfer import importer, state
from app.transfer.importer import ImportReport
from app.transfer.prepare import Files
from app.transfer.rows import ItemRow

BATCH = 200
TRIES = 4
PAUSE = 1.0  # seconds before the second try, doubled before each further one


class Stopped(Exception):
    """The database stayed busy: the valid rows before `next_row` are imported, the `left` others are not."""

    def __init__(self, name: str, report: ImportReport, imported: int, left: int, next_row: int):
        super().__init__(name)
        self.name, self.report, self.imported, self.left, self.next_row = name, report, imported, left, next_row

    def __str__(self) -> str:
        message = (
            f"{self.name}: stopped before row {self.next_row}: the database stayed busy (another program kept "
            f"writing) through {TRIES} tries. {self.imported} rows are imported (every valid row before row "
            f"{self.next_row}), {self.left} are not. To resume, run the same command again: rows already "
            "imported are then reported as unchanged."
        )
        if self.report.assigned:
            message += (
                " Except rows without an identifier: write the accession numbers given above into the "
                "file first, or those rows will be created a second time."
            )
        return message


def import_file(
    session: Session,
    path: Path,
    settings: Settings,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    strict: bool = False,
) -> ImportReport:
    """Import (or with `dry_run` only check) one file, each batch of rows committed on its own.

    Raises ImportFileError when the file cannot be read at all, Stopped when the database stays busy.
    """
    valid, report = importer.plan(session, path, settings, strict=strict)
    session.rollback()  # accession numbers read: no transaction stays open during the file work
    _notify(progress, len(report.rejected))
    imported = 0
    for start, batch in enumerate(importer.chunks(valid, BATCH)):
        kept, ready = importer.prepare_files(batch, settings, report, store=not dry_run)
        counts = _write_batch(session, kept, ready, dry_run)
        if counts is None:
            first = batch[0].row
            report.assigned = [(row, name) for row, name in report.assigned if row < first]
            raise Stopped(Path(path).name, report, imported, len(valid) - start * BATCH, first)
        report.add(counts)
        imported += len(kept)
        _notify(progress, len(batch))
    return report


def _write_batch(session: Session, batch: list[ItemRow], ready: Files, dry_run: bool) -> ImportReport | None:
    """The batch's counts once written (compared only, in a dry run); None when the database stayed busy."""
    for attempt in range(TRIES):
        if attempt:
            time.sleep(PAUSE * 2 ** (attempt - 1))
        try:
            return _transaction(session, batch, ready, dry_run)
        except OperationalError as error:
            session.rollback()
            if not busy(error):
                raise
    return None


def _transaction(session: Session, batch: list[ItemRow], ready: Files, dry_run: bool) -> ImportReport:
    if not dry_run:
        begin_write(session)
    # Lookups of the batch's own: ids cached by a rolled-back try, or collection positions cached before
    # another writer added to the collection, would be wrong.
    counts = importer.import_batch(session, batch, ready, state.Lookups(), dry_run=dry_run)
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return counts


def busy(error: OperationalError) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY and its variants), once its busy timeout has run out."""
    return getattr(error.orig, "sqlite_errorname", "").startswith("SQLITE_BUSY")


def _notify(progress: Callable[[int], None] | None, count: int) -> None:
    if progress is not None and count:
        progress(count)
