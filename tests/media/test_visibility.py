"""Whether a file is public is cached per process; a change committed by another process (another app server,
another host) is seen at its next request through the catalog's generation in the database, not a local file."""

import os
import subprocess
import sys

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.media.urls import derivative_url
from tests.account.routes import item_with_image
from tests.migrate import settings_on_copy


def test_a_withdrawal_committed_by_another_server_stops_its_files_at_once(tmp_path, migrated_sqlite_file):
    settings = settings_on_copy(tmp_path, migrated_sqlite_file)
    writer, reader = create_app(settings), create_app(settings.model_copy())
    with writer.state.session_factory() as session:
        item, media = item_with_image(session, writer.state.settings, "published")
        session.commit()
        item_id, address = item.id, derivative_url(media, "thumb")  # a file the cache answers for
    with TestClient(reader) as visitor:
        assert visitor.get(address).status_code == 200  # now cached as public in the reader's process
        assert visitor.get(address).status_code == 200
        withdraw_in_another_process(settings, item_id)
        assert not (settings.media_dir / ".visibility").exists()  # nothing shared through the media folder
        assert visitor.get(address).status_code == 404


WITHDRAW = """
import sys
from app.clitools import command_session
from app.item.models import Item
with command_session() as (session, _settings):
    session.get(Item, int(sys.argv[1])).status = "withdrawn"
    session.commit()
"""


def withdraw_in_another_process(settings: Settings, item_id: int) -> None:
    """The item withdrawn by another process, as a curator on another server would (its own sessions and caches)."""
    env = {"MUSEUM_DATABASE_URL": settings.database_url, "MUSEUM_MEDIA_DIR": str(settings.media_dir)}
    env |= {"MUSEUM_INDEX_DIR": str(settings.index_dir), "MUSEUM_SECRET_KEY_FILE": str(settings.secret_key_file)}
    subprocess.run([sys.executable, "-c", WITHDRAW, str(item_id)], env=env | _path(), check=True, timeout=120)


def _path() -> dict[str, str]:
    return {name: os.environ[name] for name in ("PATH", "PYTHONPATH", "HOME") if name in os.environ}
