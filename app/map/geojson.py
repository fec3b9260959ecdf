"""The map's answer as GeoJSON (RFC 7946): points in longitude, latitude order, clusters with their members' box."""

from fastapi import Request

from app.i18n import gettext as _
from app.item.cards import Card
from app.item.kinds import KINDS
from app.map import grid
from app.map.service import Clusters, Pin
from app.media.urls import derivative_url

DIGITS = 6  # about 10 cm: more says nothing and weighs on every answer


def collection(request: Request, found: Clusters, box: grid.Box, zoom: int, cards: dict[str, Card]) -> dict:
    """The FeatureCollection of one view: `total` (a foreign member) counts the items its features hold."""
    features = [
        _pin(request, found.pins[cell.docnum], cards) if cell.docnum is not None else _cluster(cell)
        for cell in found.cells
    ]
    return {
        "type": "FeatureCollection",
        "bbox": box.as_list(),
        "zoom": zoom,
        "total": found.total,
        "features": features,
    }


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [round(lon, DIGITS), round(lat, DIGITS)]}


def _cluster(cell: grid.Cell) -> dict:
    box = [round(value, DIGITS) for value in cell.box.as_list()]
    return {
        "type": "Feature",
        "bbox": box,
        "geometry": _point(cell.lon, cell.lat),
        "properties": {"cluster": True, "count": cell.count, "stacked": cell.stacked},
    }


def _pin(request: Request, pin: Pin, cards: dict[str, Card]) -> dict:
    if pin.stop is not None:
        return _stop(request, pin)
    card = cards.get(pin.identifier)
    image = card.media[0] if card and card.media else None
    return {
        "type": "Feature",
        "id": pin.identifier,
        "geometry": _point(pin.lon, pin.lat),
        "properties": {
            "cluster": False,
            "count": 1,
            "identifier": pin.identifier,
            "kind": pin.kind,
            "kind_name": str(KINDS.get(pin.kind, pin.kind)),
            "title": pin.title,
            "title_language": pin.title_lang,
            "date": pin.date_text,
            "place": pin.place,
            "url": str(request.url_for("item.detail", identifier=pin.identifier)),
            "thumbnail": derivative_url(image, "thumb") if image else None,  # type: ignore[arg-type]
        },
    }


def _stop(request: Request, pin: Pin) -> dict:
    """A walking tour's stop: `stop` true, its title, its tour's title as `place`, and its page."""
    assert pin.stop is not None
    slug, number = pin.stop
    return {
        "type": "Feature",
        "id": f"stop:{pin.identifier}",
        "geometry": _point(pin.lon, pin.lat),
        "properties": {
            "cluster": False,
            "count": 1,
            "stop": True,
            "identifier": pin.identifier,
            "kind": pin.kind,
            "kind_name": _("Stop of a walking tour"),
            "title": pin.title,
            "title_language": pin.title_lang,
            "date": None,
            "place": pin.place,
            "url": str(request.url_for("tour.stop", slug=slug, number=number)),
            "thumbnail": None,
        },
    }
