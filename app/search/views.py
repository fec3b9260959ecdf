"""The search page: results with highlighted extracts, facets, filters, sorting and a spelling suggestion."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.pagination import Page, PageNumber
from app.search.deps import IndexDep, run
from app.search.index import IndexUnavailable
from app.search.params import MAX_QUERY, parse_request
from app.web.render import render

router = APIRouter()


@router.get("/search", name="search.results")
def results(
    request: Request,
    index: IndexDep,
    q: Annotated[str, Query(description="The visitor's words; quotes mark a phrase")] = "",
    page: PageNumber = 1,
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: str | None = None,
    creator: str | None = None,
    subject: str | None = None,
    sort: str | None = None,
):
    """Search results, or the empty search form."""
    wanted = parse_request(q, kind, collection, place, period, creator, subject, sort)
    context: dict[str, object] = {"search": wanted, "results": None, "unavailable": None, "max_query": MAX_QUERY}
    if wanted.text or wanted.filters.query_args():
        per_page = request.app.state.settings.per_page
        try:
            found = run(request, index, wanted, page, per_page)
        except IndexUnavailable:
            context["unavailable"] = True
            return render(request, "search/results.html", context, status_code=503)
        context |= {"results": found, "pager": Page(found.hits, found.total, page, per_page)}
    return render(request, "search/results.html", context)
