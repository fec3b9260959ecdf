"""IIIF Presentation 3.0: the manifest of an item, which viewers (ours and others') open."""

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from app.iiif.manifest import manifest, presentable
from app.interview import visitors as interview_public
from app.item import service as item_service
from app.media import access
from app.media.urls import file_url
from app.web.deps import SessionDep

router = APIRouter()
MANIFEST_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'


@router.get("/iiif/manifest/{identifier}", name="iiif.manifest")
def item_manifest(request: Request, session: SessionDep, identifier: str):
    """The IIIF Presentation 3.0 manifest of an item with images, sound or video (unpublished: staff only)."""
    staff = access.is_staff(request)
    get = item_service.get_with_details if staff else item_service.get_public
    item = get(session, identifier)
    if item is None or not presentable(item):
        raise HTTPException(404)
    if not staff and not interview_public.view_of(session, item, date.today()).details:
        raise HTTPException(404)  # a sealed interview is a notice only: nothing to present until it opens
    data = manifest(
        item,
        base=str(request.base_url).rstrip("/"),
        item_url=str(request.url_for("item.detail", identifier=identifier)),
        file_url=lambda media: file_url(request, media),
    )
    headers = {"Access-Control-Allow-Origin": "*"} | access.cache_headers(staff)
    return JSONResponse(data, media_type=MANIFEST_TYPE, headers=headers)
