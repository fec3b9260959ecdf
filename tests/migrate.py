"""Tests build their database the way production does: `alembic upgrade head`."""

import shutil
from pathlib import Path

from app.config import Settings
from app.migrate import alembic_config, upgrade

__all__ = ["alembic_config", "settings_on_copy", "upgrade"]


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
