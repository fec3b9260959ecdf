"""IIIF Presentation 3.0: the manifest of an item, which viewers (ours and others') open."""

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.iiif.manifest import manifest, presentable
from app.interview import recordings
from app.interview import visitors as interview_public
from app.interview.hidden import RECORDING_TYPES
from app.item import service as item_service
from app.item.models import Item
from app.media import access
from app.media.models import Media
from app.media.store import store_of
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
    shown, urls = _media(request, session, item, staff)
    data = manifest(
        item,
        base=str(request.base_url).rstrip("/"),
        item_url=str(request.url_for("item.detail", identifier=identifier)),
        file_url=lambda media: urls.get(media.id) or (file_url(request, media), media.mime_type),
        shown=shown,
    )
    headers = {"Access-Control-Allow-Origin": "*"} | access.cache_headers(staff)
    return JSONResponse(data, media_type=MANIFEST_TYPE, headers=headers)


def _media(
    request: Request, session: Session, item: Item, staff: bool
) -> tuple[list[Media], dict[int, tuple[str, str]]]:
    """What the manifest presents: an interview's recordings only as their browser copies, when visitors may hear them.

    An interview's original is never public (app/media/access.py): its canvases point at the copy the page plays,
    silenced over the hidden ranges, and leave it out while the copy is being made or the content is closed.
    """
    if item.kind != "interview":
        return presentable(item), {}
    opened = staff or interview_public.view_of(session, item, date.today()).content
    shown: list[Media] = []
    urls: dict[int, tuple[str, str]] = {}
    for media in presentable(item):
        if media.media_type not in RECORDING_TYPES:
            shown.append(media)
            continue
        copy = recordings.describe(store_of(request.app.state.settings), media)
        if opened and copy.status == recordings.READY:
            route = request.url_for(
                "interview.recording", identifier=item.identifier, media_id=media.id, name=copy.file
            )
            urls[media.id] = (f"{route}?v={copy.version}", recordings.FILES[copy.file])
            shown.append(media)
    return shown, urls
