"""The timeline as JSON: /api/v1/timeline, the same periods, counts, spans and items as the page."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field

from app.api import present
from app.api.schemas import ItemSummary, problems
from app.i18n import gettext as _
from app.pagination import PageNumber
from app.search.deps import IndexDep
from app.search.index import IndexUnavailable
from app.search.params import MAX_QUERY
from app.timeline import params
from app.timeline.periods import ALL, UNDATED, Level, span
from app.timeline.service import Timeline
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["timeline"], responses=problems(404, 503))


class PeriodOut(BaseModel):
    level: str = Field(description="all, century, decade, year or undated")
    start: int | None = Field(description="Its first year (none for all and undated)")
    end: int | None = Field(description="Its last year")
    label: str = Field(description="Its name in the requested language: XXe siècle, années 1930, 1937")
    url: str = Field(description="The timeline page at this period, with the same filters")
    api_url: str = Field(description="This endpoint at this period, with the same filters")


class CountedPeriod(PeriodOut):
    count: int = Field(description="Items placed in this period (dated within it), filters applied")


class TimelineItem(ItemSummary):
    span: str = Field(description="The years the item is dated to, as the page writes them: 1925–1935, from 1900")


class TimelineOut(BaseModel):
    period: PeriodOut = Field(description="The level shown")
    breadcrumb: list[PeriodOut] = Field(description="From the whole timeline down to this level")
    total: int = Field(description="Every item of this level: the periods' counts + items_total + undated")
    periods: list[CountedPeriod] = Field(description="This level's periods holding items, oldest first")
    items_total: int = Field(
        description=(
            "The items this level lists itself: at a year, its items; at the top, a century or a decade, the items "
            "dated to a span wider than one of its periods (vers 1930 = 1925–1935 in the XXe siècle); undated items"
        )
    )
    page: int
    per_page: int
    items: list[TimelineItem] = Field(description="One page of those items")
    undated: CountedPeriod | None = Field(description="At the top: the items without a date, and where they are")


@router.get("/timeline", response_model=TimelineOut, name="api.timeline")
def api_timeline(
    request: Request,
    session: SessionDep,
    index: IndexDep,
    century: params.CenturyParam = None,
    decade: params.DecadeParam = None,
    year: params.YearParam = None,
    undated: params.UndatedParam = False,
    q: Annotated[str, Query(max_length=MAX_QUERY, description="Plain words, as for /api/v1/search")] = "",
    kind: str | None = None,
    collection: str | None = None,
    place: str | None = None,
    period: Annotated[str | None, Query(description="A year (1930) or a range (1900-1949)")] = None,
    creator: str | None = None,
    subject: str | None = None,
    exhibit: Annotated[str | None, Query(description="Exhibit slug: the items a published exhibit shows")] = None,
    page: PageNumber = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 24,
):
    """Published items by their dates: the periods of a level (centuries, a century's decades, a decade's years)
    with counts, and the items the level lists itself; the same filters as /api/v1/search."""
    wanted = params.parse(q, kind, collection, place, period, creator, subject, exhibit, century, decade, year, undated)
    try:
        found = params.build(request, session, index, wanted, page, per_page)
    except IndexUnavailable as error:
        raise HTTPException(503, _("Search is being rebuilt; please try again in a few minutes.")) from error
    if found.own.out_of_range:
        raise HTTPException(
            404, _("Page {page} does not exist: there are {pages}.").format(page=page, pages=found.own.pages)
        )
    return _timeline(request, wanted, found)


def _timeline(request: Request, wanted: params.TimelineRequest, found: Timeline) -> dict:
    lang = request.state.lang
    undated = Level(UNDATED)
    return {
        "period": _period(request, wanted, found.level),
        "breadcrumb": [_period(request, wanted, level) for level in found.level.trail()],
        "total": found.total,
        "periods": [_period(request, wanted, level) | {"count": n} for level, n in found.periods],
        "items_total": found.own.total,
        "page": found.own.page,
        "per_page": found.own.per_page,
        "items": [
            present.item_summary(request, item, lang) | {"span": span(item.date_earliest, item.date_latest)}
            for item in found.own.items
        ],
        "undated": _period(request, wanted, undated) | {"count": found.undated} if found.level.name == ALL else None,
    }


def _period(request: Request, wanted: params.TimelineRequest, level: Level) -> dict:
    args = wanted.query_args(level)
    return {
        "level": level.name,
        "start": level.start,
        "end": level.end,
        "label": level.label(),
        "url": str(request.url_for("timeline.page").include_query_params(**args)),
        "api_url": str(request.url_for("api.timeline").include_query_params(**args)),
    }
