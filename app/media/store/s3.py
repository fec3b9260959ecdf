"""S3-compatible object storage as a store (AWS S3, MinIO, Garage, Ceph...), through boto3.

Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID..., ~/.aws, an instance role), never from
the museum's settings. Every object is written by one request, or by a multipart upload that S3 only
assembles when it completes (boto3 aborts it on error): readers see a whole object or none. Each carries
its SHA-256 in its metadata, and S3 checks the SHA-256 of every request body (ChecksumAlgorithm).
Code that needs a real file (Pillow, ffmpeg, WeasyPrint) gets a copy in a local cache: it can be
emptied at any time, every host refills its own from the bucket.
"""

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

from app.i18n import gettext as _
from app.media.storage import atomic_write, sha256_of
from app.media.store.base import CHUNK, Recorded, StoreUnavailable, checked_key

log = logging.getLogger(__name__)
# Over this size boto3 sends parts (completed only at the end); under it, one PUT. S3 refuses parts under 5 MiB
# but the last, and boto3 cuts parts of 8 MiB whatever the threshold.
MULTIPART_BYTES = 64 * 1024 * 1024
# Keys named by their contents' hash (or made from them alone): a cached copy can never be stale.
IMMUTABLE = ("originals/", "public/")
MISSING = ("404", "NoSuchKey", "NotFound")


