"""The timeline's counts and items, read with SQL: one GROUP BY per level over the indexed year columns.

What each level counts and lists is app/timeline/periods.py's rule (`Level.place`): an item fits a period of
width W when its earliest and latest years fall in the same one (`earliest / W = latest / W`); the rest of a
level's items are its own, listed with their spans. Counts group the items by their two years and place each
pair with that rule; the listing of a level's own items is the same rule as SQL conditions (the tests walk
every level and check that each count is what is listed below it).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, bindparam, func, literal, not_, or_
from sqlalchemy.orm import Session

from app.interview.visitors import details_public
from app.item import service as item_service
from app.item.models import Item
from app.item.schemas import ItemFilters
from app.pagination import Page
from app.search.schemas import SearchFilters
from app.timeline.periods import ALL, OWN, PERIOD, UNDATED, WIDTHS, YEAR, Level

EARLIEST, LATEST = Item.date_earliest, Item.date_latest


@dataclass
class Timeline:
    level: Level
    periods: list[tuple[Level, int]]  # this level's periods holding items, oldest first, with their counts
    own: Page[Item]  # the items of this level itself (spans wider than its periods, or a year's items)
    undated: int = 0  # items without a date (counted at the top level)

    @property
    def total(self) -> int:
        """Every item of this level: its periods', its own and (at the top) the undated ones."""
        return sum(count for _level, count in self.periods) + self.own.total + self.undated


def public(filters: SearchFilters, ids: list[int] | None, today: date) -> Select:
    """Published items whose details are public today, matching the filters (and among `ids`, the items the
    search found for the visitor's words, when given)."""
    query = item_service.filtered(_as_item_filters(filters)).where(details_public(today))
    if ids is not None:
        # Inlined, not one bound parameter per id: a common word finds more items than SQLite binds at once.
        query = query.where(Item.id.in_(bindparam("found", ids, expanding=True, literal_execute=True)))
    return query


def _as_item_filters(filters: SearchFilters) -> ItemFilters:
    return ItemFilters(
        kind=filters.kind,
        collection=filters.collection,
        place=filters.place,
        period=filters.period,
        creator=filters.creator,
        subject=filters.subject,
        exhibit=filters.exhibit,
    )


def timeline(session: Session, query: Select, level: Level, page: int, per_page: int) -> Timeline:
    """The level's periods with their counts, its undated count (at the top) and a page of its own items."""
    periods, own, undated = _counts(session, query, level)
    listed = Page[Item]([], own, page, per_page)
    if own and not listed.out_of_range:
        rows = session.scalars(
            query.where(_own(level))
            .order_by(*_order(level))
            .options(*item_service.LIST_LOAD)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
        listed.items = list(rows)
    return Timeline(level, periods, listed, undated)


def _counts(session: Session, query: Select, level: Level) -> tuple[list[tuple[Level, int]], int, int]:
    """Grouped by the year columns themselves, in the order of their index (no sort, a few thousand pairs on
    100,000 items), then placed by the level's rule."""
    if level.child is None:
        return [], session.scalar(query.with_only_columns(func.count()).where(_own(level))) or 0, 0
    pairs = session.execute(
        query.with_only_columns(EARLIEST, LATEST, func.count()).where(_scope(level)).group_by(EARLIEST, LATEST)
    )
    found: Counter[tuple[str, int | None]] = Counter()
    for earliest, latest, count in pairs:
        found[level.place(earliest, latest)] += count
    periods = sorted((start, n) for (group, start), n in found.items() if group == PERIOD and start is not None)
    return [(level.period(start), n) for start, n in periods], found[(OWN, None)], found[(UNDATED, None)]


def _fits(width: int) -> ColumnElement[bool]:
    """The item's whole span lies in one period of `width` years."""
    return and_(EARLIEST.is_not(None), LATEST.is_not(None), EARLIEST // width == LATEST // width)


def _undated() -> ColumnElement[bool]:
    return and_(EARLIEST.is_(None), LATEST.is_(None))


def _scope(level: Level) -> ColumnElement[bool]:
    """The items of a level and of its periods: the top holds every item, a period the spans inside it."""
    if level.name == ALL:
        return literal(True)
    if level.name == UNDATED:
        return _undated()
    return and_(EARLIEST >= level.start, LATEST <= level.end)


def _own(level: Level) -> ColumnElement[bool]:
    """The items a level lists itself: spans wider than its periods; a year's items; the undated ones."""
    if level.name == UNDATED:
        return _undated()
    if level.name == YEAR:
        return and_(EARLIEST == level.start, LATEST == level.start)
    wider = not_(_fits(WIDTHS[level.child or YEAR]))
    if level.name == ALL:
        return and_(or_(EARLIEST.is_not(None), LATEST.is_not(None)), wider)
    return and_(_scope(level), wider)


def _order(level: Level) -> tuple:
    if level.name in (YEAR, UNDATED):
        return item_service.title_order()
    if level.name != ALL:  # both years known: the index's order
        return EARLIEST, LATEST, *item_service.title_order()
    return (
        func.coalesce(EARLIEST, LATEST),
        func.coalesce(LATEST, EARLIEST),
        *item_service.title_order(),
    )
