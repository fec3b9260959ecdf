"""IIIF Image API 3.0 routes, level 2: /iiif/3/{sha256}, its info.json and its image requests.

Every response, errors included, carries `Access-Control-Allow-Origin: *`, so viewers on other
sites can show the museum's images; errors are problem details with a readable `detail`.
"""

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from app.db import get_session
from app.errors import problem
from app.i18n import gettext as _
from app.iiif import cache, image_request, service
from app.iiif.image_request import RequestError
from app.media.models import Media

router = APIRouter(prefix="/iiif/3", include_in_schema=False)
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
CORS = {"Access-Control-Allow-Origin": "*"}
JSON_LD = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
IMMUTABLE = "public, max-age=31536000, immutable"  # the identifier is the content's hash
SHA256 = re.compile(r"[0-9a-f]{64}")


@router.get("/{identifier}", name="iiif.service")
def base(request: Request, session: SessionDep, identifier: str) -> Response:
    """The base URI redirects to the image information."""
    if _public(session, identifier) is None:
        return _not_found()
    return RedirectResponse(request.url_for("iiif.info", identifier=identifier), 303, headers=CORS)


@router.get("/{identifier}/info.json", name="iiif.info")
def info(request: Request, session: SessionDep, identifier: str) -> Response:
    """The image information: size, tiles, sizes and what the service can do."""
    media = _public(session, identifier)
    if media is None:
        return _not_found()
    try:
        pyramid = service.pyramid_for(_media_dir(request), media)
    except service.ImageUnavailable:
        return _unavailable()
    body = service.info_document(pyramid, _service_id(request, identifier))
    headers = CORS | {"Cache-Control": "public, max-age=86400", "Vary": "Accept"}
    return JSONResponse(body, media_type=_info_type(request), headers=headers)


@router.get("/{identifier}/{region}/{size}/{rotation}/{quality_format}", name="iiif.image")
def image(request: Request, session: SessionDep, identifier: str, region: str, size: str,
          rotation: str, quality_format: str) -> Response:
    """An image request: region, size, rotation, quality and format, answered from the pyramid."""
    try:
        params = image_request.parse(region, size, rotation, quality_format)
        media = _public(session, identifier)
        return _not_found() if media is None else _image_response(request, media, params)
    except RequestError as error:
        return _error(error.status, error.detail)
    except service.ImageUnavailable:
        return _unavailable()


@router.get("/{rest:path}", name="iiif.not_found")
def not_found(rest: str) -> Response:
    """Anything else under /iiif/3/ (an identifier with a slash in it, a missing segment): 404."""
    return _not_found()


@router.options("/{rest:path}", name="iiif.preflight")
def preflight(rest: str) -> Response:
    """CORS preflight: any origin may GET."""
    return Response(status_code=204, headers=CORS | {
        "Access-Control-Allow-Methods": "GET, OPTIONS", "Access-Control-Allow-Headers": "*",
        "Access-Control-Max-Age": "86400"})


def _image_response(request: Request, media: Media, params: image_request.Params) -> Response:
    media_dir = _media_dir(request)
    pyramid = service.pyramid_for(media_dir, media)
    wanted = image_request.resolve(params, pyramid.width, pyramid.height)
    headers = CORS | {"ETag": cache.etag(media.sha256, wanted), "Cache-Control": IMMUTABLE}
    if _matches(request.headers.get("if-none-match"), headers["ETag"]):
        return Response(status_code=304, headers=headers)
    data, keep = service.image_bytes(media_dir, media, pyramid, wanted)
    # The response goes first; writing it to the cache (atomically, with an fsync) comes after.
    task = BackgroundTask(cache.write, cache.cache_path(media_dir, media.sha256, wanted), data) if keep else None
    return Response(data, media_type=image_request.FORMATS[wanted.format], headers=headers, background=task)


def _public(session: Session, identifier: str) -> Media | None:
    return service.public_image(session, identifier) if SHA256.fullmatch(identifier) else None


def _media_dir(request: Request) -> Path:
    return request.app.state.settings.media_dir


def _service_id(request: Request, identifier: str) -> str:
    url = request.url_for("iiif.service", identifier=identifier)
    base = request.app.state.settings.public_base_url
    return base.rstrip("/") + url.path if base else str(url)


def _info_type(request: Request) -> str:
    # JSON-LD when asked for, or when nothing is asked (the specification's default); browsers,
    # which ask for anything, get plain JSON they show as such.
    accept = request.headers.get("accept")
    return JSON_LD if accept is None or "application/ld+json" in accept else "application/json"


def _matches(if_none_match: str | None, tag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {candidate.strip().removeprefix("W/") for candidate in if_none_match.split(",")}
    return tag in candidates or "*" in candidates


def _not_found() -> Response:
    return _error(404, _("There is no public image with this identifier."))


def _unavailable() -> Response:
    return _error(500, _("This image cannot be read at the moment. The team has been told."))


def _error(status: int, detail: str) -> Response:
    response = problem(status, detail)
    response.headers.update(CORS)
    return response
