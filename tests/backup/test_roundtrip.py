"""A backup restored into a fresh museum holds every row of every table and every original, byte for byte."""

import hashlib
import json
import threading

import pytest
from sqlalchemy import create_engine, inspect, select, table, text
from sqlalchemy.pool import NullPool

from app.backup import restore, service
from app.item.models import Item
from app.revision.models import ItemRevision
from app.workspace import service as workspace
from tests.backup.conftest import factory, museum, seed
from tests.factories import make_user

EMPTY = {"place": None, "credits": [], "subjects": [], "collections": []}


def rows(database_url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, as plain values."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
            return {
                name: sorted(map(tuple, connection.execute(select(table(name, *_columns(connection, name))))), key=repr)
                for name in names
            }
    finally:
        engine.dispose()


def _columns(connection, name: str):
    from sqlalchemy import column

    return [column(found["name"]) for found in inspect(connection).get_columns(name)]


def originals(media_dir) -> dict[str, str]:
    return {
        path.relative_to(media_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in ("originals", "private")
        for path in (media_dir / folder).rglob("*")
        if path.is_file()
    }


def test_restore_gives_back_every_row_and_every_original(make_museum, tmp_path, figures):
    source, target = make_museum("source"), make_museum("target", migrated=False)
    seed(source, items=12, images=4)
    release = source.media_dir / "private" / "release-forms" / "originals" / "ab" / "cd"
    release.mkdir(parents=True)
    (release / f"{hashlib.sha256(b'signed form').hexdigest()}.pdf").write_bytes(b"signed form")

    bag = service.create(source, tmp_path / "bag")
    chain = restore.validated_chain([tmp_path / "bag"])
    restore.refuse_unless_empty(target)
    restore.restore_database(target, chain[-1])
    restore.restore_media(target, chain)

    assert restore.check(target, chain).faults == []
    before, after = rows(source.database_url), rows(target.database_url)
    assert before == after
    assert originals(source.media_dir) == originals(target.media_dir) and len(originals(target.media_dir)) == 5
    assert service.info_value(bag, "Museum-Rows") == str(sum(map(len, before.values())))
    figures.append(f"backup round trip: {len(before)} tables, {sum(map(len, before.values()))} rows equal")


def test_backup_while_items_are_saved_is_one_consistent_moment(make_museum, tmp_path):
    source, target = make_museum("source"), make_museum("target", migrated=False)
    seed(source, items=5, images=2)
    sessions = factory(source)
    with sessions() as session:
        user = make_user(session, "archiviste", role="curator")
        session.commit()
        user_id = user.id
    stop, saved, failed = threading.Event(), [], []

    def keep_saving() -> None:
        try:
            with sessions() as session:
                while not stop.is_set():
                    values = {"kind": "building", "language": "fr", "titles": {"fr": f"Hangar {len(saved)}"}} | EMPTY
                    identifier = workspace.create(session, values, session.get(type(user), user_id)).identifier
                    session.commit()
                    saved.append(identifier)  # counted once committed: the backup may start right after
        except Exception as error:
            failed.append(error)

    writer = threading.Thread(target=keep_saving)
    writer.start()
    try:
        while len(saved) < 3 and not failed:
            stop.wait(0.01)
        before = len(saved)
        result = museum(source, "backup", str(tmp_path / "bag"))
        during = len(saved)
    finally:
        stop.set()
        writer.join()
    assert not failed and result.exit_code == 0, result.output
    assert during > before  # the writer kept saving while the bag was written
    assert museum(target, "restore", str(tmp_path / "bag")).exit_code == 0

    restored = factory(target)
    with restored() as session:
        items = session.scalars(select(Item.id).where(Item.identifier.in_(saved))).all()
        revised = session.scalars(select(ItemRevision.item_id).where(ItemRevision.item_id.in_(items))).all()
    assert 3 <= len(items) <= during  # the items saved before the backup, none half-saved
    assert set(revised) == set(items)  # each item with the revision saved in its transaction
    record = json.loads((tmp_path / "bag" / "data" / "records.json").read_text())
    assert record["tables"]["items"] == len(items) + 5


def test_restore_refuses_a_museum_that_is_not_empty(make_museum, tmp_path):
    source = make_museum("source")
    seed(source, items=2, images=1)
    assert museum(source, "backup", str(tmp_path / "bag")).exit_code == 0

    refused = museum(source, "restore", str(tmp_path / "bag"))

    assert refused.exit_code == 1
    assert "the database is not empty" in refused.output


def test_restore_refuses_a_media_folder_that_is_not_empty(make_museum, tmp_path):
    source, target = make_museum("source"), make_museum("target", migrated=False)
    seed(source, items=1, images=1)
    assert museum(source, "backup", str(tmp_path / "bag")).exit_code == 0
    (target.media_dir / "originals").mkdir(parents=True)
    (target.media_dir / "originals" / "stray.jpg").write_bytes(b"jpeg")

    refused = museum(target, "restore", str(tmp_path / "bag"))

    assert refused.exit_code == 1 and "media folder" in refused.output


def test_restored_museum_serves_its_items_with_derivatives_and_search(make_museum, tmp_path):
    source, target = make_museum("source"), make_museum("target")
    seed(source, items=3, images=1)
    assert museum(source, "backup", str(tmp_path / "bag")).exit_code == 0

    done = museum(target, "restore", str(tmp_path / "bag"))

    assert done.exit_code == 0, done.output
    assert "Restored and checked" in done.output and "3 documents indexed" in done.output
    assert list((target.media_dir / "derivatives").rglob("*.jpg"))
    engine = create_engine(target.database_url, poolclass=NullPool)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM media WHERE derivatives_status = 'ready'")).scalar() == 1
    engine.dispose()


@pytest.mark.parametrize("give", ["nothing", "incremental first"])
def test_restore_refuses_a_chain_out_of_order(make_museum, tmp_path, give):
    source, target = make_museum("source"), make_museum("target", migrated=False)
    seed(source, items=1, images=1)
    museum(source, "backup", str(tmp_path / "full"))
    museum(source, "backup", "--since", str(tmp_path / "full"), str(tmp_path / "step"))
    bags = [str(tmp_path / "step")] if give == "incremental first" else [str(tmp_path / "step"), str(tmp_path / "full")]

    refused = museum(target, "restore", *bags)

    assert refused.exit_code == 1 and "full bag first" in refused.output
