"""IIIF Image API 3.0 request parameters: read from the URL, then resolved against the image's size.

`parse` checks the syntax of region/size/rotation/quality.format; `resolve` turns them into pixels
(region box, output size) for one image, refusing what falls outside it or outside the limits.
"""

import math
import re
from dataclasses import dataclass

from app.i18n import gettext as _

# Bounded outputs: 16 Mpx at most (about 50 MB of pixels while encoding), 8192 px on a side.
MAX_AREA = 4096 * 4096
MAX_SIDE = 8192
FORMATS = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
UNIMPLEMENTED_FORMATS = ("tif", "gif", "jp2", "pdf")  # defined by the specification, not produced here
QUALITIES = ("default", "color", "gray", "bitonal")

_INT = r"(\d{1,9})"  # bounded, so no number can overflow a float or an image library
_NUMBER = r"(\d{1,9}(?:\.\d{1,9})?)"
_REGION_PX = re.compile(rf"{_INT},{_INT},{_INT},{_INT}")
_REGION_PCT = re.compile(rf"pct:{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}")
_SIZE = re.compile(rf"(\^)?(?:(max)|pct:{_NUMBER}|(!)?{_INT}?,{_INT}?)")
_ROTATION = re.compile(rf"(!)?{_NUMBER}")


class RequestError(Exception):
    """A request refused with `status`: 400 for bad syntax or bounds, 501 for what is not implemented."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Params:
    """The parameters as written in the URL, checked for syntax only."""

    region: tuple  # ("full",) | ("square",) | ("px", x, y, w, h) | ("pct", x, y, w, h)
    size: tuple  # (upscale, "max") | (upscale, "pct", n) | (upscale, "w,h" | "!w,h", w or None, h or None)
    mirror: bool
    rotation: float
    quality: str
    format: str


@dataclass(frozen=True)
class ImageRequest:
    """A request resolved to pixels of the upright full image: what to cut, at what size, how turned."""

    region: tuple[int, int, int, int]  # x, y, width, height
    size: tuple[int, int]
    mirror: bool
    rotation: float
    quality: str
    format: str

    @property
    def key(self) -> str:
        """The normalised request: every URL asking for the same output gives the same key."""
        x, y, w, h = self.region
        rotation = f"{'!' if self.mirror else ''}{_number(self.rotation)}"
        quality = "default" if self.quality == "color" else self.quality  # the default is colour
        return f"{x},{y},{w},{h}/{self.size[0]},{self.size[1]}/{rotation}/{quality}.{self.format}"


def parse(region: str, size: str, rotation: str, quality_format: str) -> Params:
    """Check the syntax of the four path segments (RequestError when wrong)."""
    quality, dot, fmt = quality_format.rpartition(".")
    if not dot:
        raise RequestError(400, _("The last segment must be a quality and a format, as in default.jpg."))
    return Params(
        _parse_region(region),
        _parse_size(size),
        *_parse_rotation(rotation),
        _parse_quality(quality),
        _parse_format(fmt),
    )


def resolve(params: Params, width: int, height: int) -> ImageRequest:
    """The request in pixels of a `width` x `height` image (RequestError when out of bounds or too big)."""
    region = _region(params.region, width, height)
    size = _size(params.size, region[2], region[3])
    # Rotations are quarter turns (see _parse_rotation): the turned image has the same area.
    return ImageRequest(region, size, params.mirror, params.rotation, params.quality, params.format)


def max_size(width: int, height: int) -> tuple[int, int]:
    """The largest output of a `width` x `height` region within the limits (never enlarged)."""
    return _scaled(width, height, _limit(width, height, upscale=False))


def _parse_region(text: str) -> tuple:
    if text in ("full", "square"):
        return (text,)
    if match := _REGION_PX.fullmatch(text):
        return ("px", *map(int, match.groups()))
    if match := _REGION_PCT.fullmatch(text):
        return ("pct", *map(float, match.groups()))
    raise RequestError(400, _("The region “{value}” is not full, square, x,y,w,h or pct:x,y,w,h.").format(value=text))


def _parse_size(text: str) -> tuple:
    match = _SIZE.fullmatch(text)
    upscale, is_max, percent, confined, w, h = match.groups() if match else (None,) * 6
    if is_max:
        return (bool(upscale), "max")
    if percent is not None:
        return (bool(upscale), "pct", float(percent))
    if (w or h) and (w and h or not confined):
        return (bool(upscale), "!w,h" if confined else "w,h", _int_or_none(w), _int_or_none(h))
    raise RequestError(400, _("The size “{value}” is not max, w,, ,h, pct:n, w,h or !w,h.").format(value=text))


def _parse_rotation(text: str) -> tuple[bool, float]:
    match = _ROTATION.fullmatch(text)
    if not match or float(match[2]) > 360:
        raise RequestError(
            400, _("The rotation “{value}” is not a number of degrees from 0 to 360.").format(value=text)
        )
    # Level 2 asks for quarter turns only; other angles cost a full-size resample each (and every
    # angle is another image to render), so they are refused and info.json does not offer them.
    if float(match[2]) % 90:
        raise RequestError(
            400, _("The rotation “{value}” is not offered here: turn by 0, 90, 180 or 270 degrees.").format(value=text)
        )
    return bool(match[1]), float(match[2]) % 360


def _parse_quality(text: str) -> str:
    if text not in QUALITIES:
        raise RequestError(400, _("The quality “{value}” is not default, color, gray or bitonal.").format(value=text))
    return text


def _parse_format(text: str) -> str:
    if text in FORMATS:
        return text
    if text in UNIMPLEMENTED_FORMATS:
        raise RequestError(
            501, _("The format “{value}” is not available here: ask for jpg, png or webp.").format(value=text)
        )
    raise RequestError(400, _("The format “{value}” is not jpg, png or webp.").format(value=text))


def _region(region: tuple, width: int, height: int) -> tuple[int, int, int, int]:
    kind, *values = region
    if kind == "full":
        return 0, 0, width, height
    if kind == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    x, y, w, h = _percent_box(values, width, height) if kind == "pct" else values
    if w <= 0 or h <= 0:
        raise RequestError(400, _("The region is empty."))
    if x >= width or y >= height:
        raise RequestError(
            400,
            _("The region lies outside the image, which is {width} by {height} pixels.").format(
                width=width, height=height
            ),
        )
    return x, y, min(w, width - x), min(h, height - y)


def _percent_box(values: list[float], width: int, height: int) -> tuple[int, int, int, int]:
    # Both edges are rounded, rather than the origin and the size, so neighbouring regions meet exactly.
    x, y, w, h = values
    left, top = _round(x * width / 100), _round(y * height / 100)
    return left, top, _round((x + w) * width / 100) - left, _round((y + h) * height / 100) - top


def _size(size: tuple, width: int, height: int) -> tuple[int, int]:
    upscale, kind, *values = size
    if kind == "max":
        result = _scaled(width, height, _limit(width, height, upscale))
    elif kind == "pct":
        result = _round(width * values[0] / 100), _round(height * values[0] / 100)
    elif kind == "!w,h":
        result = _confined(values[0], values[1], width, height)
    else:
        result = _width_height(values[0], values[1], width, height)
    _check_size(result, width, height, upscale)
    return result


def _width_height(w: int | None, h: int | None, width: int, height: int) -> tuple[int, int]:
    if w is not None and h is not None:
        return w, h
    if w is not None:
        return w, _round(height * w / width)
    if h is not None:
        return _round(width * h / height), h
    raise ValueError("a size gives its width, its height or both")  # _parse_size never leaves out both


def _confined(w: int, h: int, width: int, height: int) -> tuple[int, int]:
    # Not capped at the region's size: like the official validator, `!2000,3000` on a smaller
    # region is an upscaling request, refused without `^` rather than quietly answered smaller.
    fit, limit = min(w / width, h / height), _limit(width, height, upscale=True)
    if fit >= limit:
        return _scaled(width, height, limit)
    return min(w, max(1, _round(width * fit))), min(h, max(1, _round(height * fit)))


def _limit(width: int, height: int, upscale: bool) -> float:
    """The largest scale allowed for a region: the service's limits, and 1 unless enlarging."""
    scale = min(MAX_SIDE / width, MAX_SIDE / height, math.sqrt(MAX_AREA / (width * height)))
    return scale if upscale else min(1.0, scale)


def _scaled(width: int, height: int, scale: float) -> tuple[int, int]:
    # Rounded down, so a size at the limit never goes over it.
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _check_size(size: tuple[int, int], width: int, height: int, upscale: bool) -> None:
    w, h = size
    if w < 1 or h < 1:
        raise RequestError(400, _("The requested size is less than one pixel."))
    if not upscale and (w > width or h > height):
        raise RequestError(
            400,
            _(
                "The requested size {w} by {h} is larger than the region ({width} by {height}): "
                "prefix it with ^ to enlarge."
            ).format(w=w, h=h, width=width, height=height),
        )
    _check_limits(w, h)


def _check_limits(w: int, h: int) -> None:
    if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_AREA:
        raise RequestError(
            400,
            _(
                "The requested size {w} by {h} is larger than this service gives: at most {side} pixels "
                "on a side and {area} pixels in all."
            ).format(w=w, h=h, side=MAX_SIDE, area=MAX_AREA),
        )


def _round(value: float) -> int:
    return math.floor(value + 0.5)


def _int_or_none(text: str | None) -> int | None:
    return None if text is None else int(text)


def _number(value: float) -> str:
    return repr(value).removesuffix(".0")  # every digit counts: 22.5 and 22.5000001 are other images
