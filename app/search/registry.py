"""One SearchIndex per index folder and process, shared by the web app, the worker and the commands."""

import threading
from pathlib import Path

from app.config import Settings
from app.search.index import SearchIndex

_indexes: dict[Path, SearchIndex] = {}  # by resolved folder, and by absolute folder as the settings name it
_lock = threading.Lock()


def get_index(settings: Settings) -> SearchIndex:
    """The process's SearchIndex for `settings.index_dir` (its writer lock then guards every write)."""
    named = Path(settings.index_dir)
    found = _indexes.get(named) if named.is_absolute() else None  # resolving at every search costs
    if found is not None:
        return found
    folder = named.resolve()
    with _lock:
        if folder not in _indexes:
            # Not created when missing: health.status must see that a rebuild is needed.
            _indexes[folder] = SearchIndex(folder, create=False)
        if named.is_absolute():
            _indexes[named] = _indexes[folder]
        return _indexes[folder]