class S3Store:
    """Objects under `prefix` in `bucket`; `cache` is this host's folder of local copies."""

    def __init__(
        self, client: Any, bucket: str, prefix: str, cache: Path, *, multipart_bytes: int = MULTIPART_BYTES
    ) -> None:
        self.client, self.bucket, self.prefix, self.cache = client, bucket, prefix.strip("/"), Path(cache)
        self.url = f"s3://{bucket}/{self.prefix}".rstrip("/")
        self.multipart_bytes = multipart_bytes

    def name(self, key: str) -> str:
        """The object name of `key` in the bucket."""
        return f"{self.prefix}/{checked_key(key)}" if self.prefix else checked_key(key)

    def put_file(self, key: str, source: Path, sha256: str | None = None) -> None:
        from boto3.s3.transfer import TransferConfig

        extra = {"Metadata": {"sha256": sha256 or sha256_of(source)}, "ChecksumAlgorithm": "SHA256"}
        config = TransferConfig(multipart_threshold=self.multipart_bytes, use_threads=False)
        with unavailable_on_error():
            self.client.upload_file(str(source), self.bucket, self.name(key), ExtraArgs=extra, Config=config)

    def put_bytes(self, key: str, data: bytes) -> None:
        with unavailable_on_error():
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.name(key),
                Body=data,
                Metadata={"sha256": sha256_of(data)},
                ChecksumAlgorithm="SHA256",
            )

    def get_file(self, key: str, target: Path) -> None:
        with unavailable_on_error(), atomic_write(target) as out:
            self.client.download_fileobj(self.bucket, self.name(key), out)

    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The bytes from `start` to `end` (inclusive; None: to the end), streamed from one GET."""
        wanted = f"bytes={start}-{'' if end is None else end}"
        with unavailable_on_error():
            body = self.client.get_object(Bucket=self.bucket, Key=self.name(key), Range=wanted)["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        finally:
            body.close()

    def read_bytes(self, key: str) -> bytes:
        """The whole object (FileNotFoundError when missing)."""
        return b"".join(self.read(key))

    def head(self, key: str) -> dict | None:
        """The object's headers, None when there is no such object."""
        from botocore.exceptions import ClientError

        try:
            with unavailable_on_error(passing=ClientError):
                return self.client.head_object(Bucket=self.bucket, Key=self.name(key))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING:
                return None
            log.warning("media storage refused a request: %s", error)
            raise StoreUnavailable(_("The media storage refused the request: nothing was saved.")) from error

    def exists(self, key: str) -> bool:
        return self.head(key) is not None

    def size(self, key: str) -> int | None:
        found = self.head(key)
        return None if found is None else int(found["ContentLength"])

    def checksum(self, key: str) -> str | None:
        """The SHA-256 of the object's bytes as stored now (read in full), None when missing."""
        import hashlib

        if not self.exists(key):
            return None
        digest = hashlib.sha256()
        for chunk in self.read(key):
            digest.update(chunk)
        return digest.hexdigest()

    def recorded(self, key: str) -> Recorded | None:
        """The object's size and the SHA-256 its metadata carries (written by put_file/put_bytes), from one HEAD."""
        found = self.head(key)
        if found is None:
            return None
        return Recorded(int(found["ContentLength"]), found.get("Metadata", {}).get("sha256"))

    def delete(self, key: str) -> None:
        with unavailable_on_error():
            self.client.delete_object(Bucket=self.bucket, Key=self.name(key))
        self._cached(key).unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> Iterator[str]:
        """Every object's key under `prefix`, in the bucket's (sorted) order."""
        start = f"{self.prefix}/" if self.prefix else ""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=start + prefix)
        with unavailable_on_error():
            for page in pages:
                for found in page.get("Contents", []):
                    yield found["Key"].removeprefix(start)

    @contextmanager
    def local_copy(self, key: str) -> Iterator[Path]:
        """A local copy: kept in this host's cache for content-addressed keys (they never change), else temporary."""
        if key.startswith(IMMUTABLE):
            path = self._cached(key)
            if not path.is_file():
                self.get_file(key, path)
            yield path
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache, prefix=".tmp-copy-") as scratch:
            path = Path(scratch) / PurePosixPath(key).name
            self.get_file(key, path)
            yield path

    @contextmanager
    def folder(self, prefix: str) -> Iterator[Path]:
        """A scratch folder whose files are uploaded under `prefix` when the block ends without error."""
        self.cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.cache, prefix=".tmp-folder-") as scratch:
            yield Path(scratch)
            for path in sorted(Path(scratch).rglob("*")):
                if path.is_file() and not path.name.startswith(".tmp-"):
                    self.put_file(f"{prefix.rstrip('/')}/{path.relative_to(scratch).as_posix()}", path)

    def signed_url(self, key: str, seconds: int, media_type: str) -> str | None:
        """A URL that gives the object for `seconds`, with our content type, shown inline."""
        params = {
            "Bucket": self.bucket,
            "Key": self.name(key),
            "ResponseContentType": media_type,
            "ResponseContentDisposition": "inline",
        }
        return self.client.generate_presigned_url("get_object", Params=params, ExpiresIn=seconds)

    def _cached(self, key: str) -> Path:
        return self.cache / checked_key(key)


@contextmanager
def unavailable_on_error(passing: type[Exception] | None = None) -> Iterator[None]:
    """boto3's failures (network, refusals) as StoreUnavailable, which the web layer answers with a 503."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except (BotoCoreError, ClientError, Boto3Error) as error:
        if passing is not None and isinstance(error, passing):
            raise
        if isinstance(error, ClientError) and error.response.get("Error", {}).get("Code") in MISSING:
            raise FileNotFoundError(str(error)) from error
        log.warning("media storage request failed: %s", error)
        # Visitors see no bucket name or endpoint, only that nothing was kept.
        raise StoreUnavailable(
            _("The media storage cannot be reached at the moment: nothing was saved. Please try again shortly.")
        ) from error


def client_for(endpoint_url: str, region: str, attempts: int) -> Any:
    """A boto3 S3 client (path-style addressing when an endpoint is given: most emulators and MinIO need it)."""
    import boto3
    from botocore.config import Config

    config = Config(
        retries={"max_attempts": attempts, "mode": "standard"},
        connect_timeout=5,
        read_timeout=60,
        s3={"addressing_style": "path"} if endpoint_url else {},
        signature_version="s3v4",
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url or None,
        region_name=region or os.environ.get("AWS_DEFAULT_REGION"),
        config=config,
    )
