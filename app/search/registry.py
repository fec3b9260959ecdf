"""One SearchIndex per index folder and process, shared by the web app, the worker and the commands."""

import threading
from pathlib import Path

from app.config import Settings
from app.search.index import SearchIndex

_indexes: dict[Path, SearchIndex] = {}
_lock = threading.Lock()


def get_index(settings: Settings) -> SearchIndex:
    """The process's SearchIndex for `settings.index_dir` (its writer lock then guards every write)."""
    folder = Path(settings.index_dir).resolve()
    with _lock:
        if folder not in _indexes:
            # Not created when missing: health.status must see that a rebuild is needed.
            _indexes[folder] = SearchIndex(folder, create=False)
        return _indexes[folder]
