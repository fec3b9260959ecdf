"""Distances between stops and the route's drawing: plain functions over coordinates (no database).

Distances are great-circle distances ("as the crow flies"): the museum has no street network, so it never claims
a walking route it does not know. The route is drawn in an equirectangular projection scaled at the tour's
latitude, north up, which is true to a few metres over the few kilometres a tour covers.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_M = 6_371_008.8  # the mean Earth radius (IUGG), in metres
# A walker's pace for the time estimate: 4.5 km/h, the figure hiking guides use on the flat.
WALKING_M_PER_MIN = 75.0
WIDTH, MARGIN = 100.0, 8.0  # the drawing's box is WIDTH wide; its height follows the route's shape


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance in metres between two (latitude, longitude) points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(h)))


def legs(points: Sequence[tuple[float, float]]) -> list[float]:
    """The distance from each point to the next (one fewer than the points)."""
    return [distance_m(a, b) for a, b in zip(points, points[1:], strict=False)]


def walking_minutes(metres: float) -> int:
    """A walker's time for `metres` in a straight line, rounded up to the minute (streets make it longer)."""
    return math.ceil(metres / WALKING_M_PER_MIN) if metres > 0 else 0


@dataclass(frozen=True)
class Drawing:
    """The route in a box WIDTH x height: each stop's (x, y), and the SVG path through them."""

    height: float
    points: list[tuple[float, float]]

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if n == 0 else 'L'}{x:.2f},{y:.2f}" for n, (x, y) in enumerate(self.points))


def drawing(points: Sequence[tuple[float, float]]) -> Drawing:
    """The points projected north up into a box WIDTH wide, keeping their proportions (a lone point in the middle)."""
    if not points:
        return Drawing(WIDTH * 0.6, [])
    middle = math.radians(sum(lat for lat, _lon in points) / len(points))
    xs = [lon * math.cos(middle) for _lat, lon in points]
    ys = [-lat for lat, _lon in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = (WIDTH - 2 * MARGIN) / span
    height = max(WIDTH * 0.4, (max(ys) - min(ys)) * scale + 2 * MARGIN)
    width_used = (max(xs) - min(xs)) * scale
    left = (WIDTH - width_used) / 2
    top = (height - (max(ys) - min(ys)) * scale) / 2
    projected = [(left + (x - min(xs)) * scale, top + (y - min(ys)) * scale) for x, y in zip(xs, ys, strict=True)]
    return Drawing(round(height, 2), projected)
