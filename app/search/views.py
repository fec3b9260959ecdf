"""The search page: results with thumbnails, highlighted extracts, facets, filters, sorting and a spelling
suggestion; with no query or no result, ways to start: suggested searches, the glossary, browsing by kind."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from app.pagination import Page, PageNumber
from app.search import help as search_help
from app.search import registry
from app.search import service as search_service
from app.search.deps import IndexDep, in_turn, run
from app.search.index import IndexUnavailable, SearchIndex
from app.search.params import MAX_QUERY, SearchRequest, parse_request
from app.search.schemas import SearchFilters
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter()


@router.get("/search", name="search.results")
def results(
    request: Request,
    index: IndexDep,
    session: SessionDep,
    q: Annotated[str, Query(description="The visitor's words; quotes mark a phrase")] = "",
    page: PageNumber = 1,
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: str | None = None,
    creator: str | None = None,
    subject: str | None = None,
    sort: str | None = None,
    exhibit: str | None = None,
):
    """Search results, or the empty search form with ways to start."""
    wanted = parse_request(q, kind, collection, place, period, creator, subject, sort, exhibit)
    with in_turn:
        return _page(request, index, session, wanted, page)


def _page(request: Request, index: SearchIndex, session: Session, wanted: SearchRequest, page: int) -> HTMLResponse:
    context: dict[str, object] = {"search": wanted, "results": None, "unavailable": None, "max_query": MAX_QUERY}
    if wanted.text or wanted.filters.query_args():
        per_page = request.app.state.settings.per_page
        try:
            found = run(request, index, wanted, page, per_page)
        except IndexUnavailable:
            context["unavailable"] = True
            return render(request, "search/results.html", context, status_code=503)
        listed = registry.source().listed
        items = listed(session, [hit.identifier for hit in found.hits]) if listed else {}
        context |= {"results": found, "pager": Page(found.hits, found.total, page, per_page), "items": items}
        if found.total:
            return render(request, "search/results.html", context)
    return render(request, "search/results.html", context | _ways_to_start(index, request.state.lang))


def _ways_to_start(index: SearchIndex, lang: str) -> dict[str, object]:
    """Curated searches, the glossary, and what the whole index holds by kind and by collection."""
    try:
        overview = search_service.search(index, "", SearchFilters(), per_page=1, lang=lang).facets
    except IndexUnavailable:
        overview = {}
    return {
        "suggested": search_help.suggested_searches(lang),
        "glossary": search_help.glossary_terms(),
        "kind_facet": overview.get("kind", []),
        "collection_facet": overview.get("collection", []),
    }
