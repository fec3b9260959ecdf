"""Public item pages: browsing and the item page."""

from fastapi import APIRouter, HTTPException, Request

from app.agent.models import TRAINEE_ROLES
from app.clock import utcnow
from app.collection import service as collection_service
from app.exhibit import service as exhibit_service
from app.iiif.manifest import presentable
from app.interview import page as interview_page
from app.interview import visitors as interview_public
from app.item import notices
from app.item import service as item_service
from app.item.citation import cite
from app.item.fields import ROLE_LABELS, details
from app.item.kinds import KINDS
from app.item.schemas import FilterError, ItemFilters
from app.media.store import store_of
from app.pagination import PageNumber
from app.plaque import visits as plaque_visits
from app.search.deps import IndexDep
from app.search.service import browse_facets
from app.tour import service as tour_service
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter()


@router.get("/items", name="item.browse")
def browse(
    request: Request,
    session: SessionDep,
    index: IndexDep,
    page: PageNumber = 1,
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: str | None = None,
    sort: str | None = None,
    creator: str | None = None,
    subject: str | None = None,
):
    """All published items, with filters and pagination."""
    try:
        filters = ItemFilters.parse(kind, collection, place, period, sort, creator, subject)
    except FilterError as error:
        raise HTTPException(400, str(error)) from error
    per_page = request.app.state.settings.per_page
    result = item_service.list_public(session, filters, page, per_page)
    if result.out_of_range:
        raise HTTPException(404)
    return render(
        request,
        "item/browse.html",
        {
            "page": notices.listed_page(session, result),
            "filters": filters,
            "kinds": KINDS,
            "kind_counts": item_service.count_by_kind(session),
            "collections": collection_service.list_with_counts(session),
            "centuries": item_service.centuries(session),
            "places": item_service.places(session),
            "facets": browse_facets(index, filters, request.state.lang),
        },
    )


@router.get("/items/{identifier}", name="item.detail", dependencies=[plaque_visits.COUNTED])
def detail(
    request: Request,
    session: SessionDep,
    identifier: str,
    t: str | None = None,
    q: str | None = None,
    view: str | None = None,
    part: str | None = None,
):
    """One item with every field, its images and recordings, a permanent link and a citation.

    An interview's transcript opens at a moment or a clip (`t`), filtered (`q`), with its translation (`view`);
    an interview recorded in several parts shows one at a time (`part`, 1 first).
    """
    item = item_service.get_public(session, identifier)
    today = utcnow().date()
    if item is None or not interview_page.record_is_public(session, item, today):
        raise HTTPException(404)
    url = str(request.url_for("item.detail", identifier=item.identifier))
    settings = request.app.state.settings
    if settings.public_base_url:
        url = settings.public_base_url.rstrip("/") + request.url_for("item.detail", identifier=identifier).path
    listening = interview_page.load(session, item, store_of(settings), today, t=t, q=q, view=view, part=part)
    named, memories = item_service.related(session, item)
    return render(
        request,
        "item/detail.html",
        {
            "item": item,
            "permalink": url,
            "details": details(item),
            "role_labels": ROLE_LABELS,
            "related_item": named,
            "memories": memories,
            "collections": collection_service.visible(item.collections),
            "exhibits": exhibit_service.exhibits_showing(session, item),
            "tour_stops": tour_service.stops_at(session, item),
            "trainee_roles": TRAINEE_ROLES,
            "listening": listening,
            "citation": cite(item, url, request.state.lang, settings.site_name),
            "clip_citation": interview_page.clip_citation(item, url, listening, request.state.lang, settings.site_name),
            "manifest_url": request.url_for("iiif.manifest", identifier=identifier) if presentable(item) else None,
            "interview_view": interview_public.view_of(session, item, today),
        },
    )
