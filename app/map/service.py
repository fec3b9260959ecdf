"""The map's answers: the matching public items of a view gathered into clusters, and the list of them by distance.

The stops of published walking tours are on the map and in the list too, while no words or filters are asked
(they are places, not catalog items: the filters are the catalog's)."""

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from app.localize import Localized, localized
from app.map import grid, pg_points, points
from app.map.pg_points import PgReading
from app.search import service as search_service
from app.search.index import SearchIndex
from app.search.params import SearchRequest
from app.search.reading import Limited, Reading
from app.tour.service import StopPoint

EARTH_KM = 6371.0088
STOP = "stop"  # a pin's kind when it is a tour's stop
# Markers kept per index state and language: a visitor pans around the same streets, and reading a
# document's stored fields is most of a street view's time (about 0.2 ms each, 100 or more per view).
PINS_KEPT = 20_000


@dataclass(frozen=True)
class Pin:
    """What a marker or a line of the list shows of one item (from the index: public fields only)."""

    identifier: str
    kind: str
    title: str
    title_lang: str
    date_text: str | None
    place: str | None  # the place's name in the visitor's language
    place_near: bool
    lon: float
    lat: float
    stop: tuple[str, int] | None = None  # a tour stop's (tour slug, number), for its address


@dataclass(frozen=True)
class Clusters:
    total: int  # matching items in the view
    cells: list[grid.Cell]
    pins: dict[int, Pin]  # the documents of the cells holding one point


@dataclass(frozen=True)
class Nearby:
    total: int  # matching items that have a point
    unlocated: int  # matching items that have none (not on the map)
    pins: list[tuple[Pin, float]]  # one page of them with their distance in km, nearest first


def clusters(
    index: SearchIndex,
    wanted: SearchRequest,
    box: grid.Box,
    zoom: int,
    lang: str,
    stops: Sequence[StopPoint] = (),
) -> Clusters:
    """The clusters (or single items) of the public items matching `wanted` in `box` at `zoom`, and of the tours'
    `stops` when nothing is filtered."""
    stops = stops if shows_stops(wanted) else ()
    extra = grid.Extra.of([(stop.longitude, stop.latitude) for stop in stops])
    with _reading(index) as reading:
        layer = points.layer(reading)
        cells = grid.cluster(layer, _matching(reading, wanted, lang), box, zoom, extra)
        _read_pins(reading, layer, [cell.docnum for cell in cells if cell.docnum is not None], lang)
        pins = {
            cell.docnum: _pin(reading, layer, cell.docnum, lang)
            if cell.docnum >= 0
            else stop_pin(stops[-cell.docnum - 1], lang)
            for cell in cells
            if cell.docnum is not None
        }
    return Clusters(sum(cell.count for cell in cells), cells, pins)


def shows_stops(wanted: SearchRequest) -> bool:
    """Whether the tours' stops go with the items: only while no words and no filter are asked."""
    return not wanted.text and not wanted.filters.query_args()


def stop_pin(stop: StopPoint, lang: str) -> Pin:
    """What a marker or a line of the list shows of a tour's stop: its title, and its tour's as its place."""
    title = localized(stop.titles, stop.language, lang) or Localized(str(stop.number), "")
    tour = localized(stop.tour_titles, stop.language, lang)
    identifier = f"{stop.slug}/{stop.number}"
    return Pin(
        identifier,
        STOP,
        title.value,
        title.lang,
        None,
        tour.value if tour else None,
        False,
        stop.longitude,
        stop.latitude,
        (stop.slug, stop.number),
    )


