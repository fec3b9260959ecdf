"""`museum restore BAG...`: a full bag, then its incremental bags in the order they were made, into an empty museum.

Every bag is validated before anything is written. The database comes from the last bag (each bag holds a whole
snapshot); the originals from all of them. Then every table's row count and every original's SHA-256 are checked
against the last bag's record, before derivatives and the search index are rebuilt.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import bagit  # type: ignore[import-untyped]  # bagit-python ships no types
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from app.backup import contents, service, snapshot
from app.config import Settings
from app.media.store import LocalStore, Store, store_of

IGNORED_ON_EMPTY = ("alembic_version",)


@dataclass
class Check:
    """What the restored museum holds compared with the bag's record; `faults` empty when all agree."""

    tables: int = 0
    rows: int = 0
    originals: int = 0
    faults: list[str] = field(default_factory=list)


def validated_chain(paths: list[Path]) -> list[bagit.Bag]:
    """Every bag validated (DamagedBag lists what is wrong) and in order: one full bag, then its increments."""
    bags = [service.verify(path) for path in paths]
    if service.info_value(bags[0], "Museum-Backup-Type") != service.FULL:
        raise service.BackupError(f"{paths[0]} is an incremental bag: give its full bag first")
    for previous, bag, path in zip(bags, bags[1:], paths[1:], strict=False):
        if service.info_value(bag, "Museum-Base-Backup-Id") != service.info_value(previous, "Museum-Backup-Id"):
            raise service.BackupError(f"{path} was not made on top of the bag given before it")
    return bags


def refuse_unless_empty(settings: Settings) -> None:
    """BackupError when the database holds rows or the media folder holds files: restore never overwrites."""
    counts = current_counts(settings.database_url)
    filled = [name for name, count in counts.items() if count and name not in IGNORED_ON_EMPTY]
    if filled:
        raise service.BackupError(
            f"the database is not empty ({', '.join(filled[:5])}...): restore needs an empty museum"
        )
    store = store_of(settings)
    media = store.root if isinstance(store, LocalStore) else None
    if media is None and next(iter(store.keys()), None) is not None:
        raise service.BackupError(f"the media store {store.url} is not empty: restore needs an empty museum")
    if (
        media is not None
        and media.is_dir()
        and any(p.is_file() and not p.name.startswith(".") for p in media.rglob("*"))
    ):
        raise service.BackupError(f"the media folder {media} is not empty: restore needs an empty museum")


def current_counts(database_url: str) -> dict[str, int]:
    """{table: rows} of the museum's database ({} when its SQLite file does not exist yet)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return {}
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return snapshot.table_counts(connection)
    finally:
        engine.dispose()


def restore_database(settings: Settings, bag: bagit.Bag) -> None:
    """Put the last bag's snapshot in place of the (empty) database."""
    folder = Path(bag.path) / "data" / "database"
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        _restore_sqlite(folder / snapshot.SQLITE_NAME, Path(url.database or ""))
    elif not (folder / snapshot.POSTGRES_NAME).is_file():
        raise service.BackupError("this bag holds a SQLite database: restore it into a SQLite museum")
    else:
        arguments = ["pg_restore", "--no-owner", "--no-acl", "--clean", "--if-exists", "--single-transaction"]
        snapshot.run_tool([*arguments, str(folder / snapshot.POSTGRES_NAME)], settings.database_url)


def _restore_sqlite(source: Path, target: Path) -> None:
    if not source.is_file():
        raise service.BackupError("this bag holds a PostgreSQL dump: restore it into a PostgreSQL database")
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.restoring")
    shutil.copyfile(source, temporary)
    for leftover in (target.with_name(f"{target.name}-wal"), target.with_name(f"{target.name}-shm")):
        leftover.unlink(missing_ok=True)  # the empty database's journal must not be replayed over the copy
    os.replace(temporary, target)


def restore_media(settings: Settings, bags: list[bagit.Bag]) -> None:
    """Copy every bag's originals into the media store."""
    store = store_of(settings)
    for bag in bags:
        source = Path(bag.path) / "data" / "media"
        if source.is_dir() and isinstance(store, LocalStore):
            shutil.copytree(source, store.root, dirs_exist_ok=True)
        elif source.is_dir():
            for path in sorted(p for p in source.rglob("*") if p.is_file()):
                store.put_file(path.relative_to(source).as_posix(), path)


def check(settings: Settings, bags: list[bagit.Bag]) -> Check:
    """Compare the restored database and originals with the last bag's record."""
    record = service.record_of(bags[-1])
    found = Check(tables=len(record["tables"]), rows=sum(record["tables"].values()), originals=len(record["originals"]))
    restored = current_counts(settings.database_url)
    for name, count in sorted(record["tables"].items()):
        if restored.get(name) != count:
            found.faults.append(f"table {name}: {restored.get(name)} rows restored, {count} in the bag")
    for relative in record["originals"]:
        found.faults += _original_fault(store_of(settings), relative)
    return found


def _original_fault(store: Store, relative: str) -> list[str]:
    found = store.checksum(relative)
    if found is None:
        return [f"original missing: {relative}"]
    if found != contents.sha256_from_name(relative):
        return [f"original changed: {relative} (its SHA-256 is not the one it is named after)"]
    return []
