"""Search and autosuggest as JSON, /api/v1/search and /api/v1/suggest."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from app.api.schemas import problems
from app.i18n import gettext as _
from app.pagination import PageNumber
from app.search import service as search_service
from app.search import suggestions
from app.search.deps import IndexDep, run
from app.search.index import IndexUnavailable
from app.search.params import MAX_QUERY, parse_request

router = APIRouter(prefix="/api/v1", tags=["search"], responses=problems(404, 503))


class SearchHit(BaseModel):
    identifier: str
    kind: str
    title: str
    title_language: str
    url: str
    snippet: str = Field(
        description=(
            "An HTML fragment, escaped once: the matched words inside <mark>…</mark> (the only tags), and in the "
            "text &, < and > written &amp;, &lt;, &gt; (no other entities; quotes stay as they are). Insert it as "
            "HTML, or for plain text remove the two tags and turn those three entities back"
        )
    )
    date: str | None = None


class FacetValue(BaseModel):
    value: str = Field(description="The value to pass back as a filter")
    label: str
    count: int


class SearchOut(BaseModel):
    total: int
    complete: int = Field(
        description="How many of the results have every word; they come first, then results with some of the words"
    )
    page: int
    per_page: int
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]] = Field(
        description="kind, collection, century, decade, place, creator, subject"
    )
    suggestion: str | None = Field(description="A spelling that finds more, when the words found little")


class SuggestionOut(BaseModel):
    text: str
    type: str = Field(description="title, person, place or subject")
    url: str
    detail: str | None = Field(None, description="A title's second line: its place and date, in the page's language")


@router.get("/search", response_model=SearchOut, name="api.search")
def api_search(
    request: Request,
    index: IndexDep,
    # A longer query is refused before any work: the page cuts it to fit, a program is told.
    q: Annotated[str, Query(max_length=MAX_QUERY, description="Plain words; quotes mark a phrase")] = "",
    page: PageNumber = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: Annotated[str | None, Query(description="A year (1930) or a range (1900-1949)")] = None,
    creator: str | None = None,
    subject: str | None = None,
    sort: Annotated[str | None, Query(description="relevance, date or title")] = None,
):
    """Published items matching the words and filters, with facet counts."""
    wanted = parse_request(q, kind, collection, place, period, creator, subject, sort)
    try:
        found = run(request, index, wanted, page, per_page)
    except IndexUnavailable as error:
        raise HTTPException(503, _("Search is being rebuilt; please try again in a few minutes.")) from error
    return {
        "total": found.total,
        "complete": found.complete,
        "page": page,
        "per_page": per_page,
        "suggestion": found.suggestion,
        "results": [_hit(request, hit) for hit in found.hits],
        "facets": {
            name: [{"value": v, "label": label, "count": n} for v, label, n in values]
            for name, values in found.facets.items()
        },
    }


def _hit(request: Request, hit: search_service.Hit) -> dict:
    return {
        "identifier": hit.identifier,
        "kind": hit.kind,
        "title": hit.title,
        "title_language": hit.title_lang,
        "url": str(request.url_for("item.detail", identifier=hit.identifier)),
        "snippet": hit.snippet_html,
        "date": hit.date_text,
    }


@router.get("/suggest", response_model=list[SuggestionOut], name="api.suggest")
def api_suggest(request: Request, index: IndexDep, q: Annotated[str, Query(max_length=100)] = ""):
    """Titles, people, places and subjects starting with the words typed so far."""
    if len(q.strip()) < 2:
        return []
    try:
        found = suggestions.suggest(index, q.strip(), request.state.lang)
    except IndexUnavailable:
        return []
    return [{"text": s.text, "type": s.kind, "url": _suggestion_url(request, s), "detail": s.detail} for s in found]


def _suggestion_url(request: Request, suggestion: suggestions.Suggestion) -> str:
    if suggestion.identifier:
        return str(request.url_for("item.detail", identifier=suggestion.identifier))
    return str(request.url_for("search.results").include_query_params(q=suggestion.text))
