"""Originals are stored once under their content hash, atomically."""

import hashlib

import pytest

from app.media import storage


def test_original_is_stored_under_its_content_hash(tmp_path):
    stored = storage.store_original(tmp_path, b"hello", ext="jpg")
    sha = hashlib.sha256(b"hello").hexdigest()
    assert stored == storage.StoredFile(sha, f"originals/{sha[:2]}/{sha[2:4]}/{sha}.jpg", 5)
    assert (tmp_path / stored.relative_path).read_bytes() == b"hello"


def test_identical_files_are_stored_once(tmp_path):
    source = tmp_path / "a.PNG"
    source.write_bytes(b"same bytes")
    first = storage.store_original(tmp_path / "media", source)
    second = storage.store_original(tmp_path / "media", b"same bytes", ext="png")
    assert first == second
    assert first.relative_path.endswith(".png")
    assert len(list((tmp_path / "media").rglob("*.png"))) == 1


def test_failed_write_leaves_neither_file_nor_temporary_file(tmp_path):
    target = tmp_path / "out" / "file.bin"
    with pytest.raises(RuntimeError):
        with storage.atomic_write(target) as out:
            out.write(b"half")
            raise RuntimeError("disk full")
    assert list((tmp_path / "out").iterdir()) == []
