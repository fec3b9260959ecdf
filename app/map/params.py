"""What a map request asks for: the search's words and filters (app/search/params.py), a view and a zoom."""

import math
import re

from app.filters import FilterError
from app.i18n import gettext as _
from app.map.grid import MAX_ZOOM, Box

_NUMBER = r"\s*(-?\d+(?:\.\d+)?)\s*"
_BBOX = re.compile(",".join([_NUMBER] * 4) + "$", re.ASCII)
_ZOOM = re.compile(r"\s*\d{1,2}\s*$", re.ASCII)


def parse_bbox(bbox: str | None) -> Box:
    """`west,south,east,north` in decimal degrees (RFC 7946's order), within the world, not across 180°."""
    found = _BBOX.match(bbox or "")
    if found is None:
        raise FilterError(
            _("“{value}” is not a box. Write west,south,east,north in decimal degrees (5.8,49.4,6.1,49.6).").format(
                value=bbox or ""
            )
        )
    box = Box(*(float(number) for number in found.groups()))
    if not all(math.isfinite(value) for value in box.as_list()):
        raise FilterError(_("The box's degrees must be numbers."))
    if not (-180 <= box.west <= 180 and -180 <= box.east <= 180 and -90 <= box.south <= 90 and -90 <= box.north <= 90):
        raise FilterError(_("A box lies between longitudes -180 and 180 and latitudes -90 and 90."))
    if box.south > box.north:
        raise FilterError(
            _("The box's south ({south}) is north of its north ({north}).").format(south=box.south, north=box.north)
        )
    if box.west > box.east:
        raise FilterError(
            _(
                "The box crosses the 180th meridian (west {west} is east of east {east}): ask for each side apart."
            ).format(west=box.west, east=box.east)
        )
    return box


def parse_zoom(zoom: str | None) -> int:
    """A whole zoom level from 0 (the world) to MAX_ZOOM (a street)."""
    if zoom is None or not _ZOOM.match(zoom) or int(zoom) > MAX_ZOOM:
        raise FilterError(
            _("“{value}” is not a zoom level. Use a whole number from 0 to {highest}.").format(
                value=zoom or "", highest=MAX_ZOOM
            )
        )
    return int(zoom)
