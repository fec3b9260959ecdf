"""Serving media files: originals (with range requests) and web derivatives.

Every file follows app/media/access.py: public while a published item uses it, otherwise staff only
and a 404 for everyone else. Public answers may be kept five minutes, not a year: a withdrawn
item's files must stop being served. Staff answers are never stored.
"""

import re

from fastapi import APIRouter, HTTPException, Request

from app.media import access, public_original
from app.media import service as media_service
from app.media.derivatives import derivative_path
from app.media.models import Media
from app.media.store import serving, store_of
from app.web.deps import SessionDep

router = APIRouter()
SHA256 = re.compile(r"[0-9a-f]{64}")
DERIVATIVE_NAME = re.compile(r"(thumb|medium|large)\.(jpg|webp)")


@router.get("/media/files/{sha256}.{ext}", name="media.file")
def media_file(request: Request, session: SessionDep, sha256: str, ext: str):
    """The stored file, when it may be given out; seekable (HTTP ranges). Public images lose their location."""
    media = access.media_for(session, request, sha256) if SHA256.fullmatch(sha256) else None
    staff = access.is_staff(request)
    if (
        media is None
        or not media.original_path.endswith(f".{ext}")
        or not (staff or media_service.original_is_public(media))
    ):
        raise HTTPException(404)
    key = _original_for(request, media, staff)
    headers = access.cache_headers(staff) | {
        "X-Content-Type-Options": "nosniff",
        # A PDF opened in the browser runs in a sandbox: no scripts, no same-origin access.
        "Content-Security-Policy": "sandbox; default-src 'none'; media-src 'self'",
    }
    return serving.respond(request, key, headers, media.mime_type)


@router.get("/media/derivatives/{a}/{b}/{sha256}/{name}", name="media.derivative")
def derivative(request: Request, session: SessionDep, a: str, b: str, sha256: str, name: str):
    """A web derivative (JPEG or WebP) of an image, under the same rule as its original."""
    if not (SHA256.fullmatch(sha256) and (a, b) == (sha256[:2], sha256[2:4]) and DERIVATIVE_NAME.fullmatch(name)):
        raise HTTPException(404)
    if not access.may_have(session, request, sha256):
        raise HTTPException(404)
    headers = access.cache_headers(access.is_staff(request)) | {"X-Content-Type-Options": "nosniff"}
    return serving.respond(request, derivative_path(sha256, *name.split(".")), headers)


def _original_for(request: Request, media: Media, staff: bool) -> str:
    """The key to give out: the original itself, or for visitors an image's copy without its location."""
    if staff or media.media_type != "image":
        return media.original_path
    store = store_of(request.app.state.settings)
    return public_original.ensure_public_key(store, media.original_path, media.sha256)
