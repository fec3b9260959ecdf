"""The public JSON API of the catalog's items: /api/v1/items."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from app.api import present
from app.api.schemas import ItemDetail, ItemList, problems
from app.i18n import gettext as _
from app.interview import visitors as interview_public
from app.item import service as item_service
from app.item.citation import cite
from app.item.schemas import API_SORT, FilterError, ItemFilters
from app.pagination import PageNumber
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["catalog"], responses=problems(404))


def _filters(kind=None, collection=None, place=None, period=None, sort=None, creator=None, subject=None) -> ItemFilters:
    try:
        return ItemFilters.parse(kind, collection, place, period, sort, creator, subject, default_sort=API_SORT)
    except FilterError as error:
        raise HTTPException(400, str(error)) from error


@router.get("/items", response_model=ItemList, name="api.items")
def list_items(
    request: Request,
    session: SessionDep,
    page: PageNumber = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 24,
    kind: Annotated[
        str | None, Query(description="building, artwork, interview, photograph, document, object, memory")
    ] = None,
    collection: Annotated[str | None, Query(description="Collection slug")] = None,
    place: Annotated[str | None, Query(description="Place slug")] = None,
    period: Annotated[str | None, Query(description="A year (1930) or a range (1900-1949)")] = None,
    sort: Annotated[str | None, Query(description="title, date or recent")] = None,
    creator: Annotated[
        str | None, Query(description="Slug of a creator, architect, photographer or interviewee")
    ] = None,
    subject: Annotated[str | None, Query(description="Subject slug")] = None,
):
    """Published items, filtered and paginated."""
    filters = _filters(kind, collection, place, period, sort, creator, subject)
    result = item_service.list_public(session, filters, page, per_page)
    if result.out_of_range:
        raise HTTPException(
            404, _("Page {page} does not exist: there are {pages}.").format(page=page, pages=result.pages)
        )
    lang = request.state.lang
    views = interview_public.views(session, [item.id for item in result.items], date.today())
    items = [_sealed(present.item_summary(request, item, lang), views[item.id]) for item in result.items]
    return {"total": result.total, "page": result.page, "per_page": result.per_page, "items": items}


@router.get("/items/{identifier}", response_model=ItemDetail, name="api.item")
def get_item(request: Request, session: SessionDep, identifier: str):
    """One published item by its identifier."""
    item = item_service.get_public(session, identifier)
    if item is None:
        raise HTTPException(404, _("No public item has the identifier “{identifier}”.").format(identifier=identifier))
    lang, site_name = request.state.lang, request.app.state.settings.site_name
    view = interview_public.view_of(session, item, date.today())
    data = _sealed(present.item_detail(request, item, lang, site_name), view)
    if not view.details:  # the citation names creators and date: the notice's names neither
        data["citation"] = cite(item, data["url"], lang, site_name, notice=True)
    return data


def _sealed(data: dict, view: interview_public.PublicView) -> dict:
    """A sealed interview's record: its title and identifiers only, every other field empty until it opens."""
    if view.details:
        return data
    return data | {key: EMPTY[key] for key in data.keys() & EMPTY.keys()} | {"date": NO_DATE}


EMPTY: dict = {
    "place": None,
    "creators": [],
    "thumbnail": None,
    "descriptions": {},
    "description": None,
    "latitude": None,
    "longitude": None,
    "credits": [],
    "subjects": [],
    "collections": [],
    "media": [],
    "iiif_manifest": None,
    "details": {},
    "dublin_core": {},
    "titles": {},
}
NO_DATE = {"text": None, "earliest": None, "latest": None}
