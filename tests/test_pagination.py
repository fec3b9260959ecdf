"""The pager's numbers: first, last and two on each side of the current page, gaps marked."""

import pytest

from app.pagination import Page


@pytest.mark.parametrize(
    "page, total, links",
    [
        (1, 10, [1]),
        (3, 72, [1, 2, 3]),
        (1, 240, [1, 2, 3, None, 10]),
        (5, 240, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (4, 240, [1, 2, 3, 4, 5, 6, None, 10]),
        (8, 240, [1, None, 6, 7, 8, 9, 10]),
        (50, 2400, [1, None, 48, 49, 50, 51, 52, None, 100]),
    ],
)
def test_pager_shows_the_ends_and_the_neighbours(page, total, links):
    assert Page([], total, page, 24).links() == links


def test_a_search_of_a_hundred_thousand_pages_lists_a_handful_of_links():
    assert Page([], 2_400_000, 40_000, 24).links() == [1, None, 39_998, 39_999, 40_000, 40_001, 40_002, None, 100_000]
