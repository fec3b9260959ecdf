"""What a timeline request asks for, parsed once for the page and the API: a level and search's filters."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.filters import FilterError
from app.i18n import gettext as _
from app.search import service as search_service
from app.search.index import SearchIndex
from app.search.params import SearchRequest, parse_request
from app.timeline import service as timeline_service
from app.timeline.periods import ALL, CENTURY, DECADE, UNDATED, WIDTHS, YEAR, Level

# Years as four digits at most (app/item/dates.py reads years 1 to 2200).
CenturyParam = Annotated[int | None, Query(ge=0, le=9999, description="A century by its first year: 1900")]
DecadeParam = Annotated[int | None, Query(ge=0, le=9999, description="A decade by its first year: 1930")]
YearParam = Annotated[int | None, Query(ge=0, le=9999, description="A year: 1937")]
UndatedParam = Annotated[bool, Query(description="true: the items without a date")]


@dataclass(frozen=True)
class TimelineRequest:
    level: Level
    search: SearchRequest

    def query_args(self, level: Level | None = None) -> dict[str, str]:
        """The request's filters and words, at `level` (this one unless told), as query parameters."""
        args = (level or self.level).query_args() | self.search.query_args()
        return {key: value for key, value in args.items() if value}


def parse(q, kind, collection, place, period, creator, subject, exhibit, century, decade, year, undated):
    """Validate the level and the filters; a bad one is a FilterError (a 400) saying what to write."""
    return TimelineRequest(
        parse_level(century, decade, year, undated),
        parse_request(q, kind, collection, place, period, creator, subject, None, exhibit),
    )


def parse_level(century: int | None, decade: int | None, year: int | None, undated: bool) -> Level:
    """The one level asked for (the whole timeline when none is)."""
    asked: list[tuple[str, int | None]] = [
        (name, value) for name, value in ((CENTURY, century), (DECADE, decade), (YEAR, year)) if value is not None
    ]
    if undated:
        asked.append((UNDATED, None))
    if len(asked) > 1:
        raise FilterError(_("Ask for one period at a time: a century, a decade, a year or the undated items."))
    if not asked:
        return Level(ALL)
    name, start = asked[0]
    if start is not None and start % WIDTHS[name]:
        raise FilterError(_wrong_start(name, start))
    return Level(name, start)


def _wrong_start(name: str, start: int) -> str:
    first = start - start % WIDTHS[name]
    if name == CENTURY:
        return _("{value} does not start a century: write its first year, {first}.").format(value=start, first=first)
    return _("{value} does not start a decade: write its first year, {first}.").format(value=start, first=first)


def found_ids(request: Request, index: SearchIndex, wanted: TimelineRequest) -> list[int] | None:
    """The items search finds for the visitor's words (None without words: no search is made)."""
    if not wanted.search.text:
        return None
    return search_service.matching_ids(index, wanted.search.text, wanted.search.filters, lang=request.state.lang)


def build(
    request: Request, session: Session, index: SearchIndex, wanted: TimelineRequest, page: int, per_page: int
) -> timeline_service.Timeline:
    """The timeline at the asked level; IndexUnavailable when words need the index and it cannot answer."""
    query = timeline_service.public(wanted.search.filters, found_ids(request, index, wanted), utcnow().date())
    return timeline_service.timeline(session, query, wanted.level, page, per_page)
