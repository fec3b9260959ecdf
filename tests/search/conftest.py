"""A search index over the demo collection, built once for the relevance and service tests; and the same tests'
indexes on the PostgreSQL engine (MUSEUM_SEARCH_ENGINE=postgres) when the tests run on PostgreSQL."""

import gzip
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.demo.service import load_demo
from app.item import search as item_search
from app.search.index import SearchIndex
from app.search.pg.index import PgIndex
from app.transfer.importer import import_file
from tests.migrate import fresh_schema, upgrade

ENGINES = ("whoosh", "postgres")
NOT_POSTGRES = (
    "the PostgreSQL search engine needs MUSEUM_TEST_DATABASE_URL=postgresql+psycopg://... (make test-postgres)"
)

REAL_ROWS = Path(__file__).parents[1] / "fixtures" / "real_corpus" / "rows.jsonl.gz"


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory) -> Iterator[SearchIndex]:
    """The demo collection loaded into a fresh database of its own, then indexed."""
    folder = tmp_path_factory.mktemp("demo-search")
    url = f"sqlite:///{folder / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=folder / "media", index_dir=folder / "index", run_worker=False)
    engine = make_engine(url)
    index = SearchIndex(settings.index_dir)
    with Session(engine) as session:
        load_demo(session, settings)
        session.commit()
        index.rebuild(item_search.documents(session))
    yield index
    index.close()
    engine.dispose()


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Iterator[SearchIndex]:
    """The slice of real records in tests/fixtures/real_corpus imported into a fresh database, then indexed."""
    folder = tmp_path_factory.mktemp("real-search")
    index = build_index(REAL_ROWS, folder)
    yield index
    index.close()


def build_index(rows: Path, folder: Path) -> SearchIndex:
    """Import a gzipped JSON Lines file of catalog rows into a migrated SQLite database in `folder`, and index it."""
    url = f"sqlite:///{folder / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=folder / "media", index_dir=folder / "index", run_worker=False)
    unpacked = folder / "rows.jsonl"
    unpacked.write_bytes(gzip.decompress(rows.read_bytes()))
    engine = make_engine(url)
    index = SearchIndex(settings.index_dir)
    with Session(engine) as session:
        report = import_file(session, unpacked, settings)
        assert not report.rejected, report.summary()
        session.commit()
        index.rebuild(item_search.documents(session))
    engine.dispose()
    return index


@pytest.fixture
def index(tmp_path) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path / "index")
    yield index
    index.close()


# Both engines: the tests taking `engine_index`, `demo` or `real` run once with each.


def postgres_url() -> str:
    """The PostgreSQL test database, or a skip saying how to run these tests."""
    url = os.environ.get("MUSEUM_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip(NOT_POSTGRES)
    return url


@pytest.fixture(params=ENGINES)
def engine_index(request, session, index):
    """The Whoosh index in tmp, or the PostgreSQL search tables inside the test's transaction (rolled back)."""
    if request.param == "whoosh":
        return index
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip(NOT_POSTGRES)
    return PgIndex(session.connection())


@pytest.fixture(params=ENGINES)
def demo(request):
    """The demo collection indexed by each engine."""
    return request.getfixturevalue("demo_index" if request.param == "whoosh" else "pg_demo_index")


@pytest.fixture(params=ENGINES)
def real(request):
    """The slice of real records indexed by each engine."""
    return request.getfixturevalue("real_index" if request.param == "whoosh" else "pg_real_index")


@pytest.fixture(scope="session")
def pg_demo_index(tmp_path_factory, worker_id) -> Iterator[PgIndex]:
    """The demo collection in a schema of its own of the PostgreSQL test database, indexed there."""
    with pg_museum(tmp_path_factory, f"search_demo_{worker_id}") as (engine, index, settings, _folder):
        with Session(engine) as session:
            load_demo(session, settings)
            session.commit()
            index.rebuild(item_search.documents(session))
        yield index


@pytest.fixture(scope="session")
def pg_real_index(tmp_path_factory, worker_id) -> Iterator[PgIndex]:
    """The slice of real records in a schema of its own of the PostgreSQL test database, indexed there."""
    with pg_museum(tmp_path_factory, f"search_real_{worker_id}") as (engine, index, settings, folder):
        unpacked = folder / "rows.jsonl"
        unpacked.write_bytes(gzip.decompress(REAL_ROWS.read_bytes()))
        with Session(engine) as session:
            report = import_file(session, unpacked, settings)
            assert not report.rejected, report.summary()
            session.commit()
            index.rebuild(item_search.documents(session))
        yield index


@pytest.fixture(scope="module")
def pg_committing(request, worker_id) -> Iterator[Engine]:
    """A museum database of the module's own whose tests commit (a schema named after the module, migrated once);
    each test starts from `emptied`."""
    with schema_of_its_own(
        postgres_url(), f"search_{request.module.__name__.rsplit('.', 1)[-1]}_{worker_id}"
    ) as engine:
        yield engine


def emptied(engine: Engine) -> Engine:
    """`engine`'s museum without records or jobs, its search tables empty: cheaper than migrating a new schema."""
    with engine.begin() as connection:
        connection.execute(
            text("TRUNCATE items, exhibits, jobs, search_documents, search_passages, search_words CASCADE")
        )
    return engine


def museum_settings(database_url: str, folder: Path, **fields) -> Settings:
    """Settings of the real app on the museum at `database_url`, searching with the PostgreSQL engine."""
    values = dict(
        database_url=database_url,
        search_engine="postgres",
        media_dir=folder / "media",
        index_dir=folder / "index",
        secret_key_file=folder / "secret_key",
        allowed_hosts="testserver",
        run_worker=False,
    )
    return Settings(**(values | fields))


@contextmanager
def pg_museum(tmp_path_factory, schema: str) -> Iterator[tuple[Engine, PgIndex, Settings, Path]]:
    """A museum in schema `schema` of the PostgreSQL test database, its PostgreSQL index, settings and folder."""
    folder = tmp_path_factory.mktemp(schema)
    with schema_of_its_own(postgres_url(), schema) as engine:
        url = engine.url.render_as_string(hide_password=False)
        yield (
            engine,
            PgIndex(engine),
            Settings(database_url=url, media_dir=folder / "media", index_dir=folder / "index"),
            folder,
        )


@contextmanager
def schema_of_its_own(url: str, name: str) -> Iterator[Engine]:
    """An engine whose tables are those of a fresh schema `name` of the database at `url`, migrated to head;
    the schema is dropped afterwards (the extensions stay in public, which the search path keeps)."""
    own = fresh_schema(url, name)
    try:
        upgrade(own)
        engine = make_engine(own)
        yield engine
        engine.dispose()
    finally:
        _execute(url, f"DROP SCHEMA IF EXISTS {name} CASCADE")


def _execute(url: str, sql: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(sql))
    engine.dispose()
