"""Rendering an IIIF image request from a pyramid: region, size, rotation, quality, then format."""

import io
import math
from pathlib import Path

from PIL import Image

from app.iiif import pyramid
from app.iiif.image_request import ImageRequest
from app.iiif.pyramid import Level, PyramidInfo

# What each encoder cannot store, and what it gets instead.
_JPEG_MODES = {"1": "L", "LA": "L", "RGBA": "RGB"}
_WEBP_MODES = {"1": "RGB", "L": "RGB", "LA": "RGBA"}
_QUARTER_TURNS: dict[float, Image.Transpose] = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


def render(folder: Path, info: PyramidInfo, request: ImageRequest) -> bytes:
    """The encoded image answering `request`, read from the pyramid in `folder`."""
    image = scaled_region(folder, info, request)
    image = _turned(image, request)
    return encode(_with_quality(image, request.quality), request.format)


def choose_level(info: PyramidInfo, region: tuple[int, int, int, int], size: tuple[int, int]) -> Level:
    """The smallest level that still has as many pixels as the output needs."""
    _x, _y, width, height = region
    for level in reversed(info.levels):
        # One pixel of slack: the sizes of edge tiles are rounded up at every level.
        if width / level.scale + 1 >= size[0] and height / level.scale + 1 >= size[1]:
            return level
    return info.levels[0]


def scaled_region(folder: Path, info: PyramidInfo, request: ImageRequest) -> Image.Image:
    """The requested region at the requested size, upright, before rotation and quality."""
    level = choose_level(info, request.region, request.size)
    x, y, w, h = request.region
    exact = (
        x / level.scale,
        y / level.scale,
        min((x + w) / level.scale, level.width),
        min((y + h) / level.scale, level.height),
    )
    box = (math.floor(exact[0]), math.floor(exact[1]), math.ceil(exact[2]), math.ceil(exact[3]))
    area = pyramid.read_area(folder, info, level, box)
    inner = (exact[0] - box[0], exact[1] - box[1], exact[2] - box[0], exact[3] - box[1])
    if area.size == request.size and inner == (0, 0, *area.size):
        return area
    return area.resize(request.size, Image.Resampling.LANCZOS, box=inner)


def _turned(image: Image.Image, request: ImageRequest) -> Image.Image:
    if request.mirror:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    # Only quarter turns are accepted (app/iiif/image_request.py): a transpose, no resampling.
    return image.transpose(_QUARTER_TURNS[request.rotation]) if request.rotation else image


def _with_quality(image: Image.Image, quality: str) -> Image.Image:
    if quality == "gray":
        return image.convert("LA" if image.mode == "RGBA" else "L")
    if quality == "bitonal":
        return image.convert("L").convert("1", dither=Image.Dither.NONE)  # a threshold keeps text crisp
    return image


def encode(image: Image.Image, fmt: str) -> bytes:
    """The image as jpg, png or webp bytes, with no metadata (no EXIF, XMP, GPS or ICC profile)."""
    image.info.clear()
    out = io.BytesIO()
    if fmt == "jpg":
        _converted(image, _JPEG_MODES).save(out, "JPEG", quality=85)
    elif fmt == "png":
        image.save(out, "PNG", compress_level=3)
    else:
        _converted(image, _WEBP_MODES).save(out, "WEBP", quality=80)
    return out.getvalue()


def _converted(image: Image.Image, modes: dict[str, str]) -> Image.Image:
    return image.convert(modes[image.mode]) if image.mode in modes else image
