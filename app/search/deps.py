"""What the search page and the search API share: the app's index, and a search that refuses a page past the end."""

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from app.search import service as search_service
from app.search.index import SearchIndex
from app.search.params import SearchRequest


def search_index(request: Request) -> SearchIndex:
    """The app's SearchIndex, built by create_app."""
    return request.app.state.search_index


IndexDep = Annotated[SearchIndex, Depends(search_index)]


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
