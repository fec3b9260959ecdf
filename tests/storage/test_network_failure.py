"""A network failure in the middle of an upload to S3: a clear error, nothing half-written, a retry works."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app.media.models import Media
from app.media.storage import sha256_of
from app.media.store import StoreUnavailable
from app.media.store.s3 import S3Store, client_for
from tests.factories import bearer, make_item, make_user
from tests.storage.conftest import bucket_keys, on_s3
from tests.storage.s3server import CuttingProxy

PHOTO = Path(__file__).parent.parent / "fixtures" / "images" / "landscape_3.jpg"  # 14 kB: cut well inside


@pytest.fixture
def proxy(s3_endpoint):
    proxy = CuttingProxy(urlsplit(s3_endpoint).port or 80)
    yield proxy
    proxy.close()


@pytest.fixture
def settings(settings, proxy, bucket):
    """Media in the bucket, reached through the proxy (boto3 gives up after 2 tries)."""
    return on_s3(settings, proxy.url, bucket).model_copy(update={"media_s3_attempts": 2})


def _upload(client, headers):
    files = {"file": ("landscape.jpg", PHOTO.read_bytes())}
    return client.post("/api/v1/items/VIL-2026-0201/media", files=files, headers=headers)


def test_a_cut_upload_fails_clearly_leaves_nothing_and_a_retry_succeeds(client, session, s3, bucket, proxy):
    make_item(session, identifier="VIL-2026-0201")
    headers = bearer(session, make_user(session, role="supervisor")) | {"Accept-Language": "en"}
    proxy.cut_after = 6000  # request bytes per connection: the headers pass, the body is cut
    failed = _upload(client, headers)
    assert proxy.cuts >= 2  # every try was cut
    assert failed.status_code == 503
    assert failed.headers["content-type"] == "application/problem+json"
    assert "nothing was saved" in failed.json()["detail"]
    assert "127.0.0.1" not in failed.text and "museum-" not in failed.text  # no endpoint or bucket shown
    assert bucket_keys(s3, bucket) == []  # no part of the original is visible
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    assert session.scalar(select(func.count()).select_from(Media)) == 0  # no row points to a missing object

    proxy.cut_after = None
    retried = _upload(client, headers)
    assert retried.status_code == 201, retried.text
    key = f"museum/{session.scalars(select(Media.original_path)).one()}"
    assert key in bucket_keys(s3, bucket)
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == PHOTO.stat().st_size
    assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == PHOTO.read_bytes()


def test_a_multipart_upload_cut_in_a_part_leaves_no_object_and_no_open_upload(proxy, s3, bucket, tmp_path):
    client = client_for(proxy.url, "us-east-1", 2)
    store = S3Store(client, bucket, "museum", tmp_path / "cache", multipart_bytes=5 * 1024 * 1024)
    source = tmp_path / "large.bin"
    source.write_bytes(bytes(range(256)) * (12 * 1024 * 1024 // 256))  # 12 MiB: parts of 8 and 4 MiB
    proxy.cut_after = 6 * 1024 * 1024  # each connection dies 6 MiB in: in the first part, on every try
    with pytest.raises(StoreUnavailable):
        store.put_file("originals/ab/cd/large.bin", source)
    assert proxy.cuts >= 2
    assert bucket_keys(s3, bucket) == []
    # boto3 aborted the upload (its abort is a small request, which gets through): no parts kept in the bucket.
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []

    proxy.cut_after = None
    store.put_file("originals/ab/cd/large.bin", source)
    assert store.checksum("originals/ab/cd/large.bin") == sha256_of(source)
