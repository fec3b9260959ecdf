"""The site's own static files (app/static): versioned addresses, and the cache headers that go with them.

Templates link a static file as `/static/css/museum.css?v=<digest of its contents>` (`versioned`, used by the
templates' `url_for`): a new version of the file gets a new address, so browsers may keep each one for a year
without ever showing a stale stylesheet or script after an upgrade.
"""

import hashlib
import time
from functools import lru_cache
from os import PathLike, stat_result
from pathlib import Path
from urllib.parse import parse_qs

from starlette.datastructures import URL
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VERSION = "v"
FOREVER = "public, max-age=31536000, immutable"
# Addresses without a version (OpenSeadragon's button images, old links): a day, then revalidated by ETag.
ONE_DAY = "public, max-age=86400"


# A file's version is looked up again at most this often (seconds): a page links a dozen static files, and
# asking the disk about each at every page cost a twentieth of a light page's time.
RECHECK = 2.0
_versions: dict[str, tuple[float, str | None]] = {}


def versioned(url: URL, path: str) -> URL:
    """`url` (of the static file `path`) with the digest of the file's contents; a folder stays as it is."""
    now = time.monotonic()
    found = _versions.get(path)
    if found is None or now - found[0] > RECHECK:
        file = STATIC_DIR / path
        found = _versions[path] = (now, digest(file, file.stat()) if file.is_file() else None)
    if found[1] is None:
        return url
    return url.include_query_params(**{VERSION: found[1]})


def digest(file: str | PathLike[str], status: stat_result) -> str:
    """The start of the SHA-256 of the file's contents, read once per modification of the file."""
    return _digest(Path(file), status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=256)
def _digest(file: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()[:12]


class CachedStaticFiles(StaticFiles):
    """Starlette's static files, kept a year when asked by their current version, else a day."""

    def file_response(
        self, full_path: str | PathLike[str], stat_result: stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(VERSION, [None])[0]
        # An address naming another version than the file's (a page from before an upgrade) is not kept long.
        current = asked == digest(full_path, stat_result)
        response.headers["cache-control"] = FOREVER if current else ONE_DAY
        return response
