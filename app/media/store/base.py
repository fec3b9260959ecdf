"""What every media store offers: keys are the content-addressed relative paths the database keeps.

`originals/ab/cd/<sha256>.<ext>`, `derivatives/ab/cd/<sha256>/medium.jpg`... mean the same thing in a
folder and in a bucket, so moving between stores is a copy (app/media/store/migrate.py).
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from app.errors import DomainError

CHUNK = 1024 * 1024


class StoreUnavailable(DomainError):
    """The object storage could not be reached or refused a request: nothing was saved (a 503)."""

    status = 503


@dataclass(frozen=True)
class Recorded:
    """What a store says of an object without reading it: its size, and the SHA-256 recorded when it was written
    (None when the store keeps none)."""

    size: int
    sha256: str | None


class Store(Protocol):
    """A place for media files, addressed by relative keys; every write is all-or-nothing."""

    url: str

    def put_file(self, key: str, source: Path, sha256: str | None = None) -> None: ...
    def put_bytes(self, key: str, data: bytes) -> None: ...
    def get_file(self, key: str, target: Path) -> None: ...
    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]: ...
    def read_bytes(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def size(self, key: str) -> int | None: ...
    def checksum(self, key: str) -> str | None: ...
    def recorded(self, key: str) -> Recorded | None: ...
    def delete(self, key: str) -> None: ...
    def keys(self, prefix: str = "") -> Iterator[str]: ...
    def local_copy(self, key: str) -> AbstractContextManager[Path]: ...
    def folder(self, prefix: str) -> AbstractContextManager[Path]: ...
    def signed_url(self, key: str, seconds: int, media_type: str) -> str | None: ...


def checked_key(key: str) -> str:
    """`key` when it is a plain relative path (no `..`, no leading slash), else ValueError."""
    path = PurePosixPath(key)
    if not key or path.is_absolute() or ".." in path.parts or "\\" in key:
        raise ValueError(f"not a media key: {key!r}")
    return key


# Re-creatable caches and files in transit: never copied between stores.
NOT_MIGRATED = ("tmp/", "cache/", "iiif/", "iiif-cache/")


def migrated(key: str) -> bool:
    """Whether `key` is content to copy (not a cache, an upload in transit or a hidden temporary file)."""
    return not key.startswith(NOT_MIGRATED) and not any(part.startswith(".") for part in key.split("/"))
