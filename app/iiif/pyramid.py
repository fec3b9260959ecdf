"""Image pyramids: the upright sRGB image at scale factors 1, 2, 4... cut into tiles, built once per original.

Pure functions over files (no database): the background job calls `build_pyramid`, the IIIF views
`ensure_pyramid` and `read_area`.
"""

import json
import os
import shutil
import tempfile
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from app.media import derivatives

TILE = 512  # stored tiles; a 256-px viewer tile on the same grid lies inside exactly one of them
VIEWER_TILE = 256  # tiles announced in info.json; levels stop once the image fits in one
INFO_NAME = "pyramid.json"
# Lossless originals (plans, drawings) keep lossless tiles; photographs get JPEG q90 without chroma
# subsampling: a 512-px tile decodes in under 1 ms, against 5 ms for PNG (bench/README.md).
LOSSLESS = ("PNG", "TIFF")
TILE_FORMATS = {"jpg": "JPEG", "png": "PNG"}
_LOCKS = [threading.Lock() for _ in range(64)]


@dataclass(frozen=True)
class Level:
    scale: int
    width: int
    height: int


@dataclass(frozen=True)
class PyramidInfo:
    width: int
    height: int
    tile: int
    format: str
    levels: tuple[Level, ...]
    build: str  # changes at every build, so a damaged pyramid is rebuilt once, not once per request


class PyramidError(Exception):
    """A pyramid missing or damaged on disk."""


def pyramid_dir(media_dir: Path, sha256: str) -> Path:
    """`media_dir/iiif/ab/cd/<sha256>`: where the pyramid of an original lives."""
    return Path(media_dir) / "iiif" / sha256[:2] / sha256[2:4] / sha256


