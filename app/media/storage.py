"""Content-addressed storage of originals: each file is kept once, under its SHA-256, written atomically."""

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from app.media.store.base import Store

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    relative_path: str
    size: int


def sha256_of(source: Path | bytes) -> str:
    """The hex SHA-256 of a file or of bytes, read in chunks."""
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    digest = hashlib.sha256()
    with open(source, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def original_path(sha256: str, ext: str) -> str:
    """`originals/ab/cd/<sha256>.<ext>`, relative to the media folder."""
    return f"originals/{sha256[:2]}/{sha256[2:4]}/{sha256}.{ext.lstrip('.').lower()}"


def store_original(
    store: "Store | Path",
    source: Path | bytes,
    *,
    ext: str | None = None,
    sha256: str | None = None,
    under: str = "",
) -> StoredFile:
    """Store `source` under its content hash (once: identical contents share one file) in `store` (or a folder).

    A caller that already hashed the file passes `sha256`, so a large recording is read once less. `under`
    is a key prefix the stored path is relative to (private files: `private/release-forms/`).
    """
    from app.media.store.local import LocalStore

    store = LocalStore(store) if isinstance(store, (str, Path)) else store
    sha256 = sha256 or sha256_of(source)
    suffix = ext or (source.suffix if isinstance(source, Path) and source.suffix else "bin")
    relative = original_path(sha256, suffix)
    size = store.size(under + relative)
    if size is None:
        if isinstance(source, bytes):
            store.put_bytes(under + relative, source)
        else:
            store.put_file(under + relative, source, sha256)
        size = len(source) if isinstance(source, bytes) else source.stat().st_size
    return StoredFile(sha256, relative, size)


@contextmanager
def atomic_write(target: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `target` complete or not at all (temp file, fsync, rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
