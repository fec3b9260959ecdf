"""Tests build their database the way production does: `alembic upgrade head`."""

import shutil
from pathlib import Path

from sqlalchemy import text

from app.config import Settings
from app.db import make_engine
from app.migrate import alembic_config, upgrade

__all__ = ["alembic_config", "fresh_schema", "in_schema", "settings_on_copy", "upgrade"]


def fresh_schema(url: str, name: str) -> str:
    """`url` with its connections in schema `name` of its PostgreSQL database, made anew (empty, not migrated)."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"))
    engine.dispose()
    return in_schema(url, name)


def in_schema(url: str, name: str) -> str:
    """`url` with its connections' search path starting at schema `name` (the extensions stay in public)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name},public"


def settings_on_copy(folder: Path, migrated: Path, **fields) -> Settings:
    """Settings of a museum of its own in `folder`, on a copy of the migrated SQLite file `migrated`: for
    tests of the real app with its own sessions and locks (no overridden session). `fields` override."""
    path = Path(folder) / "museum.db"
    if not path.exists():
        shutil.copyfile(migrated, path)
    values = dict(
        database_url=f"sqlite:///{path}",
        media_dir=folder / "media",
        index_dir=folder / "index",
        secret_key_file=folder / "secret_key",
        run_worker=False,
        allowed_hosts="testserver",
    )
    return Settings(**(values | fields))
