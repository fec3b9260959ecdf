"""`museum backup`: write a BagIt bag atomically; `museum backup verify`: check one.

A bag is written into `DEST.partial` beside DEST, validated in full, and only then renamed to DEST: whatever
moment the process is stopped at, DEST is either absent or a complete, valid bag.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import bagit  # type: ignore[import-untyped]  # bagit-python ships no types

from app.backup import contents, snapshot
from app.config import Settings
from app.media.store import store_of

RECORD = "records.json"
FULL, INCREMENTAL = "full", "incremental"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


class DamagedBag(BackupError):
    """A bag that fails validation; `problems` lists each thing wrong."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path} is damaged: {len(problems)} problem(s)")
        self.problems = problems


@dataclass(frozen=True)
class Base:
    """What an incremental bag builds on: a moment, or an earlier bag (its originals are not taken again)."""

    moment: datetime | None = None
    bag: Path | None = None


def create(settings: Settings, dest: Path, base: Base | None = None) -> bagit.Bag:
    """Write a bag of the museum at DEST (which must not exist) and return it, validated."""
    dest = dest.absolute()
    if dest.exists():
        raise BackupError(f"{dest} already exists: give a new folder for the bag")
    staging = dest.with_name(f"{dest.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)  # left by a backup that was stopped
    staging.mkdir(parents=True)
    try:
        _fill(settings, staging, base)
        staging.rename(dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return bagit.Bag(str(dest))


def _fill(settings: Settings, staging: Path, base: Base | None) -> bagit.Bag:
    taken_at = datetime.now(UTC)
    found = snapshot.take(settings.database_url, staging / "database")
    store = store_of(settings)
    every = list(contents.originals(store))
    base_info = _base_info(base) if base else {}
    chosen = every
    if base is not None:
        chosen = contents.changed_since(store, every, base_info.get("moment"), base_info.get("known", set()))
    contents.copy_originals(store, chosen, staging / "media")
    contents.write_json(staging / "settings.json", contents.public_settings(settings))
    record = {"database": found.dialect, "revision": found.revision, "tables": found.counts, "originals": every}
    contents.write_json(staging / RECORD, record)
    info = _bag_info(settings, found, taken_at, len(chosen), len(every)) | base_info.get("info", {})
    bag = bagit.make_bag(str(staging), info, checksums=["sha256"])
    bag.validate()
    return bag


def _bag_info(settings: Settings, found: snapshot.Snapshot, taken_at: datetime, copied: int, total: int) -> dict:
    return {
        "Source-Organization": settings.site_name,
        "External-Description": "Backup of the Villerupt.com museum: database, media originals, settings.",
        "Museum-Backup-Id": str(uuid.uuid4()),
        "Museum-Backup-Type": FULL,
        "Museum-Snapshot-Time": taken_at.isoformat(timespec="seconds"),
        "Museum-Version": _version(),
        "Museum-Database": found.dialect,
        "Museum-Alembic-Revision": found.revision or "",
        "Museum-Tables": str(len(found.counts)),
        "Museum-Rows": str(sum(found.counts.values())),
        "Museum-Originals": str(copied),
        "Museum-Originals-Total": str(total),
    }


def _base_info(base: Base) -> dict:
    if base.bag is None:
        since = base.moment.isoformat() if base.moment else ""
        return {"moment": base.moment, "info": {"Museum-Backup-Type": INCREMENTAL, "Museum-Since": since}}
    loaded = load(base.bag)
    info = {
        "Museum-Backup-Type": INCREMENTAL,
        "Museum-Base-Backup-Id": info_value(loaded, "Museum-Backup-Id"),
        "Museum-Base-Bag": Path(base.bag).name,
        "Museum-Since": info_value(loaded, "Museum-Snapshot-Time"),
    }
    return {"known": set(record_of(loaded)["originals"]), "info": info}


def _version() -> str:
    try:
        return metadata.version("villerupt-museum")
    except metadata.PackageNotFoundError:
        return "unknown"


def load(path: Path) -> bagit.Bag:
    """Open a bag, or BackupError when `path` is no bag."""
    try:
        return bagit.Bag(str(path))
    except bagit.BagError as error:
        raise BackupError(f"{path} is not a readable bag: {error}") from None


def verify(path: Path) -> bagit.Bag:
    """The bag, fully validated (every checksum, Payload-Oxum, nothing missing or extra); DamagedBag otherwise."""
    bag = load(path)
    try:
        bag.validate(processes=1)
    except bagit.BagValidationError as error:
        found = [*problems(error), *_file_by_file(bag)]
        raise DamagedBag(Path(path), list(dict.fromkeys(found))) from None
    return bag


def _file_by_file(bag: bagit.Bag) -> list[str]:
    """bagit stops at its first failed stage (the overall size comes first): its per-file stages name the files."""
    found: list[str] = []
    for stage in (bag._validate_completeness, lambda: bag._validate_entries(1)):
        try:
            stage()
        except bagit.BagValidationError as error:
            found += problems(error)
    return found


def problems(error: bagit.BagValidationError) -> list[str]:
    """Each thing wrong with a bag, for people."""
    found = [str(detail) for detail in error.details or []]
    return found or [error.message]


def info_value(bag: bagit.Bag, key: str) -> str:
    value = bag.info.get(key, "")
    return value[-1] if isinstance(value, list) else value


def record_of(bag: bagit.Bag) -> dict:
    """The bag's record: database kind, revision, rows per table, every original at the time."""
    return json.loads((Path(bag.path) / "data" / RECORD).read_text(encoding="utf-8"))
