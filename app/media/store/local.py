"""The media folder as a store: today's layout, byte for byte, written atomically (temporary file, rename)."""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.media.storage import atomic_write, sha256_of
from app.media.store.base import CHUNK, Recorded, checked_key


class LocalStore:
    """Files under `root` (the media folder by default)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.url = self.root.resolve().as_uri()

    def path(self, key: str) -> Path:
        """The file of `key` (which may not exist)."""
        return self.root / checked_key(key)

    def put_file(self, key: str, source: Path, sha256: str | None = None) -> None:
        with atomic_write(self.path(key)) as out, open(source, "rb") as f:
            shutil.copyfileobj(f, out, CHUNK)

    def put_bytes(self, key: str, data: bytes) -> None:
        with atomic_write(self.path(key)) as out:
            out.write(data)

    def get_file(self, key: str, target: Path) -> None:
        shutil.copyfile(self.path(key), target)

    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The bytes from `start` to `end` (inclusive; None: to the end), in chunks."""
        with open(self.path(key), "rb") as f:
            f.seek(start)
            left = None if end is None else end - start + 1
            while left is None or left > 0:
                chunk = f.read(CHUNK if left is None else min(CHUNK, left))
                if not chunk:
                    return
                left = None if left is None else left - len(chunk)
                yield chunk

    def read_bytes(self, key: str) -> bytes:
        """The whole file (FileNotFoundError when missing)."""
        return self.path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def size(self, key: str) -> int | None:
        path = self.path(key)
        return path.stat().st_size if path.is_file() else None

    def checksum(self, key: str) -> str | None:
        """The SHA-256 of the file's bytes as they are now (read in full), None when missing."""
        path = self.path(key)
        return sha256_of(path) if path.is_file() else None

    def recorded(self, key: str) -> Recorded | None:
        """The file's size; no SHA-256, a folder records none (None when missing)."""
        size = self.size(key)
        return None if size is None else Recorded(size, None)

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> Iterator[str]:
        """Every file's key under `prefix`, sorted."""
        base = self.root / prefix if prefix else self.root
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    yield path.relative_to(self.root).as_posix()

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        """The file itself: nothing to copy in a folder."""
        yield self.path(key)

    @contextmanager
    def folder(self, prefix: str) -> Iterator[Path]:
        """The folder of `prefix`, written in place (its writers are atomic themselves)."""
        path = self.path(prefix)
        path.mkdir(parents=True, exist_ok=True)
        yield path

    def signed_url(self, key: str, seconds: int, media_type: str) -> str | None:
        """None: a folder has no URLs of its own, the app streams its files."""
        return None
