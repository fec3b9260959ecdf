"""A consistent copy of the database while the museum keeps serving, with the row count of every table.

SQLite: the online backup API copies every page inside one read transaction, so writers carry on and the copy
is one moment of the database. PostgreSQL: `pg_dump` (custom format) runs on a snapshot exported by a
REPEATABLE READ transaction, and the rows are counted in that same transaction: the counts describe the dump.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, func, inspect, select, table, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

SQLITE_NAME, POSTGRES_NAME = "museum.sqlite", "museum.pgdump"


class DatabaseToolError(RuntimeError):
    """pg_dump or pg_restore failed or is missing."""


@dataclass(frozen=True)
class Snapshot:
    file: Path
    dialect: str
    counts: dict[str, int]
    revision: str | None


def take(database_url: str, folder: Path) -> Snapshot:
    """Write the database into `folder` and count what the copy holds."""
    url = make_url(database_url)
    folder.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        return _take_sqlite(Path(url.database or ""), folder / SQLITE_NAME)
    return _take_postgres(database_url, folder / POSTGRES_NAME)


def _take_sqlite(source: Path, target: Path) -> Snapshot:
    if not source.is_file():
        raise DatabaseToolError(f"the database {source} does not exist")
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)  # all pages in one step: one read transaction, one moment
        writer.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        writer.close()
        reader.close()
    counts, revision = describe_sqlite(target)
    return Snapshot(target, "sqlite", counts, revision)


def describe_sqlite(path: Path) -> tuple[dict[str, int], str | None]:
    """Row counts and Alembic revision of a SQLite file."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return table_counts(connection), revision_of(connection)
    finally:
        engine.dispose()


def _take_postgres(database_url: str, target: Path) -> Snapshot:
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            with connection.begin():
                exported = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                run_tool(
                    ["pg_dump", "-Fc", "--no-owner", "--no-acl", f"--snapshot={exported}", "-f", str(target)],
                    database_url,
                )
                return Snapshot(target, "postgresql", table_counts(connection), revision_of(connection))
    finally:
        engine.dispose()


def table_counts(connection: Connection) -> dict[str, int]:
    """{table: rows} for every table of the database."""
    names = sorted(inspect(connection).get_table_names())
    return {name: connection.execute(select(func.count()).select_from(table(name))).scalar_one() for name in names}


def revision_of(connection: Connection) -> str | None:
    """The Alembic revision the database is at (None before the first migration)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def run_tool(arguments: list[str], database_url: str) -> None:
    """Run a PostgreSQL client tool on the database of `database_url`; the password goes by environment, not argv."""
    url = make_url(database_url)
    try:
        done = subprocess.run(
            [*arguments, "--dbname", url.database or ""],
            env=_libpq_env(url),
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise DatabaseToolError(f"{arguments[0]} is not installed (PostgreSQL's client tools)") from None
    if done.returncode != 0:
        raise DatabaseToolError(f"{arguments[0]} failed: {done.stderr.strip()}")


def _libpq_env(url: URL) -> dict[str, str]:
    values = {"PGHOST": url.host, "PGPORT": url.port, "PGUSER": url.username, "PGPASSWORD": url.password}
    return os.environ | {key: str(value) for key, value in values.items() if value is not None}
