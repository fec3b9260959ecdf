"""Serving media files: the files of sound, video and PDFs (with range requests), and open originals."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy.orm import Session

from app.db import get_session
from app.iiif.manifest import manifest, presentable
from app.item import service as item_service
from app.media import service as media_service
from app.media.models import Media

router = APIRouter()
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
IMMUTABLE = "public, max-age=31536000, immutable"
MANIFEST_TYPE = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'


@router.get("/media/files/{sha256}.{ext}", name="media.file")
def media_file(request: Request, session: SessionDep, sha256: str, ext: str):
    """The stored file of a public item, when it may be given out; seekable (HTTP ranges)."""
    media = media_service.get_public(session, sha256)
    if media is None or not media.original_path.endswith(f".{ext}") or not media_service.original_is_public(media):
        raise HTTPException(404)
    path = request.app.state.settings.media_dir / media.original_path
    headers = {"Cache-Control": IMMUTABLE, "X-Content-Type-Options": "nosniff",
               # A PDF opened in the browser runs in a sandbox: no scripts, no same-origin access.
               "Content-Security-Policy": "sandbox; default-src 'none'; media-src 'self'"}
    return FileResponse(path, media_type=media.mime_type, headers=headers, content_disposition_type="inline")


def file_url(request: Request, media: Media) -> str:
    """Absolute URL of a media file."""
    ext = media.original_path.rsplit(".", 1)[-1]
    return str(request.url_for("media.file", sha256=media.sha256, ext=ext))


@router.get("/iiif/manifest/{identifier}", name="iiif.manifest")
def item_manifest(request: Request, session: SessionDep, identifier: str):
    """The IIIF Presentation 3.0 manifest of a published item with images, sound or video."""
    item = item_service.get_public(session, identifier)
    if item is None or not presentable(item):
        raise HTTPException(404)
    data = manifest(item, base=str(request.base_url).rstrip("/"),
                    item_url=str(request.url_for("item.detail", identifier=identifier)),
                    file_url=lambda media: file_url(request, media))
    headers = {"Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300"}
    return JSONResponse(data, media_type=MANIFEST_TYPE, headers=headers)
