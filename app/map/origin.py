"""Where the map page looks at and what its list counts distances from: a place of the list, the map's view
in the URL, or the museum's home place (app/config.py: map_home_place, map_center)."""

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.filters import FilterError
from app.i18n import get_language
from app.i18n import gettext as _
from app.place import service as place_service
from app.place.models import Place

PLACE_ZOOM = 14  # a commune and its surroundings


@dataclass(frozen=True)
class View:
    latitude: float
    longitude: float
    zoom: int
    given: bool  # in the URL (else the museum's default view)


@dataclass(frozen=True)
class Start:
    """What the list's distances count from."""

    point: tuple[float, float]  # latitude, longitude
    label: str
    slug: str | None  # the place's, when one was chosen


@dataclass(frozen=True)
class Pickable:
    slug: str
    label: str
    latitude: float
    longitude: float


def view(lat: str | None, lon: str | None, zoom: int | None, settings: Settings) -> View:
    """The map's view from `lat`, `lon` and `zoom` in the URL, else the museum's."""
    if lat is None and lon is None:
        home = settings.map_home()
        return View(home[0], home[1], settings.map_zoom if zoom is None else zoom, False)
    latitude, longitude = _degrees(lat, 90), _degrees(lon, 180)
    return View(latitude, longitude, PLACE_ZOOM if zoom is None else zoom, True)


def _degrees(text: str | None, bound: int) -> float:
    try:
        value = float(text or "")
    except ValueError:
        value = math.inf
    if not -bound <= value <= bound:
        raise FilterError(
            _("“{value}” is not a latitude and longitude: write both in decimal degrees (lat=49.47&lon=5.93).").format(
                value=text or ""
            )
        )
    return value


def pickable(session: Session) -> list[Pickable]:
    """The communes and regions with coordinates, by their name in the visitor's language."""
    lang = get_language()
    found = [
        Pickable(place.slug, place.label(lang), place.latitude, place.longitude)
        for place in place_service.listed(session)
        if place.latitude is not None and place.longitude is not None
    ]
    return sorted(found, key=lambda place: place.label.casefold())


def chosen(session: Session, near: str | None, where: View, settings: Settings) -> Start:
    """The chosen place; else the centre of the view in the URL; else the museum's home place."""
    if near:
        place = _located(session, near)
        if place is None:
            raise FilterError(_("“{value}” is not a place with a location.").format(value=near))
        return _start(place)
    if where.given:
        return Start((where.latitude, where.longitude), _("the centre of the map"), None)
    home = _located(session, settings.map_home_place)
    return _start(home) if home else Start(settings.map_home(), _("the centre of the map"), None)


def _located(session: Session, slug: str) -> Place | None:
    place = session.scalars(select(Place).where(Place.slug == slug)).first()
    return place if place is not None and place.latitude is not None and place.longitude is not None else None


def _start(place: Place) -> Start:
    assert place.latitude is not None and place.longitude is not None
    return Start((place.latitude, place.longitude), place.label(get_language()), place.slug)


def centred(start: Start, where: View, near: str | None, zoom: int | None) -> View:
    """The view in the URL; else, for a place chosen in the URL, one centred on it; else the museum's."""
    if where.given or not near:
        return where
    return View(start.point[0], start.point[1], PLACE_ZOOM if zoom is None else zoom, True)


def query_args(start: Start, where: View) -> dict[str, str]:
    """The parameters that keep the list's starting point in a link (its other pages)."""
    if start.slug is not None:
        return {"near": start.slug}
    if where.given:
        return {"lat": f"{where.latitude:.5f}", "lon": f"{where.longitude:.5f}", "zoom": str(where.zoom)}
    return {}
