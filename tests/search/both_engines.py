"""Fixtures that run a module's app tests with each search engine: import `settings` and `app` from here.

With PostgreSQL (when the tests run on it), the app searches inside the test's own transaction, which is rolled
back: `index_of` is then that transaction's PgIndex, which the test fills as it would build the Whoosh index.
A module importing them runs every test with each engine, but those marked `one_engine`.
"""

import pytest
from sqlalchemy import text

from app.search import sync
from app.search.index import SearchIndex
from app.search.pg import tables
from app.search.pg.index import PgIndex
from tests.factories import run_jobs
from tests.search.conftest import ENGINES, NOT_POSTGRES

# For a module's tests that never reach the search engine (a refusal before any search, a listing read from the
# database): once, with Whoosh, the default; a second run on PostgreSQL would only repeat them.
one_engine = pytest.mark.parametrize("settings", ["whoosh"], indirect=True)


@pytest.fixture(params=ENGINES)
def settings(request, settings, session):
    """The app's settings, with each search engine."""
    if request.param == "whoosh":
        return settings
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip(NOT_POSTGRES)
    return settings.model_copy(update={"search_engine": "postgres"})


@pytest.fixture
def app(app, settings, session):
    """The real app; with PostgreSQL, searching the test's own transaction (its rows are never committed), which
    writes the search tables at each commit of its savepoint and no index job (the worker's index, on a connection
    of its own, would wait for the test's transaction)."""
    if settings.search_engine == "postgres":
        sync.install(session, "postgres")  # before the session begins: it then knows to write no job
        app.state.search_index = PgIndex(session.connection())
    return app


def index_of(app, settings) -> SearchIndex:
    """The index to build for the app: the Whoosh one at its folder (to close), or PostgreSQL's in the test."""
    if settings.search_engine == "postgres":
        return app.state.search_index
    return SearchIndex(settings.index_dir)


def settle(session, settings) -> None:
    """What the app does after a change: the search tables written at its commit (PostgreSQL), and the pending
    jobs run as the worker would (the outbox's index jobs with Whoosh, the recordings made again)."""
    if settings.search_engine == "postgres":
        session.commit()  # the test's savepoint
    run_jobs(session, settings)


def index_contents(app, settings) -> str:
    """Everything the app's index holds, as text to look for a word in: the Whoosh index's files (read as Latin-1,
    any byte a character), or every row of the PostgreSQL search tables in the test's transaction."""
    if settings.search_engine == "postgres":
        with app.state.search_index.reading() as connection:
            return "\n".join(
                connection.scalar(text(f"SELECT string_agg(t::text, chr(10)) FROM {name} t")) or ""
                for name in sorted(tables.NAMES)
            )
    return b"".join(p.read_bytes() for p in settings.index_dir.rglob("*") if p.is_file()).decode("latin-1")
