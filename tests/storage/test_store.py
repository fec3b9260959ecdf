"""The store interface, the same on a folder and on an S3 bucket: whole writes, ranges, listing, local copies."""

import hashlib

import pytest

from app.media.store import LocalStore, StoreUnavailable
from app.media.store.s3 import S3Store, client_for

DATA = bytes(range(256)) * 40  # 10 kB
BIG = hashlib.sha256(b"parts").digest() * (10 * 1024 * 1024 // 32) + b"end"  # 10 MiB and 3 bytes: 2 parts


@pytest.fixture(params=["folder", "s3"])
def store(request, tmp_path):
    if request.param == "folder":
        return LocalStore(tmp_path / "media")
    client, bucket = request.getfixturevalue("s3"), request.getfixturevalue("bucket")
    return S3Store(client, bucket, "museum", tmp_path / "cache")


def test_a_file_put_is_read_back_whole_and_by_ranges(store, tmp_path):
    source = tmp_path / "source.bin"
    source.write_bytes(DATA)
    store.put_file("originals/ab/cd/file.bin", source)
    assert store.exists("originals/ab/cd/file.bin") and store.size("originals/ab/cd/file.bin") == len(DATA)
    assert store.read_bytes("originals/ab/cd/file.bin") == DATA
    assert b"".join(store.read("originals/ab/cd/file.bin", 100, 199)) == DATA[100:200]
    assert b"".join(store.read("originals/ab/cd/file.bin", 10_000)) == DATA[10_000:]
    assert store.checksum("originals/ab/cd/file.bin") == hashlib.sha256(DATA).hexdigest()


def test_missing_keys_are_none_or_file_not_found(store):
    assert not store.exists("derivatives/none")
    assert store.size("derivatives/none") is None and store.checksum("derivatives/none") is None
    with pytest.raises(FileNotFoundError):
        store.read_bytes("derivatives/none")


def test_keys_are_listed_under_a_prefix_and_deleted(store):
    for key in ("derivatives/a/1.jpg", "derivatives/a/2.jpg", "originals/b.jpg"):
        store.put_bytes(key, key.encode())
    assert list(store.keys("derivatives/")) == ["derivatives/a/1.jpg", "derivatives/a/2.jpg"]
    store.delete("derivatives/a/1.jpg")
    assert sorted(store.keys()) == ["derivatives/a/2.jpg", "originals/b.jpg"]


def test_a_folder_block_publishes_its_files_only_when_it_ends_well(store):
    with pytest.raises(RuntimeError):
        with store.folder("derivatives/x") as out:
            (out / "thumb.jpg").write_bytes(b"half")
            raise RuntimeError("the encoder failed")
    if isinstance(store, S3Store):  # a folder writes in place, its writers being atomic themselves
        assert not store.exists("derivatives/x/thumb.jpg")
    with store.folder("derivatives/x") as out:
        (out / "thumb.jpg").write_bytes(b"whole")
    assert store.read_bytes("derivatives/x/thumb.jpg") == b"whole"


def test_a_local_copy_is_a_real_file_with_the_bytes(store):
    store.put_bytes("originals/ab/cd/photo.jpg", DATA)
    with store.local_copy("originals/ab/cd/photo.jpg") as path:
        assert path.read_bytes() == DATA


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "a/../../b", ""])
def test_keys_cannot_leave_the_store(store, key):
    with pytest.raises(ValueError):
        store.exists(key)


def test_an_unreachable_server_is_a_store_error(tmp_path):
    store = S3Store(client_for("http://127.0.0.1:9", "us-east-1", 1), "museum", "", tmp_path)
    with pytest.raises(StoreUnavailable):
        store.put_bytes("originals/x.bin", b"x")


def test_a_file_over_the_multipart_threshold_is_sent_in_parts_and_whole(s3, bucket, tmp_path):
    store = S3Store(s3, bucket, "museum", tmp_path / "cache", multipart_bytes=5 * 1024 * 1024)
    source = tmp_path / "large.bin"
    source.write_bytes(BIG)
    store.put_file("originals/ab/cd/large.bin", source)
    found = s3.head_object(Bucket=bucket, Key="museum/originals/ab/cd/large.bin")
    assert found["ETag"].strip('"').endswith("-2")  # assembled from 2 parts (8 MiB, then the rest)
    assert found["ContentLength"] == len(BIG)
    assert found["Metadata"]["sha256"] == hashlib.sha256(BIG).hexdigest() == store.checksum("originals/ab/cd/large.bin")


def test_what_a_store_recorded_is_known_without_reading_the_object(store):
    store.put_bytes("derivatives/a/1.jpg", DATA)
    found = store.recorded("derivatives/a/1.jpg")
    assert found.size == len(DATA) and store.recorded("derivatives/none") is None
    # A bucket keeps each object's SHA-256 in its metadata; a folder keeps none (it must be read).
    assert found.sha256 == (hashlib.sha256(DATA).hexdigest() if isinstance(store, S3Store) else None)
