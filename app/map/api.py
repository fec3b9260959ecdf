"""The map's points as GeoJSON, /api/v1/map: clusters counted on the server, single items close up."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from app.api.schemas import problems
from app.i18n import gettext as _
from app.item import cards
from app.map import geojson
from app.map import service as map_service
from app.map.params import parse_bbox, parse_zoom
from app.search.deps import IndexDep
from app.search.index import IndexUnavailable
from app.search.params import MAX_QUERY, parse_request
from app.tour import service as tour_service
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["map"], responses=problems(400, 503))
GEOJSON = "application/geo+json"


@router.get(
    "/map",
    name="api.map",
    response_class=JSONResponse,
    responses={200: {"content": {GEOJSON: {}}, "description": "A GeoJSON FeatureCollection (RFC 7946)"}},
)
def api_map(
    request: Request,
    index: IndexDep,
    session: SessionDep,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees (not across 180°)")] = None,
    zoom: Annotated[str | None, Query(description="The map's zoom level, 0 (world) to 20")] = None,
    q: Annotated[str, Query(max_length=MAX_QUERY, description="Plain words, as /api/v1/search")] = "",
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: Annotated[str | None, Query(description="A year (1930) or a range (1900-1949)")] = None,
    creator: str | None = None,
    subject: str | None = None,
    exhibit: str | None = None,
):
    """The published items with a location in the box that match the words and filters of /api/v1/search, as
    GeoJSON points: clusters (`properties.cluster` true, `count`, and the feature's `bbox` around its members,
    `stacked` when they all share one point) or, alone in their cell, items (`identifier`, `title` in the
    request's language, `url`, `thumbnail`). While no words or filters are asked, the stops of published walking
    tours are points too (`stop` true, `url` their page, their tour's title as `place`). Fewer than 300 features
    whatever the box; `total` counts the points."""
    wanted = parse_request(q, kind, collection, place, period, creator, subject, None, exhibit)
    box, level = parse_bbox(bbox), parse_zoom(zoom)
    try:
        stops = tour_service.published_stops(session) if map_service.shows_stops(wanted) else []
        found = map_service.clusters(index, wanted, box, level, request.state.lang, stops)
    except IndexUnavailable as error:
        raise HTTPException(503, _("Search is being rebuilt; please try again in a few minutes.")) from error
    listed = cards.by_identifiers(session, [pin.identifier for pin in found.pins.values() if pin.stop is None])
    body = geojson.collection(request, found, box, level, listed)
    return JSONResponse(body, media_type=GEOJSON, headers={"cache-control": "no-cache"})
