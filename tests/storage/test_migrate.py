"""`museum media migrate --to ...`: folder -> S3 -> folder with equal checksums, resumed, damage found."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from app.cli import main
from app.config import Settings
from app.media import service as media_service
from app.media.store import open_store
from app.media.store.migrate import keys_to_copy
from tests.storage.s3server import CuttingProxy

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"


@pytest.fixture
def media_dir(tmp_path, monkeypatch, s3_endpoint) -> Path:
    """A media folder with a photo (original, derivatives, pyramid) and a sound, as `museum` finds it."""
    folder = tmp_path / "media"
    monkeypatch.setenv("MUSEUM_MEDIA_DIR", str(folder))
    monkeypatch.setenv("MUSEUM_MEDIA_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("MUSEUM_MEDIA_S3_REGION", "us-east-1")
    for name in ("photo.jpg", "sound.mp3"):
        media_service.prepare(MEDIA / name, Settings(), complete=True)
    return folder


def _migrate(target: str, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["media", "migrate", "--to", target, *options])
    return result.exit_code, result.output


def _checksums(url: str) -> dict[str, str | None]:
    store = open_store(url, Settings())
    return {key: store.checksum(key) for key in keys_to_copy(store)}


def test_a_round_trip_through_s3_keeps_every_file_and_leaves_the_caches(media_dir, bucket, monkeypatch, tmp_path):
    before = _checksums(str(media_dir))
    assert any(k.startswith("originals/") for k in before) and any(k.startswith("derivatives/") for k in before)
    assert (media_dir / "iiif").is_dir() and not any(k.startswith("iiif/") for k in before)  # a cache: not copied
    code, output = _migrate(f"s3://{bucket}/museum")
    assert code == 0, output
    assert f"{len(before)} copied, 0 already there" in output
    assert _checksums(f"s3://{bucket}/museum") == before

    monkeypatch.setenv("MUSEUM_MEDIA_STORE", f"s3://{bucket}/museum")  # the operator switches over...
    code, output = _migrate(f"file://{tmp_path / 'back'}")  # ...and later comes back to a folder
    assert code == 0, output
    assert _checksums(str(tmp_path / "back")) == before


def test_an_interrupted_migration_is_resumed(media_dir, bucket, s3_endpoint, monkeypatch):
    proxy = CuttingProxy(urlsplit(s3_endpoint).port or 80)
    monkeypatch.setenv("MUSEUM_MEDIA_S3_ENDPOINT_URL", proxy.url)
    monkeypatch.setenv("MUSEUM_MEDIA_S3_ATTEMPTS", "1")
    total = len(keys_to_copy(open_store(str(media_dir), Settings())))
    proxy.budget = 40_000  # the network goes down part-way through
    code, output = _migrate(f"s3://{bucket}/museum")
    assert code == 1 and "failed" in output
    first = int(output.rsplit("\n", 2)[-2].split(" copied")[0].split()[-1])
    assert 0 < first < total

    proxy.budget = None
    code, output = _migrate(f"s3://{bucket}/museum")
    assert code == 0, output
    assert f"{total - first} copied, {first} already there and checked, 0 checksum mismatches, 0 failed" in output
    assert _checksums(f"s3://{bucket}/museum") == _checksums(str(media_dir))
    proxy.close()


def test_a_damaged_copy_is_found_by_its_size_or_by_verify_and_fails_the_run(media_dir, bucket, s3):
    assert _migrate(f"s3://{bucket}/museum")[0] == 0
    original = next(k for k in keys_to_copy(open_store(str(media_dir), Settings())) if k.startswith("originals/"))
    derivative = next(k for k in keys_to_copy(open_store(str(media_dir), Settings())) if k.endswith("medium.jpg"))
    # Bit rot, or someone's tool: the same metadata, other bytes (the original's of the same length).
    for key, damage in ((original, lambda data: data[:-1] + b"\x00"), (derivative, lambda data: data[:-1])):
        found = s3.get_object(Bucket=bucket, Key=f"museum/{key}")
        s3.put_object(Bucket=bucket, Key=f"museum/{key}", Body=damage(found["Body"].read()), Metadata=found["Metadata"])
    code, output = _migrate(f"s3://{bucket}/museum")  # sizes and recorded checksums only
    assert code == 1
    assert f"mismatch: {derivative}" in output and f"mismatch: {original}" not in output
    assert ", 1 checksum mismatches, 0 failed" in output
    code, output = _migrate(f"s3://{bucket}/museum", "--verify")  # every byte read back
    assert code == 1
    assert f"mismatch: {original}" in output and f"mismatch: {derivative}" in output
    assert ", 2 checksum mismatches, 0 failed" in output


def test_a_resumed_run_downloads_nothing_unless_told_to_verify(media_dir, bucket, s3_endpoint, monkeypatch):
    (media_dir / "public" / "big.bin").parent.mkdir(exist_ok=True)
    (media_dir / "public" / "big.bin").write_bytes(bytes(range(256)) * 8192)  # 2 MiB: far more than the HEADs
    assert _migrate(f"s3://{bucket}/museum")[0] == 0
    proxy = CuttingProxy(urlsplit(s3_endpoint).port or 80)
    monkeypatch.setenv("MUSEUM_MEDIA_S3_ENDPOINT_URL", proxy.url)
    source = open_store(str(media_dir), Settings())
    keys = keys_to_copy(source)
    stored = sum(source.size(key) or 0 for key in keys)
    code, output = _migrate(f"s3://{bucket}/museum")
    assert code == 0 and f"0 copied, {len(keys)} already there and checked, 0 checksum" in output
    assert proxy.received < stored / 10  # one HEAD per file, not its bytes
    proxy.received = 0
    code, output = _migrate(f"s3://{bucket}/museum", "--verify")
    assert code == 0 and f"0 copied, {len(keys)} already there and read back, 0 checksum" in output
    assert proxy.received > stored
    proxy.close()


def test_a_damaged_source_original_is_not_copied(media_dir, bucket, s3):
    original = next(k for k in keys_to_copy(open_store(str(media_dir), Settings())) if k.startswith("originals/"))
    (media_dir / original).write_bytes(b"not what its name says")
    code, output = _migrate(f"s3://{bucket}/museum")
    assert code == 1 and f"mismatch: {original}" in output
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket, Prefix=f"museum/{original}")


def test_an_unknown_target_is_a_clear_error(media_dir):
    code, output = _migrate("ftp://somewhere/media")
    assert code != 0 and "unknown media store" in output
