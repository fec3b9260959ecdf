"""Declarative base, engine and session factory (the per-request session is app/web/deps.py's)."""

import sqlite3
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Connection, Executable, MetaData, create_engine, event
from sqlalchemy.engine import CursorResult, Engine, Result
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
WRITE = "museum_write"
BUSY_TIMEOUT_MS = 5000  # how long a statement waits for another connection's write lock before failing
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Build the engine; on SQLite turn on foreign keys, WAL and real transactions."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINTs; SQLAlchemy's
    # documented recipe hands transaction control back to SQLAlchemy.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that read before another connection committed cannot write any
        # more (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out): writers take the lock first.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """One factory per app; sessions never expire objects on commit (pages render after it)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def begin_write(session: Session) -> None:
    """Start the session's transaction as one that will write (on SQLite: take the write lock now)."""
    session.connection(execution_options={WRITE: True})


@lru_cache(maxsize=16)
def writer(engine: Engine) -> Engine:
    """The engine whose transactions are writers: on SQLite each takes the write lock at its first statement."""
    return engine.execution_options(**{WRITE: True})


def release(session: Session) -> None:
    """Close the request's transaction before slow file work, so no lock is held while files are decoded.

    What was done so far (identity bookkeeping, a reserved form stamp) is committed; loaded objects stay
    loaded (sessions never expire on commit); the next statement opens a new, short transaction. Inside a
    savepoint the caller owns the transaction's bounds, and nothing is committed.
    """
    if not session.in_nested_transaction():
        session.commit()


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched (`Session.execute` types its CursorResult as a plain Result)."""
    return cast(CursorResult[Any], result).rowcount


def try_write(session: Session, statement: Executable) -> bool:
    """Run a small bookkeeping write inside a savepoint; False (and nothing written) when the database is busy.

    Meant for notes such as "last seen" during page reads: on SQLite a reading transaction cannot always
    become a writing one, and such a note is not worth failing the page for.
    """
    try:
        with session.begin_nested():
            session.execute(statement)
    except OperationalError:
        return False
    return True