def build_pyramid(original: Path, out_dir: Path) -> PyramidInfo:
    """Write the pyramid of `original` into `out_dir`, replacing any previous one all at once."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=".tmp-"))
    try:
        info = _write_pyramid(original, staging)
        _publish(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return info


def ensure_pyramid(media_dir: Path, original: Path, sha256: str) -> PyramidInfo:
    """The pyramid of an original, built now if it is missing or its description is damaged."""
    folder = pyramid_dir(media_dir, sha256)
    try:
        return read_info(folder)
    except PyramidError:
        # The background job has not made it yet (or it was damaged): it is built here, synchronously,
        # on the first request, so the service always answers (about 0.3 s for 24 Mpx).
        return rebuild_pyramid(media_dir, original, sha256, damaged=None)


def rebuild_pyramid(media_dir: Path, original: Path, sha256: str, damaged: str | None) -> PyramidInfo:
    """Build the pyramid again, unless another request already replaced the `damaged` build."""
    folder = pyramid_dir(media_dir, sha256)
    # One build per image at a time: a viewer asks for a dozen tiles at once on first display.
    with _LOCKS[int(sha256[:8], 16) % len(_LOCKS)]:
        try:
            info = read_info(folder)
            if info.build != damaged:
                return info
        except PyramidError:
            pass
        return build_pyramid(original, folder)


def read_info(folder: Path) -> PyramidInfo:
    """The description of the pyramid in `folder` (PyramidError when missing or unreadable)."""
    try:
        data = json.loads((Path(folder) / INFO_NAME).read_text(encoding="utf-8"))
        levels = tuple(Level(**level) for level in data.pop("levels"))
        info = PyramidInfo(levels=levels, **data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise PyramidError(f"{folder}: {error}") from None
    sizes = [info.width, info.height, *(n for level in levels for n in (level.scale, level.width, level.height))]
    if (
        not levels
        or info.tile != TILE
        or info.format not in TILE_FORMATS
        or not all(isinstance(n, int) and n > 0 for n in sizes)
    ):
        raise PyramidError(f"{folder}: incomplete or foreign description")  # rebuilt by our callers
    return info


def read_area(folder: Path, info: PyramidInfo, level: Level, box: tuple[int, int, int, int]) -> Image.Image:
    """The pixels of `box` (left, top, right, bottom) at `level`, decoding only the tiles it touches."""
    left, top, right, bottom = box
    size = info.tile
    columns = range(left // size, (right - 1) // size + 1)
    rows = range(top // size, (bottom - 1) // size + 1)
    if len(columns) == 1 and len(rows) == 1:
        origin = (columns[0] * size, rows[0] * size)
        return _tile(folder, info, level, columns[0], rows[0]).crop(
            (left - origin[0], top - origin[1], right - origin[0], bottom - origin[1])
        )
    area = Image.new("RGB", (right - left, bottom - top))
    for row in rows:
        for column in columns:
            area.paste(_tile(folder, info, level, column, row), (column * size - left, row * size - top))
    return area


def tile_path(folder: Path, info: PyramidInfo, level: Level, column: int, row: int) -> Path:
    """Where one stored tile of a level lives."""
    return Path(folder) / str(level.scale) / f"{column}_{row}.{info.format}"


def _tile(folder: Path, info: PyramidInfo, level: Level, column: int, row: int) -> Image.Image:
    path = tile_path(folder, info, level, column, row)
    expected = (min(info.tile, level.width - column * info.tile), min(info.tile, level.height - row * info.tile))
    try:
        with Image.open(path, formats=[TILE_FORMATS[info.format]]) as tile:
            tile.load()
            if tile.size != expected or tile.mode != "RGB":
                raise PyramidError(f"{path}: {tile.mode} {tile.size}, expected RGB {expected}")
            return tile
    except (OSError, ValueError) as error:  # missing, truncated or not an image at all
        raise PyramidError(f"{path}: {error}") from None


def _write_pyramid(original: Path, folder: Path) -> PyramidInfo:
    current, tile_format = _upright(original)
    levels, saves = [Level(1, current.width, current.height)], []
    # Pillow's encoders release the GIL: tiles are saved on two threads while the next level is made.
    with ThreadPoolExecutor(max_workers=2) as pool:
        saves += _save_level(current, folder / "1", tile_format, pool)
        while max(current.size) > VIEWER_TILE:
            current = current.reduce(2)  # a 2x2 box filter; odd sizes are rounded up, as IIIF does
            levels.append(Level(levels[-1].scale * 2, current.width, current.height))
            saves += _save_level(current, folder / str(levels[-1].scale), tile_format, pool)
        for save in saves:
            save.result()  # raises the first failed write, if any
    info = PyramidInfo(levels[0].width, levels[0].height, TILE, tile_format, tuple(levels), uuid.uuid4().hex)
    (folder / INFO_NAME).write_text(json.dumps(asdict(info)), encoding="utf-8")
    return info


def _upright(original: Path) -> tuple[Image.Image, str]:
    """The upright sRGB pixels, as the web derivatives have them, and the tile format to use."""
    with derivatives.open_image(original) as image:
        tile_format = "png" if image.format in LOSSLESS else "jpg"
        try:
            upright = derivatives.upright_srgb(image)
        except OSError as error:
            raise ValueError(f'"{Path(original).name}" could not be decoded ({error})') from None
    upright.info.clear()  # no EXIF, XMP or ICC profile travels into the tiles
    return upright, tile_format


def _save_level(image: Image.Image, folder: Path, tile_format: str, pool: ThreadPoolExecutor) -> list[Future]:
    folder.mkdir()
    return [
        pool.submit(_save_tile, image, (left, top), folder / f"{left // TILE}_{top // TILE}.{tile_format}")
        for top in range(0, image.height, TILE)
        for left in range(0, image.width, TILE)
    ]


def _save_tile(image: Image.Image, origin: tuple[int, int], target: Path) -> None:
    left, top = origin
    tile = image.crop((left, top, min(left + TILE, image.width), min(top + TILE, image.height)))
    if target.suffix == ".png":
        tile.save(target, "PNG", compress_level=1)
    else:
        tile.save(target, "JPEG", quality=90, subsampling=0)


def _publish(staging: Path, out_dir: Path) -> None:
    # The tiles are written without one fsync each (130 of them for 24 Mpx): the folder is renamed
    # into place in one step instead, so readers see the old pyramid or the complete new one.
    if out_dir.exists():
        retired = out_dir.with_name(f".old-{out_dir.name}-{uuid.uuid4().hex}")
        os.replace(out_dir, retired)
        shutil.rmtree(retired, ignore_errors=True)
    try:
        os.rename(staging, out_dir)
    except OSError:
        if not (out_dir / INFO_NAME).exists():  # anything but another process publishing first
            raise
