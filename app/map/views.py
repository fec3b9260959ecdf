"""The map page, /map: the map for those who see it, and the same items as a list by distance for everyone."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.map import origin as map_origin
from app.map import service as map_service
from app.map.params import parse_zoom
from app.pagination import Page, PageNumber
from app.search import service as search_service
from app.search.deps import IndexDep
from app.search.index import IndexUnavailable, SearchIndex
from app.search.params import MAX_QUERY, SearchRequest, parse_request
from app.tour import service as tour_service
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter()


@router.get("/map", name="map.page")
def map_page(
    request: Request,
    index: IndexDep,
    session: SessionDep,
    q: Annotated[str, Query(description=f"Plain words, as the search page's (cut at {MAX_QUERY} characters)")] = "",
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: str | None = None,
    creator: str | None = None,
    subject: str | None = None,
    exhibit: str | None = None,
    near: Annotated[str | None, Query(description="The list's distances are from this place (slug)")] = None,
    lat: str | None = None,
    lon: str | None = None,
    zoom: str | None = None,
    page: PageNumber = 1,
):
    """The public items with a location on a map and in a list, nearest to a chosen place first."""
    wanted = parse_request(q, kind, collection, place, period, creator, subject, None, exhibit)
    settings = request.app.state.settings
    level = parse_zoom(zoom) if zoom else None
    view = map_origin.view(lat, lon, level, settings)
    start = map_origin.chosen(session, near, view, settings)
    view = map_origin.centred(start, view, near, level)
    try:
        return _page(request, index, session, wanted, start, view, page)
    except IndexUnavailable:
        return render(request, "map/page.html", {"search": wanted, "unavailable": True}, status_code=503)


def _page(
    request: Request,
    index: SearchIndex,
    session: Session,
    wanted: SearchRequest,
    start: map_origin.Start,
    view: map_origin.View,
    page: int,
) -> HTMLResponse:
    settings, lang = request.app.state.settings, request.state.lang
    stops = tour_service.published_stops(session) if map_service.shows_stops(wanted) else []
    found = map_service.nearest(index, wanted, start.point, page, settings.per_page, lang, stops)
    pager = Page(found.pins, found.total, page, settings.per_page)
    if pager.out_of_range:
        raise HTTPException(404)
    context = {
        "search": wanted,
        "found": found,
        "pager": pager,
        "facets": search_service.search(index, wanted.text, wanted.filters, per_page=1, lang=lang).facets,
        "places": map_origin.pickable(session),
        "start": start,
        "view": view,
        "origin_args": map_origin.query_args(start, view),
        "tiles": settings,
    }
    return render(request, "map/page.html", context)
