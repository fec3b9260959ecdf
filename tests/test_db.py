"""The database layer: SQLite settings and write transactions."""

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db import begin_write, release, writer


def test_sqlite_runs_with_foreign_keys_and_wal(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_write_session_holds_the_write_lock_from_its_start(engine, database_url):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite locking")
    with Session(engine) as session:
        begin_write(session)
        session.execute(text("SELECT count(*) FROM items"))
        other = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
        session.rollback()


def test_a_read_session_does_not_block_writers(engine, database_url):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite locking")
    with Session(engine) as session:
        session.execute(text("SELECT count(*) FROM items"))
        other = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()


def _locked(database_url: str) -> bool:
    other = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        other.close()


def test_a_writer_session_takes_the_lock_at_its_first_statement_only(engine, database_url):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite locking")
    with Session(writer(engine)) as session:
        assert not _locked(database_url)  # a request receiving files holds nothing yet
        session.execute(text("SELECT count(*) FROM items"))
        assert _locked(database_url)
        release(session)
        assert not _locked(database_url)  # released before slow work
        session.execute(text("SELECT count(*) FROM items"))
        assert _locked(database_url)
        session.rollback()


def test_a_writer_session_writes_on_every_database(engine):
    with Session(writer(engine)) as session:
        assert session.execute(text("SELECT 1")).scalar() == 1
        release(session)
        assert session.execute(text("SELECT 2")).scalar() == 2
        session.rollback()
