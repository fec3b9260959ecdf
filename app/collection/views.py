"""Public collection pages."""

from fastapi import APIRouter, HTTPException, Request

from app.collection import service as collection_service
from app.item import service as item_service
from app.item.schemas import ItemFilters
from app.pagination import PageNumber
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter()


@router.get("/collections", name="collection.list")
def collection_list(request: Request, session: SessionDep):
    """Every collection, with its number of public items."""
    collections = collection_service.list_with_counts(session)
    covers = collection_service.covers(session, [collection for collection, _count in collections])
    return render(request, "collection/list.html", {"collections": collections, "covers": covers})


@router.get("/collections/{slug}", name="collection.detail")
def collection_detail(request: Request, session: SessionDep, slug: str, page: PageNumber = 1):
    """A published collection's page with its published items (anything else is a 404, as for items)."""
    collection = collection_service.get_by_slug(session, slug)
    if collection is None:
        raise HTTPException(404)
    result = item_service.list_public(session, ItemFilters(collection=slug), page, request.app.state.settings.per_page)
    if result.out_of_range:
        raise HTTPException(404)
    cover = collection_service.covers(session, [collection])[collection.id]
    return render(request, "collection/detail.html", {"collection": collection, "page": result, "cover": cover})
