"""A batch's media files, made ready before the batch's transaction opens: no write lock waits on file work.

A real import stores each original and makes its first derivatives here (`media.service.prepare`); a dry
run only hashes the files. The transaction then only compares hashes and records what was prepared.
Transcripts were already read when the rows were checked.
"""

from dataclasses import dataclass, field
from pathlib import Path

from app.config import Settings
from app.media import service as media_service
from app.media.refusal import RefusedFile
from app.media.storage import sha256_of
from app.transfer.rows import ItemRow


@dataclass
class Files:
    """The batch's media by path: their hashes, what was stored (real imports), and the rows refused."""

    hashes: dict[Path, str] = field(default_factory=dict)
    prepared: dict[Path, media_service.Prepared] = field(default_factory=dict)
    refused: dict[int, str] = field(default_factory=dict)  # row number -> reason


def prepare(batch: list[ItemRow], settings: Settings, *, store: bool) -> Files:
    """Hash (and with `store`, store and derive) every media file the batch's rows name."""
    files = Files()
    for row in batch:
        for path in row.values.get("media", ()):
            try:
                _prepare_one(files, path, settings, store)
            except RefusedFile as error:
                files.refused.setdefault(row.row, f'media "{path.name}": {error}')
            except OSError:
                files.refused.setdefault(row.row, f'media "{path.name}" cannot be read')
    return files


def _prepare_one(files: Files, path: Path, settings: Settings, store: bool) -> None:
    if path in files.hashes:
        return
    if store:
        ready = media_service.prepare(path, settings)
        files.prepared[path] = ready
        files.hashes[path] = ready.stored.sha256
    else:
        files.hashes[path] = sha256_of(path)
