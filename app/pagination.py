"""A page of results and the arithmetic that goes with it; the page and row numbers a URL may carry."""

from dataclasses import dataclass
from math import ceil
from typing import Annotated, Generic, TypeVar

from fastapi import Path, Query

T = TypeVar("T")
# The `page` query parameter of every listing: a number past what any listing holds is a 400 with a
# translated message, never an offset the database cannot bind (SQLite stops at 2**63 - 1).
MAX_PAGE = 100_000
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1")]
# A row id in a path stays within what every database can bind (a 32-bit integer): a larger number is a 400.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@dataclass
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def links(self, around: int = 2) -> list[int | None]:
        """The page numbers a pager shows: the first, the last, and `around` on each side of this page;
        None where numbers are left out. Computed without walking every page (a search may have thousands)."""
        shown = sorted({1, self.pages, *range(max(1, self.page - around), min(self.pages, self.page + around) + 1)})
        links: list[int | None] = []
        for number in shown:
            if links and number - links[-1] > 1:
                links.append(None)
            links.append(number)
        return links

    @property
    def out_of_range(self) -> bool:
        """A page past the end; page 1 of nothing is an empty page, not an error."""
        return self.page > self.pages
