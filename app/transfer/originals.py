"""The originals an export names: files that `museum import` can read back, whichever store holds them.

From the media folder the export points at the stored files themselves (the format's contract, unchanged). A
bucket's objects are no files the importer could open, so each is fetched beside the export
(`<stem>.media/originals/ab/cd/<sha256>.<ext>`), checked against its SHA-256 before it appears, and the export
points there: the export and its folder can be carried to another museum, on a folder or on a bucket.
"""

import os
from pathlib import Path

from app.item.models import Item
from app.media.models import Media
from app.media.storage import sha256_of
from app.media.store import LocalStore, Store, StoreUnavailable


class ExportError(Exception):
    """An original could not be exported as it is stored: the export file is not written."""


def stored_folder(store: Store) -> Path | None:
    """The folder of a local store's originals, which an export's `media` column may point into (None for a bucket)."""
    return store.path("originals") if isinstance(store, LocalStore) else None


def exported_paths(store: Store, item: Item, path: Path) -> list[str]:
    """Where the export file at `path` finds each of `item`'s originals, relative to its folder when it can."""
    return [_exported_path(store, item, media, path) for media in item.media]


def _exported_path(store: Store, item: Item, media: Media, path: Path) -> str:
    if isinstance(store, LocalStore):
        return relative(store.path(media.original_path), path.parent)
    name = f"{path.stem}.media/{media.original_path}"
    try:
        fetch(store, media, path.parent / name)
    except ExportError as error:
        raise ExportError(f"item {item.identifier}: {error}") from None
    return name


def fetch(store: Store, media: Media, target: Path) -> None:
    """Copy `media`'s original to `target`, which appears only once its SHA-256 is right (kept if it already is)."""
    if target.is_file() and sha256_of(target) == media.sha256:
        return  # an earlier export into this folder: the same content-addressed file
    partial = target.with_name(f".tmp-{target.name}")
    try:
        store.get_file(media.original_path, partial)
        if sha256_of(partial) != media.sha256:
            raise ExportError(f"{_where(store, media)} does not have the SHA-256 its name gives: it is damaged")
        os.replace(partial, target)
    except FileNotFoundError:
        raise ExportError(f"{_where(store, media)} is missing") from None
    except StoreUnavailable as error:
        raise ExportError(f"{_where(store, media)} could not be read: {error}") from None
    finally:
        partial.unlink(missing_ok=True)


def _where(store: Store, media: Media) -> str:
    return f"the original {media.original_path} in {store.url}"


def relative(target: Path, folder: Path) -> str:
    """`target` relative to `folder` when both are on one drive, else absolute."""
    try:
        return Path(os.path.relpath(Path(target).resolve(), Path(folder).resolve())).as_posix()
    except ValueError:
        return Path(target).resolve().as_posix()