def nearest(
    index: SearchIndex,
    wanted: SearchRequest,
    origin: tuple[float, float],
    page: int,
    per_page: int,
    lang: str,
    stops: Sequence[StopPoint] = (),
) -> Nearby:
    """One page of the public items matching `wanted` (and of the tours' `stops` when nothing is filtered),
    nearest to `origin` (latitude, longitude) first."""
    stops = stops if shows_stops(wanted) else ()
    with _reading(index) as reading:
        layer = points.layer(reading)
        matched = _matching(reading, wanted, lang)
        docs = np.flatnonzero(matched & layer.located)
        km = distances(layer.lat_of[docs], layer.lon_of[docs], *origin)
        unlocated = int(np.count_nonzero(matched)) - len(docs)
        if stops:  # numbered -1, -2... after the documents, as on the map
            docs = np.concatenate([docs, -np.arange(1, len(stops) + 1)])
            stop_lat = np.array([stop.latitude for stop in stops], np.float64)
            stop_lon = np.array([stop.longitude for stop in stops], np.float64)
            km = np.concatenate([km, distances(stop_lat, stop_lon, *origin)])
        start = (page - 1) * per_page
        order = np.lexsort((docs, km))[start : start + per_page]  # ties: index order, stable across pages
        _read_pins(reading, layer, [int(docs[i]) for i in order], lang)
        pins = [
            (
                _pin(reading, layer, int(docs[i]), lang) if docs[i] >= 0 else stop_pin(stops[-int(docs[i]) - 1], lang),
                float(km[i]),
            )
            for i in order
        ]
    return Nearby(len(docs), unlocated, pins)


def distances(lat: np.ndarray, lon: np.ndarray, origin_lat: float, origin_lon: float) -> np.ndarray:
    """Great-circle distances in km from the origin (haversine)."""
    phi, lam = np.radians(origin_lat), np.radians(origin_lon)
    lat2, lon2 = np.radians(lat), np.radians(lon)
    a = np.sin((lat2 - phi) / 2) ** 2 + np.cos(phi) * np.cos(lat2) * np.sin((lon2 - lam) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


@contextmanager
def _reading(index: SearchIndex) -> "Iterator[Reading | PgReading]":
    """The index state the map reads: Whoosh's, in turn with the searches; or the PostgreSQL engine's points."""
    if index.engine_name != "whoosh":
        yield pg_points.reading(index)
        return
    with search_service.searching(index) as reading:
        yield reading


def _matching(reading: "Reading | PgReading", wanted: SearchRequest, lang: str) -> np.ndarray:
    if isinstance(reading, PgReading):
        return reading.docnums(search_service.matching_ids(reading.index, wanted.text, wanted.filters, lang=lang))
    return search_service.matching(reading, wanted.text, wanted.filters, lang)


def _pin(reading: "Reading | PgReading", layer: points.Layer, docnum: int, lang: str) -> Pin:
    kept = reading.cache.setdefault("map-pins", Limited(PINS_KEPT))
    pin = kept.get((docnum, lang))  # read once: another thread may push it out meanwhile
    if pin is None:
        pin = kept[(docnum, lang)] = _read_pin(reading, layer, docnum, lang)
    return pin


def _read_pins(reading: "Reading | PgReading", layer: points.Layer, docnums: list[int], lang: str) -> None:
    """Keep the pins of these documents not kept yet, their display fields read in one query (PostgreSQL engine;
    Whoosh reads each from its stored fields, in _pin)."""
    if not isinstance(reading, PgReading):
        return
    kept = reading.cache.setdefault("map-pins", Limited(PINS_KEPT))
    missing = [docnum for docnum in docnums if docnum >= 0 and (docnum, lang) not in kept]
    for docnum, display in reading.displays(missing).items() if missing else ():
        kept[(docnum, lang)] = _pin_of(display, layer, docnum, lang)


def _read_pin(reading: "Reading | PgReading", layer: points.Layer, docnum: int, lang: str) -> Pin:
    if isinstance(reading, PgReading):
        return _pin_of(reading.displays([docnum])[docnum], layer, docnum, lang)
    return _pin_of(json.loads(reading.searcher.stored_fields(docnum)["display"]), layer, docnum, lang)


def _pin_of(display: dict, layer: points.Layer, docnum: int, lang: str) -> Pin:
    title = localized(display["titles"], display["language"], lang) or Localized(display["identifier"], "")
    places = display["labels"]["place"]
    place = localized(next(iter(places.values())), "fr", lang) if places else None
    return Pin(
        display["identifier"],
        display["kind"],
        title.value,
        title.lang,
        display.get("date_text"),
        place.value if place else None,
        bool(display.get("place_near")),
        float(layer.lon_of[docnum]),
        float(layer.lat_of[docnum]),
    )
