"""`museum export` of a museum whose media are in a bucket: the export carries its originals, checked by SHA-256,
and imports with the same bytes into a museum on a folder or on a bucket."""

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli import main
from app.config import Settings
from app.db import make_engine
from app.media import service as media_service
from app.media.models import Media
from app.media.store import store_of
from app.transfer.exporter import export_file
from app.transfer.importer import import_file
from app.transfer.originals import ExportError
from tests.factories import make_item
from tests.migrate import upgrade
from tests.storage.conftest import on_s3
from tests.transfer.conftest import write_csv

PHOTO = Path(__file__).parent.parent / "fixtures" / "media" / "photo.jpg"
SHA = hashlib.sha256(PHOTO.read_bytes()).hexdigest()


@pytest.fixture
def settings(settings, s3_endpoint, bucket):
    return on_s3(settings, s3_endpoint, bucket)


@pytest.fixture
def photo_item(session, settings):
    """A published item with a real photo, its original in the bucket (not in the media folder)."""
    item = make_item(session, identifier="VIL-2026-0301")
    media_service.attach(session, item, PHOTO, settings, background=False)
    session.flush()
    assert not (settings.media_dir / "originals").exists()
    return item


def _fresh_catalog(tmp_path: Path, settings: Settings, store: str) -> Settings:
    """Settings of an empty museum with its own database and media folder, its media in `store` ('' = folder)."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    update = {"database_url": url, "media_dir": tmp_path / "fresh-media", "index_dir": tmp_path / "fresh-index"}
    return settings.model_copy(update=update | {"media_store": store})


@pytest.mark.parametrize("store", ["folder", "s3"])
def test_an_export_from_a_bucket_imports_with_the_same_bytes(photo_item, session, settings, tmp_path, bucket, store):
    path = tmp_path / "out" / "items.csv"
    assert export_file(session, path, settings) == 1
    original = f"originals/{SHA[:2]}/{SHA[2:4]}/{SHA}.jpg"
    assert f"items.media/{original}" in path.read_text(encoding="utf-8")
    assert (path.parent / "items.media" / original).read_bytes() == PHOTO.read_bytes()
    assert not list(path.parent.rglob(".tmp-*"))

    other = _fresh_catalog(tmp_path, settings, "" if store == "folder" else f"s3://{bucket}/restored")
    engine = make_engine(other.database_url)
    with Session(engine) as fresh:
        report = import_file(fresh, path, other)
        assert (report.created, report.rejected) == (1, [])
        fresh.commit()
        assert fresh.scalars(select(Media.sha256)).all() == [SHA]
        again = tmp_path / "again" / "items.csv"
        export_file(fresh, again, other)
    engine.dispose()
    target = store_of(other)
    assert target.read_bytes(original) == PHOTO.read_bytes() and target.checksum(original) == SHA
    if store == "s3":  # bucket to bucket: the second export is the first one, byte for byte
        assert again.read_bytes() == path.read_bytes()
    else:
        assert (other.media_dir / original).read_bytes() == PHOTO.read_bytes()


def test_an_export_again_into_the_same_folder_keeps_the_checked_files(photo_item, session, settings, tmp_path, s3):
    path = tmp_path / "items.jsonl"
    export_file(session, path, settings)
    copy = tmp_path / "items.media" / f"originals/{SHA[:2]}/{SHA[2:4]}/{SHA}.jpg"
    copy.write_bytes(b"damaged on the way")  # a wrong copy is fetched again, a right one kept
    export_file(session, path, settings)
    assert copy.read_bytes() == PHOTO.read_bytes()


def test_a_damaged_object_stops_the_export(photo_item, session, settings, tmp_path, s3, bucket):
    key = f"museum/originals/{SHA[:2]}/{SHA[2:4]}/{SHA}.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=b"not the photo")
    path = tmp_path / "out" / "items.csv"
    with pytest.raises(ExportError, match="VIL-2026-0301: .* does not have the SHA-256 its name gives"):
        export_file(session, path, settings)
    assert not path.exists() and not list(path.parent.rglob(f"{SHA}.jpg")) and not list(path.parent.rglob(".tmp-*"))


def test_museum_export_missing_an_object_exits_3_writing_nothing(fresh_env, monkeypatch, s3_endpoint, bucket, s3):
    monkeypatch.setenv("MUSEUM_MEDIA_STORE", f"s3://{bucket}/museum")
    monkeypatch.setenv("MUSEUM_MEDIA_S3_ENDPOINT_URL", s3_endpoint)
    monkeypatch.setenv("MUSEUM_MEDIA_S3_REGION", "us-east-1")
    (fresh_env / "photo.jpg").write_bytes(PHOTO.read_bytes())
    rows = [{"identifier": "OK-1", "kind": "object", "title": "Photo", "media": "photo.jpg"}]
    imported = CliRunner().invoke(main, ["import", str(write_csv(fresh_env / "in.csv", rows))])
    assert imported.exit_code == 0, imported.output
    s3.delete_object(Bucket=bucket, Key=f"museum/originals/{SHA[:2]}/{SHA[2:4]}/{SHA}.jpg")

    out = fresh_env / "out" / "catalog.csv"
    result = CliRunner().invoke(main, ["export", str(out)])
    assert result.exit_code == 3
    assert f"error: catalog.csv not written: item OK-1: the original originals/{SHA[:2]}/" in result.output
    assert f"in s3://{bucket}/museum is missing" in result.output and "Traceback" not in result.output
    assert not out.exists() and not list(fresh_env.rglob(".tmp-*"))
