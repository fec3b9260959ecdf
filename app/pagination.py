"""A page of results, and the arithmetic that goes with it."""

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

T = TypeVar("T")


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
