"""Museums of their own for the backup tests: committed rows, real files, the `museum` command.

On SQLite each museum is a copy of the migrated file. When MUSEUM_TEST_DATABASE_URL names PostgreSQL, each
museum is a database of its own created beside the test database (the role needs CREATEDB), so that the
backups and restores run on `pg_dump`/`pg_restore` too.
"""

import os
import random
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

import app.models  # noqa: F401  (every table is mapped before the first query)
from app.cli import main
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.media import service as media_service
from tests.factories import make_item
from tests.migrate import settings_on_copy, upgrade

ROOT = Path(__file__).resolve().parents[2]
TEST_URL = os.environ.get("MUSEUM_TEST_DATABASE_URL", "")
ON_POSTGRES = TEST_URL.startswith("postgresql")
SECRET_KEY = "backup-test-secret-key-4f1c9a"
SMTP_PASSWORD = "backup-test-smtp-password-77d2"


@pytest.fixture
def make_museum(tmp_path, migrated_sqlite_file) -> Iterator[Callable[..., Settings]]:
    """`make_museum(name, migrated=True)`: settings of a museum in tmp_path/name (database migrated or absent)."""
    created: list[str] = []

    def _make(name: str, migrated: bool = True) -> Settings:
        folder = tmp_path / name
        folder.mkdir()
        fields = {"secret_key": SECRET_KEY, "smtp_password": SMTP_PASSWORD, "badge_key_file": folder / "badge.pem"}
        if ON_POSTGRES:
            url = _create_database(f"museum_backup_{uuid.uuid4().hex[:12]}")
            created.append(url)
            if migrated:
                upgrade(url)
        else:  # the migrated copy is folder/museum.db; an unmigrated museum's file does not exist yet
            url = f"sqlite:///{folder / ('museum.db' if migrated else 'fresh/museum.db')}"
        return settings_on_copy(folder, migrated_sqlite_file, **fields, database_url=url)

    yield _make
    for url in created:
        _drop_database(url)


def _create_database(name: str) -> str:
    engine = create_engine(TEST_URL, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001  (any refusal: the role may not create databases)
        pytest.skip(f"the PostgreSQL test role cannot create databases ({type(error).__name__}): grant it CREATEDB")
    finally:
        engine.dispose()
    return make_url(TEST_URL).set(database=name).render_as_string(hide_password=False)


def _drop_database(url: str) -> None:
    engine = create_engine(TEST_URL, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


def environment(settings: Settings) -> dict[str, str]:
    """The MUSEUM_ variables that make `museum` run on this museum."""
    return {
        "MUSEUM_DATABASE_URL": settings.database_url,
        "MUSEUM_MEDIA_DIR": str(settings.media_dir),
        "MUSEUM_INDEX_DIR": str(settings.index_dir),
        "MUSEUM_SECRET_KEY_FILE": str(settings.secret_key_file),
        "MUSEUM_BADGE_KEY_FILE": str(settings.badge_key_file),
        "MUSEUM_SECRET_KEY": settings.secret_key,
        "MUSEUM_SMTP_PASSWORD": settings.smtp_password,
        "MUSEUM_RUN_WORKER": "false",
    }


def museum(settings: Settings, *args: str) -> Result:
    """Run `museum ARGS` in-process on this museum."""
    return CliRunner().invoke(main, list(args), env=environment(settings), catch_exceptions=False)


def museum_process(settings: Settings, *args: str) -> subprocess.Popen:
    """Start `museum ARGS` as a process of its own (it can be killed)."""
    env = os.environ | environment(settings) | {"PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "from app.cli import main; main()", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def factory(settings: Settings) -> sessionmaker[Session]:
    return make_session_factory(make_engine(settings.database_url))


def seed(settings: Settings, items: int, images: int, seed_value: int = 1, size: tuple[int, int] = (64, 48)) -> None:
    """Committed published items, the first `images` of them with a real noisy PNG stored as original."""
    chance = random.Random(seed_value)
    folder = settings.media_dir.parent / "incoming"
    folder.mkdir(exist_ok=True)
    sessions = factory(settings)
    with sessions() as session:
        for n in range(items):
            item = make_item(session, title=f"Cité ouvrière {seed_value}-{n}")
            if n < images:
                path = folder / f"{seed_value}-{n}.png"
                Image.frombytes("RGB", size, chance.randbytes(size[0] * size[1] * 3)).save(path)
                media_service.attach(session, item, path, settings, background=False)
        session.commit()
    sessions.kw["bind"].dispose()
