"""Backups of a museum whose media are in a bucket, restored into another bucket."""

import pytest

from app.backup import contents, restore, service
from app.media.store import store_of
from tests.backup.conftest import make_museum, seed  # noqa: F401  (make_museum is a fixture)
from tests.storage.conftest import on_s3


@pytest.fixture
def second_bucket(s3) -> str:
    s3.create_bucket(Bucket="museum-restored")
    yield "museum-restored"
    for found in s3.list_objects_v2(Bucket="museum-restored").get("Contents", []):
        s3.delete_object(Bucket="museum-restored", Key=found["Key"])
    s3.delete_bucket(Bucket="museum-restored")


def test_a_bucket_museum_is_backed_up_and_restored_into_an_empty_bucket(
    make_museum, tmp_path, s3_endpoint, bucket, second_bucket
):
    source = on_s3(make_museum("source"), s3_endpoint, bucket)
    target = on_s3(make_museum("target", migrated=False), s3_endpoint, second_bucket)
    seed(source, items=3, images=2)
    kept = list(contents.originals(store_of(source)))
    assert len(kept) == 2 and not (source.media_dir / "originals").exists()

    service.create(source, tmp_path / "bag")
    chain = restore.validated_chain([tmp_path / "bag"])
    restore.refuse_unless_empty(target)
    restore.restore_database(target, chain[-1])
    restore.restore_media(target, chain)

    assert restore.check(target, chain).faults == []
    assert list(contents.originals(store_of(target))) == kept
    with pytest.raises(service.BackupError, match="media store .* is not empty"):
        restore.refuse_unless_empty(on_s3(make_museum("third", migrated=False), s3_endpoint, second_bucket))
