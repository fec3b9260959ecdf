"""Receiving uploaded files: bounded in size, spooled to a private temporary file, always cleaned up."""

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Starlette's class, which FastAPI's subclasses: a form read by hand (request.form()) holds Starlette's.
from starlette.datastructures import UploadFile

from app.config import Settings
from app.errors import DomainError, too_large

CHUNK = 1024 * 1024


class TooLarge(DomainError):
    """An upload over the site's limit (a 413)."""

    status = 413


@contextmanager
def received(upload: UploadFile, settings: Settings) -> Iterator[Path]:
    """The upload copied to a temporary file under the media folder, removed afterwards whatever happens."""
    folder = tmp_dir(settings)
    with tempfile.NamedTemporaryFile(dir=folder, prefix="upload-", delete=False) as out:
        path = Path(out.name)
        try:
            _copy_bounded(upload, out, settings)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def _copy_bounded(upload: UploadFile, out, settings: Settings) -> None:
    copied = 0
    while chunk := upload.file.read(CHUNK):
        copied += len(chunk)
        if copied > settings.max_upload_bytes:
            raise TooLarge(too_large(settings.max_upload_bytes))
        out.write(chunk)


def tmp_dir(settings: Settings) -> Path:
    folder = settings.media_dir / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def clean_leftovers(settings: Settings, older_than_seconds: float = 3600) -> int:
    """Remove the temporary files a crash left behind (uploads, half-written files); returns how many."""
    limit = time.time() - older_than_seconds
    leftovers = [*tmp_dir(settings).iterdir(), *settings.media_dir.rglob(".tmp-*")]
    removed = 0
    for path in leftovers:
        if path.stat().st_mtime < limit:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            removed += 1
    return removed
