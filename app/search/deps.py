"""What the search page and the search API share: the app's index, and a search that refuses a page past the end."""

import threading
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from app.search import service as search_service
from app.search.index import SearchIndex
from app.search.params import SearchRequest


async def search_index(request: Request) -> SearchIndex:
    """The app's SearchIndex, built by create_app (`async`: no trip to a thread to read an attribute)."""
    return request.app.state.search_index


IndexDep = Annotated[SearchIndex, Depends(search_index)]

# Search pages made at once in this process (the search, the items' cards, the HTML); the others wait their
# turn. Python runs one thread at a time: pages made side by side only take turns, and each switch costs
# (`python -m bench.moments`, 8 clients on the real corpus: 47 pages/s two at a time, 53 one at a time,
# as many as one client alone gets).
PAGES_AT_ONCE = 1
# Held while a search page is made, as a `with` in the view (a dependency would cost two more thread hops).
in_turn = threading.BoundedSemaphore(PAGES_AT_ONCE)


def run(
    request: Request, index: SearchIndex, wanted: SearchRequest, page: int, per_page: int
) -> search_service.SearchResults:
    """Search, refusing a page past the end (404)."""
    found = search_service.search(
        index, wanted.text, wanted.filters, sort=wanted.sort, page=page, per_page=per_page, lang=request.state.lang
    )
    if page > 1 and (page - 1) * per_page >= found.total:
        raise HTTPException(404)
    return found
