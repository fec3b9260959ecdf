"""Rendered IIIF responses kept on disk, keyed by the normalised request, and their ETags.

Only what viewers ask for again and again is kept: tiles on the grid announced in info.json and
the listed `sizes`. That bounds the cache to a fixed set per image, each entry within the maximum
area, whatever sizes and regions strangers request; everything else is rendered every time.
"""

import hashlib
from pathlib import Path

from app.iiif.image_request import ImageRequest
from app.iiif.pyramid import VIEWER_TILE, PyramidInfo
from app.media.storage import atomic_write

# Part of every key and ETag: changing how images are rendered must change what caches hold.
RENDER_VERSION = "1"


def etag(sha256: str, request: ImageRequest) -> str:
    """A strong ETag: the same identifier and normalised request always give the same bytes."""
    return '"' + _digest(f"{RENDER_VERSION}/{sha256}/{request.key}") + '"'


def cache_path(media_dir: Path, sha256: str, request: ImageRequest) -> Path:
    """`media_dir/iiif-cache/ab/cd/<sha256>/<request digest>.<format>`."""
    name = f"{_digest(f'{RENDER_VERSION}/{request.key}')}.{request.format}"
    return Path(media_dir) / "iiif-cache" / sha256[:2] / sha256[2:4] / sha256 / name


def read(path: Path) -> bytes | None:
    """The cached bytes, or None when not cached yet."""
    try:
        return path.read_bytes() or None
    except OSError:
        return None


def write(path: Path, data: bytes) -> None:
    """Store a rendered response (atomically: a reader never sees half of it)."""
    with atomic_write(path) as out:
        out.write(data)


def worth_keeping(info: PyramidInfo, request: ImageRequest) -> bool:
    """Whether the request is a tile of the announced grid or one of the announced sizes."""
    x, y, w, h = request.region
    if (x, y, w, h) == (0, 0, info.width, info.height):
        return any(request.size == (level.width, level.height) for level in info.levels)
    for level in info.levels:
        span = VIEWER_TILE * level.scale
        if x % span == 0 and y % span == 0 and (w, h) == (min(span, info.width - x), min(span, info.height - y)):
            return _close(request.size, (w / level.scale, h / level.scale))
    return False


def _close(size: tuple[int, int], exact: tuple[float, float]) -> bool:
    return abs(size[0] - exact[0]) < 1 and abs(size[1] - exact[1]) < 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]
