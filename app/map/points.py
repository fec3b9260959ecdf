"""Where the public items are, as arrays over the search index's documents (one entry per document number).

The index holds only what the public may see (published items, a sealed interview without its place), and is
kept in step with publishing (app/search/sync.py): the map reads its points from there, so it shows the same
records as search, and the same filter masks and text matches (document numbers) select among them. The arrays
are built once per index state, like the search's own facets and orders (app/search/columns.py).

Points of other kinds (tour stops) would come from a source of their own with the same `Layer` shape; the
clustering (app/map/grid.py) only sees positions.
"""

from dataclasses import dataclass

import numpy as np

from app.map.pg_points import PgReading
from app.search.reading import Reading, segment_id
from app.search.schema import NO_POINT


@dataclass(frozen=True)
class Layer:
    """The documents with a point, from west to east (a view's are a slice found by bisection), with their
    degrees and Web Mercator's unit square coordinates (x to the east, y to the south, as tiles count); and
    each document's point by document number."""

    docs: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    x: np.ndarray
    y: np.ndarray
    located: np.ndarray  # bool, by document number
    lon_of: np.ndarray  # by document number (0 where none)
    lat_of: np.ndarray


def layer(reading: "Reading | PgReading") -> Layer:
    """The points of every document of this index state (cached with the state)."""
    if "map" not in reading.cache:
        if isinstance(reading, PgReading):
            lat, lon = reading.lat, reading.lon
        else:
            lat, lon = _column(reading, "latitude"), _column(reading, "longitude")
        located = (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
        lat, lon = np.where(located, lat, 0.0), np.where(located, lon, 0.0)
        docs = np.flatnonzero(located)
        docs = docs[np.argsort(lon[docs], kind="stable")]
        reading.cache["map"] = Layer(docs, lon[docs], lat[docs], *mercator(lon[docs], lat[docs]), located, lon, lat)
    return reading.cache["map"]


def mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator (EPSG:3857) in the unit square: (0, 0) at 180° W and 85.05° N, as Leaflet's tiles."""
    phi = np.radians(np.clip(lat, -MAX_LATITUDE, MAX_LATITUDE))
    x = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0
    y = 0.5 - np.log(np.tan(np.pi / 4 + phi / 2)) / (2 * np.pi)
    return x, y


MAX_LATITUDE = 85.0511287798  # where Web Mercator's square ends


def _column(reading: Reading, field_name: str) -> np.ndarray:
    parts = [np.zeros(0)]
    for reader, _offset in reading.searcher.reader().leaf_readers():
        if reader.doc_count_all() and reader.has_column(field_name):
            parts.append(_segment_floats(reading.segments, reader, field_name))
        else:
            parts.append(np.full(reader.doc_count_all(), NO_POINT))
    return np.concatenate(parts)


def _segment_floats(segments: dict, reader, field_name: str) -> np.ndarray:
    key = (segment_id(reader), f"floats:{field_name}")
    if key not in segments:
        segments[key] = np.array(reader.column_reader(field_name).load(), dtype=np.float64)
    return segments[key]
