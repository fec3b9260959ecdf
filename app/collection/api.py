"""The public JSON API of collections: /api/v1/collections (published ones only)."""

from fastapi import APIRouter, HTTPException, Request

from app.api.schemas import CollectionList, CollectionOut, problems
from app.collection import service as collection_service
from app.collection.models import Collection
from app.i18n import gettext as _
from app.localize import localized
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["catalog"], responses=problems(404))


@router.get("/collections", response_model=CollectionList, name="api.collections")
def list_collections(request: Request, session: SessionDep):
    """Every published collection with its number of published items."""
    rows = collection_service.list_with_counts(session)
    return {"total": len(rows), "collections": [_collection(request, c, n) for c, n in rows]}


@router.get("/collections/{slug}", response_model=CollectionOut, name="api.collection")
def get_collection(request: Request, session: SessionDep, slug: str):
    """One published collection; its items are at /api/v1/items?collection=slug."""
    collection = collection_service.get_by_slug(session, slug)
    if collection is None:
        raise HTTPException(404, _("There is no collection “{slug}”.").format(slug=slug))
    return _collection(request, collection, collection_service.count_items(session, collection))


def _collection(request: Request, collection: Collection, count: int) -> dict:
    lang = request.state.lang
    title = localized(collection.titles, collection.language, lang)
    description = localized(collection.descriptions, collection.language, lang)
    return {
        "slug": collection.slug,
        "title": title.value if title else None,
        "title_language": title.lang if title else None,
        "titles": collection.titles,
        "description": description.value if description else None,
        "descriptions": collection.descriptions,
        "item_count": count,
        "url": str(request.url_for("collection.detail", slug=collection.slug)),
        "items_url": str(request.url_for("api.items").include_query_params(collection=collection.slug)),
    }
