"""Clustering on the server: the points in a view gathered into the cells of a grid fixed to the world.

At zoom z the world is 256 x 2^z pixels wide (Web Mercator, as the map's tiles); a cell is CELL_PIXELS square
there. Cells are counted from the world's corner, so a cluster stays where it was while the visitor pans.
A view covering more than MAX_CELLS cells (a big screen, or a program asking for a wide box at a high zoom)
gets cells twice as wide until it does not, which bounds the features of any answer. The work is a few passes
of numpy over the points in the box: 100,000 points cost a few milliseconds.
"""

from dataclasses import dataclass

import numpy as np

from app.map.points import Layer, mercator

CELL_PIXELS = 96
TILE_PIXELS = 256
MAX_CELLS = 280  # every answer has fewer features than this
MAX_ZOOM = 20


@dataclass(frozen=True)
class Box:
    """A view in degrees: west, south, east, north (west <= east: never across the antimeridian)."""

    west: float
    south: float
    east: float
    north: float

    def as_list(self) -> list[float]:
        return [self.west, self.south, self.east, self.north]


@dataclass(frozen=True)
class Cell:
    """The points of one cell: where they are on average, the box around them, and the document when alone."""

    count: int
    lon: float
    lat: float
    box: Box
    docnum: int | None  # the one document of a cell holding one point (an extra point: -1 for the first)

    @property
    def stacked(self) -> bool:
        """Every point of the cell is at the same place: zooming in never separates them."""
        return self.count > 1 and self.box.west == self.box.east and self.box.south == self.box.north


def inside(layer: Layer, allowed: np.ndarray, box: Box) -> np.ndarray:
    """The positions in `layer` of the points in `box` (edges included) whose documents `allowed` holds."""
    start = int(np.searchsorted(layer.lon, box.west, side="left"))
    end = int(np.searchsorted(layer.lon, box.east, side="right"))
    lat = layer.lat[start:end]
    keep = (lat >= box.south) & (lat <= box.north) & allowed[layer.docs[start:end]]
    return np.flatnonzero(keep) + start


def cell_size(box: Box, zoom: int) -> float:
    """A cell's side in the unit square: CELL_PIXELS at `zoom`, doubled until the box spans at most MAX_CELLS."""
    size = CELL_PIXELS / (TILE_PIXELS * 2.0**zoom)
    (x0, x1), (y0, y1) = mercator(np.array([box.west, box.east]), np.array([box.north, box.south]))
    while _span(x0, x1, size) * _span(y0, y1, size) > MAX_CELLS:
        size *= 2
    return size


def _span(start: float, end: float, size: float) -> int:
    return int(np.floor(end / size) - np.floor(start / size)) + 1


@dataclass(frozen=True)
class Extra:
    """A few points that are not the index's documents (tour stops), numbered -1, -2... in the cells."""

    lon: np.ndarray
    lat: np.ndarray

    @classmethod
    def of(cls, points: list[tuple[float, float]]) -> "Extra":
        """From (longitude, latitude) pairs: the first is -1."""
        return cls(np.array([p[0] for p in points], np.float64), np.array([p[1] for p in points], np.float64))


NO_EXTRA = Extra(np.zeros(0), np.zeros(0))


def cluster(layer: Layer, allowed: np.ndarray, box: Box, zoom: int, extra: Extra = NO_EXTRA) -> list[Cell]:
    """The non-empty cells of the grid over `box` at `zoom`, holding the points of the documents `allowed` and
    the `extra` points in the box."""
    found = inside(layer, allowed, box)
    lon, lat, x, y, docs = layer.lon[found], layer.lat[found], layer.x[found], layer.y[found], layer.docs[found]
    if len(extra.lon):
        keep = np.flatnonzero(
            (extra.lon >= box.west) & (extra.lon <= box.east) & (extra.lat >= box.south) & (extra.lat <= box.north)
        )
        more_x, more_y = mercator(extra.lon[keep], extra.lat[keep])
        lon, lat = np.concatenate([lon, extra.lon[keep]]), np.concatenate([lat, extra.lat[keep]])
        x, y = np.concatenate([x, more_x]), np.concatenate([y, more_y])
        docs = np.concatenate([docs, -(keep + 1)])
    if not len(docs):
        return []
    size = cell_size(box, zoom)
    (x0, _x1), (y0, _y1) = mercator(np.array([box.west, box.east]), np.array([box.north, box.south]))
    column = np.floor(x / size).astype(np.int64) - int(np.floor(x0 / size))
    row = np.floor(y / size).astype(np.int64) - int(np.floor(y0 / size))
    rows = int(row.max()) + 1
    # The box spans at most MAX_CELLS cells, so the cells are counted in a dense array, without sorting points.
    key = column * rows + row
    filled = np.flatnonzero(np.bincount(key))
    numbering = np.zeros(int(key.max()) + 1, np.int64)
    numbering[filled] = np.arange(len(filled))
    return _cells(lon, lat, docs, numbering[key], len(filled))


def _cells(lon: np.ndarray, lat: np.ndarray, docs: np.ndarray, slot: np.ndarray, n: int) -> list[Cell]:
    counts = np.bincount(slot, minlength=n)
    mean_lon = np.bincount(slot, lon, n) / counts
    mean_lat = np.bincount(slot, lat, n) / counts
    # Four separate arrays: numpy's fast path for ufunc.at takes contiguous 1-D operands, not rows of a 2-D array.
    west, south, east, north = (np.full(n, np.inf), np.full(n, np.inf), np.full(n, -np.inf), np.full(n, -np.inf))
    np.minimum.at(west, slot, lon)
    np.minimum.at(south, slot, lat)
    np.maximum.at(east, slot, lon)
    np.maximum.at(north, slot, lat)
    alone = np.zeros(n, np.int64)
    alone[slot] = docs  # a cell of one point keeps its one document
    columns = zip(
        counts.tolist(),
        mean_lon.tolist(),
        mean_lat.tolist(),
        west.tolist(),
        south.tolist(),
        east.tolist(),
        north.tolist(),
        alone.tolist(),
        strict=True,
    )
    return [
        Cell(count, x, y, Box(west, south, east, north), doc if count == 1 else None)
        for count, x, y, west, south, east, north, doc in columns
    ]
