"""What a bag holds besides the database: the media originals, the settings without secrets, the records.

Originals are the files nothing can make again: `originals/` (catalog media, contributions, tour audio, trainee
photos) and `private/` (signed release forms), all stored under their SHA-256. Everything else in the media
folder (derivatives, pyramids, caches, public copies, booklets) is rebuilt from them after a restore.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from app.config import Settings
from app.media.store import LocalStore, Store

ORIGINAL_FOLDERS = ("originals", "private")
# Secrets never leave the server: the keys that sign forms and badges (their files are not copied either)
# and the mail password. The database URL is kept without its password.
SECRET_FIELDS = frozenset({"secret_key", "smtp_password"})


def originals(media: Store | Path) -> Iterator[str]:
    """The relative path (key) of every original in the media store, in a stable order."""
    store = LocalStore(media) if isinstance(media, Path) else media
    for folder in ORIGINAL_FOLDERS:
        for key in store.keys(f"{folder}/"):
            if not any(part.startswith(".") for part in key.split("/")):
                yield key


def sha256_from_name(relative: str) -> str:
    """The SHA-256 a content-addressed original is named after (its file name without the extension)."""
    return Path(relative).name.split(".", 1)[0]


def changed_since(media: Store | Path, paths: list[str], moment: datetime | None, known: set[str]) -> list[str]:
    """The originals an incremental bag takes: not in its base's record, or written at `moment` or later.

    Objects in a bucket have no modification time here: not being in the base's record decides (an original's
    name is its contents' hash, so one already recorded cannot have changed)."""
    store = LocalStore(media) if isinstance(media, Path) else media
    if moment is None or not isinstance(store, LocalStore):
        return [path for path in paths if path not in known]
    cutoff = moment.timestamp()
    return [path for path in paths if path not in known and store.path(path).stat().st_mtime >= cutoff]


def copy_originals(media: Store | Path, paths: list[str], target: Path) -> None:
    """Copy originals (copies, never hard links: damage to a bag must not reach the museum's own files)."""
    store = LocalStore(media) if isinstance(media, Path) else media
    for relative in paths:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(store, LocalStore):
            shutil.copy2(store.path(relative), destination)
        else:
            store.get_file(relative, destination)


def public_settings(settings: Settings) -> dict[str, object]:
    """The settings worth keeping with a backup, as JSON values, without any secret."""
    values = settings.model_dump(mode="json", exclude=set(SECRET_FIELDS))
    values["database_url"] = _without_password(settings.database_url)
    return values


def _without_password(database_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url).render_as_string(hide_password=True)


def write_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
