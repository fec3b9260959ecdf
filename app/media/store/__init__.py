"""Where media files live: the local media folder (default) or an S3-compatible bucket (MUSEUM_MEDIA_STORE)."""

from pathlib import Path
from urllib.parse import urlsplit

from app.config import Settings
from app.media.store.base import Store, StoreUnavailable
from app.media.store.local import LocalStore

__all__ = ["LocalStore", "Store", "StoreUnavailable", "open_store", "store_of"]


def store_of(settings: Settings) -> Store:
    """The store these settings name, built once per Settings object (an S3 client is costly to make)."""
    wanted = (settings.media_store, str(settings.media_dir), settings.media_s3_endpoint_url, settings.media_s3_region)
    cached = settings._store
    if not (isinstance(cached, tuple) and cached[0] == wanted):
        cached = (wanted, open_store(settings.media_store or str(settings.media_dir), settings))
        settings._store = cached
    return cached[1]


def open_store(url: str, settings: Settings) -> Store:
    """The store at `url`: `s3://bucket/prefix`, `file:///path` or a plain folder path."""
    parts = urlsplit(url)
    if parts.scheme == "s3":
        from app.media.store.s3 import S3Store, client_for

        if not parts.netloc:
            raise ValueError(f"no bucket in {url!r}")
        client = client_for(settings.media_s3_endpoint_url, settings.media_s3_region, settings.media_s3_attempts)
        return S3Store(client, parts.netloc, parts.path, settings.media_dir / "cache")
    if parts.scheme == "file":
        return LocalStore(Path(parts.path))
    if parts.scheme:
        raise ValueError(f"unknown media store {url!r}: use s3://bucket/prefix, file:///path or a folder")
    return LocalStore(Path(url))
