"""Shared fixtures: settings in a temporary folder, a migrated SQLite file, the real app."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

if os.environ.get("MUSEUM_TEST_EXTRA_FIELD"):  # before the app derives its forms and schemas from the registry
    from tests.extra_field import register

    register()

from alembic import command  # noqa: E402
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.web.deps import get_session
from tests import routecache
from tests.migrate import alembic_config, fresh_schema, settings_on_copy, upgrade


def pytest_configure(config) -> None:
    """Routes are built once per process, not once per test's app (tests/routecache.py says why)."""
    routecache.install({})


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id) -> str:
    """A fresh SQLite file, or the PostgreSQL database named by MUSEUM_TEST_DATABASE_URL (emptied). Under
    pytest-xdist each worker has a schema of its own there: two workers emptying and migrating one schema at once
    collide (a table dropped or a type made by the other)."""
    url = os.environ.get("MUSEUM_TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'museum.db'}"
    if url.startswith("postgresql") and worker_id != "master":
        url = fresh_schema(url, f"tests_{worker_id}")
    elif url.startswith("postgresql"):
        command.downgrade(alembic_config(url), "base")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        media_dir=tmp_path / "media",
        index_dir=tmp_path / "index",
        secret_key_file=tmp_path / "secret_key",
        badge_key_file=tmp_path / "badge_key.pem",
        allowed_hosts="testserver",  # the TestClient's Host
        # The tests' rows live in a transaction that is rolled back: a worker thread would never
        # see them, and would wait on its lock. Tests of background work run the jobs themselves.
        run_worker=False,
    )


@pytest.fixture
def session(engine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back after the test."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    yield session
    session.close()
    outer.rollback()
    connection.close()


@pytest.fixture
def app(settings, session):
    """The real app, whose requests use the test's session (so the test's rows are visible)."""
    app = create_app(settings)

    def _session() -> Iterator[Session]:
        yield session
        session.flush()

    app.dependency_overrides[get_session] = _session
    return app


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def query_counter(engine):
    """Counts the SQL statements run while the block is active."""
    statements: list[str] = []

    def _count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", _count)
    yield statements
    event.remove(engine, "before_cursor_execute", _count)


@pytest.fixture
def fresh_env(tmp_path, monkeypatch, migrated_sqlite_file):
    """A migrated SQLite file of its own that `museum` commands find through the environment (a copy of the
    session's migrated file: the same `alembic upgrade head`, without running it again for each test)."""
    shutil.copyfile(migrated_sqlite_file, tmp_path / "museum.db")
    url = f"sqlite:///{tmp_path / 'museum.db'}"
    monkeypatch.setenv("MUSEUM_DATABASE_URL", url)
    monkeypatch.setenv("MUSEUM_MEDIA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("MUSEUM_INDEX_DIR", str(tmp_path / "index"))
    return tmp_path


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory) -> Path:
    """A migrated SQLite file, made once, for tests that copy it into a database of their own."""
    path = tmp_path_factory.mktemp("migrated") / "migrated.db"
    upgrade(f"sqlite:///{path}")
    return path


FIGURES: list[str] = []


@pytest.fixture(scope="session")
def figures() -> list[str]:
    """Lines shown at the end of the run whatever the outcome: how many cases a test checked (session-scoped, so
    that a module's fixture can sum its tests' counts into one line)."""
    return FIGURES


def pytest_sessionfinish(session) -> None:
    """A pytest-xdist worker hands its figures to the controller, which shows them."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["figures"] = list(FIGURES)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    FIGURES.extend(getattr(node, "workeroutput", {}).get("figures", []))


def pytest_terminal_summary(terminalreporter) -> None:
    if FIGURES:
        terminalreporter.section("what the security and search tests checked")
        for line in FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture
def live(tmp_path, migrated_sqlite_file):
    """The real app served by uvicorn on a SQLite file of its own, with a contributor ("resident") and a
    curator ("nadia"): yields (app, base URL, the curator's bearer headers)."""
    from tests.factories import bearer, make_user
    from tests.web.live import live_server

    app = create_app(settings_on_copy(tmp_path, migrated_sqlite_file))
    with app.state.session_factory() as session:
        make_user(session, "resident", role="contributor")
        headers = bearer(session, make_user(session, "nadia", role="curator"))
        session.commit()
    with live_server(app) as url:
        yield app, url, headers
