"""The timeline page: published items by their dates, a level at a time (centuries, decades, years), with the
search page's filters; links and a form, so it works without JavaScript."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from app.collection import service as collection_service
from app.i18n import gettext as _
from app.item import service as item_service
from app.item.kinds import KINDS
from app.pagination import PageNumber
from app.search.deps import IndexDep
from app.search.index import IndexUnavailable
from app.timeline import params
from app.timeline.periods import UNDATED, Level, span
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter()


@router.get("/timeline", name="timeline.page")
def page(
    request: Request,
    session: SessionDep,
    index: IndexDep,
    century: params.CenturyParam = None,
    decade: params.DecadeParam = None,
    year: params.YearParam = None,
    undated: params.UndatedParam = False,
    q: Annotated[str, Query(description="The visitor's words, as on the search page")] = "",
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: str | None = None,
    creator: str | None = None,
    subject: str | None = None,
    exhibit: str | None = None,
    page: PageNumber = 1,
):
    """The timeline at one level, with its periods' counts and the items it lists itself."""
    wanted = params.parse(q, kind, collection, place, period, creator, subject, exhibit, century, decade, year, undated)
    try:
        found = params.build(request, session, index, wanted, page, request.app.state.settings.per_page)
    except IndexUnavailable as error:
        raise HTTPException(503, _("Search is being rebuilt; please try again in a few minutes.")) from error
    if found.own.out_of_range:
        raise HTTPException(404)
    context = {
        "wanted": wanted,
        "timeline": found,
        "kinds": KINDS,
        "collections": collection_service.list_with_counts(session),
        "places": item_service.named_places(session),
        "span": span,
        "undated_level": Level(UNDATED),
    }
    return render(request, "timeline/page.html", context)
