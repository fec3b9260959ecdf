"""Search and autosuggest as JSON, /api/v1/search and /api/v1/suggest."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from app.api.schemas import problems
from app.i18n import gettext as _
from app.pagination import PageNumber
from app.search import beside, suggestions
from app.search import moments as said_moments
from app.search import service as search_service
from app.search.deps import IndexDep, run
from app.search.index import IndexUnavailable
from app.search.params import MAX_QUERY, parse_request

router = APIRouter(prefix="/api/v1", tags=["search"], responses=problems(404, 503))


class MomentOut(BaseModel):
    t: int = Field(description="The second of the recording the moment starts at")
    url: str = Field(description="The interview's page opening the player at that second (`?t=`)")
    snippet: str = Field(description="Plain text: the words said there (or the chapter's synopsis), with the match")
    speaker: str | None = Field(None, description="Who speaks, when the transcript says")
    chapter: str | None = Field(None, description="The title of the index segment, for a moment that is one")


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
    moments: list[MomentOut] = Field(
        default_factory=list,
        description="For an interview: where the words are said in it, best first (at most 3); empty otherwise",
    )
    more_moments: int = Field(0, description="How many more of the interview's moments match")


class InterviewMoments(BaseModel):
    identifier: str
    title: str
    title_language: str
    url: str = Field(description="The interview's page, its search box filled with the words (`?q=`)")
    moments: list[MomentOut] = Field(description="Where the words are said, best first (at most 3)")
    more_moments: int = Field(description="How many more of its moments match")


class FacetValue(BaseModel):
    value: str = Field(description="The value to pass back as a filter")
    label: str
    count: int


class ExhibitHit(BaseModel):
    title: str
    title_language: str
    url: str = Field(description="The exhibit's page")
    snippet: str = Field(description="An HTML fragment as `results[].snippet` is: its text with the words in <mark>")


class SearchOut(BaseModel):
    total: int
    complete: int = Field(
        description="How many of the results have every word; they come first, then results with some of the words"
    )
    page: int
    per_page: int
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]] = Field(
        description="kind, collection, century, decade, place, creator, subject, exhibit"
    )
    suggestion: str | None = Field(description="A spelling that finds more, when the words found little")
    interviews: list[InterviewMoments] = Field(
        default_factory=list,
        description=(
            "The interviews whose moments match best (first page only), whether or not they are among `results`: "
            "each with its best moments, each moment's url landing on its second"
        ),
    )
    exhibits: list[ExhibitHit] = Field(
        default_factory=list,
        description="Published exhibits having every word (first page, without filters), best first",
    )


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
    exhibit: Annotated[str | None, Query(description="Exhibit slug: the items a published exhibit shows")] = None,
):
    """Published items matching the words and filters, with facet counts."""
    wanted = parse_request(q, kind, collection, place, period, creator, subject, sort, exhibit)
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
        "interviews": [_interview(request, group, wanted.text) for group in found.interviews] if page == 1 else [],
        "exhibits": [_beside(request, hit) for hit in found.beside if hit.kind == "exhibit"],
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
        "moments": [_moment(request, hit.identifier, moment) for moment in hit.moments],
        "more_moments": hit.more_moments,
    }


def _beside(request: Request, hit: beside.Found) -> dict:
    return {
        "title": hit.title,
        "title_language": hit.title_lang,
        "url": str(request.base_url).rstrip("/") + hit.path,
        "snippet": hit.snippet_html,
    }


def _interview(request: Request, group: said_moments.Group, text: str) -> dict:
    return {
        "identifier": group.identifier,
        "title": group.title,
        "title_language": group.title_lang,
        "url": str(request.url_for("item.detail", identifier=group.identifier).include_query_params(q=text)),
        "moments": [_moment(request, group.identifier, moment) for moment in group.moments],
        "more_moments": group.more,
    }


def _moment(request: Request, identifier: str, moment: said_moments.Moment) -> dict:
    page = request.url_for("item.detail", identifier=identifier)
    return {
        "t": moment.t,
        "url": str(page.include_query_params(**moment.query)),
        "snippet": moment.snippet,
        "speaker": moment.speaker,
        "chapter": moment.chapter,
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
