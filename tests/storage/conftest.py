"""Fixtures of the media-store tests: an S3 API server (moto, an emulator) and settings on either store."""

import os
import uuid
from collections.abc import Iterator

import pytest

from app.media.store.s3 import client_for
from tests.storage.s3server import FAKE_CREDENTIALS, start_moto


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> Iterator[str]:
    """The URL of a moto_server process started for this test session (stopped at its end)."""
    saved = {name: os.environ.get(name) for name in FAKE_CREDENTIALS}
    os.environ.update(FAKE_CREDENTIALS)
    process, url = start_moto(tmp_path_factory.mktemp("moto") / "moto.log")
    yield url
    process.terminate()
    process.wait(10)
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def s3(s3_endpoint):
    """A boto3 client on the emulator, as an operator's own tool would be (to look into the bucket)."""
    return client_for(s3_endpoint, "us-east-1", 1)


@pytest.fixture
def bucket(s3) -> str:
    """A new, empty bucket for one test."""
    name = f"museum-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def on_s3(settings, endpoint: str, bucket: str):
    """A copy of `settings` whose media live in `bucket` (under the prefix `museum/`)."""
    return settings.model_copy(
        update={
            "media_store": f"s3://{bucket}/museum",
            "media_s3_endpoint_url": endpoint,
            "media_s3_region": "us-east-1",
        }
    )


def bucket_keys(s3, bucket: str) -> list[str]:
    """Every object name in the bucket (sorted)."""
    found = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    return sorted(entry["Key"] for entry in found)
