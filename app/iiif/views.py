"""IIIF Image API 3.0 routes, level 2: /iiif/3/{sha256}, its info.json and its image requests.

Every response, errors included, carries `Access-Control-Allow-Origin: *`, so viewers on other
sites can show the museum's images; errors are problem details with a readable `detail`. Who may see
an image is app/media/access.py's rule; each address has a render budget (app/iiif/budget.py).
"""

import re
from functools import partial
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from app.errors import problem
from app.i18n import gettext as _
from app.iiif import cache, image_request, service
from app.iiif.budget import retry_after
from app.iiif.deferred import Deferred, Render
from app.iiif.image_request import RequestError
from app.media import access
from app.media.store import Store, store_of
from app.web.deps import SessionDep

router = APIRouter(prefix="/iiif/3", include_in_schema=False)
CORS = {"Access-Control-Allow-Origin": "*"}
JSON_LD = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
PUBLIC_IMAGE = "public, max-age=300"  # revalidated with the ETag after that
PUBLIC_INFO = "public, max-age=300"
SHA256 = re.compile(r"[0-9a-f]{64}")


@router.get("/{identifier}", name="iiif.service")
def base(request: Request, session: SessionDep, identifier: str) -> Response:
    """The base URI redirects to the image information."""
    if _source(session, request, identifier) is None:
        return _not_found()
    return RedirectResponse(request.url_for("iiif.info", identifier=identifier), 303, headers=CORS)


@router.get("/{identifier}/info.json", name="iiif.info")
def info(request: Request, session: SessionDep, identifier: str) -> Response:
    """The image information: size, tiles, sizes and what the service can do."""
    source = _source(session, request, identifier)
    if source is None:
        return _not_found()
    return Deferred(partial(_info_response, request, source))


@router.get("/{identifier}/{region}/{size}/{rotation}/{quality_format}", name="iiif.image")
def image(
    request: Request, session: SessionDep, identifier: str, region: str, size: str, rotation: str, quality_format: str
) -> Response:
    """An image request: region, size, rotation, quality and format, answered from the pyramid.

    Only the access decision is read here; the pyramid, the cache and the render come once the
    request's database session is closed (app/iiif/deferred.py).
    """
    try:
        params = image_request.parse(region, size, rotation, quality_format)
    except RequestError as error:
        return _error(error.status, error.detail)
    source = _source(session, request, identifier)
    return _not_found() if source is None else Deferred(partial(_image_response, request, source, params))


@router.get("/{rest:path}", name="iiif.not_found")
def not_found(rest: str) -> Response:
    """Anything else under /iiif/3/ (an identifier with a slash in it, a missing segment): 404."""
    return _not_found()


@router.options("/{rest:path}", name="iiif.preflight")
def preflight(rest: str) -> Response:
    """CORS preflight: any origin may GET."""
    return Response(
        status_code=204,
        headers=CORS
        | {
            "Access-Control-Allow-Methods": "GET, OPTIONS",
            "Access-Control-Allow-Headers": "*",
            "Access-Control-Max-Age": "86400",
        },
    )


def _info_response(request: Request, source: service.Source) -> Response:
    try:
        pyramid = service.pyramid_for(_media_dir(request), source, _store(request))
    except service.ImageUnavailable:
        return _unavailable()
    body = service.info_document(pyramid, _service_id(request, source.sha256))
    headers = CORS | _cache_control(request, PUBLIC_INFO) | {"Vary": "Accept"}
    return JSONResponse(body, media_type=_info_type(request), headers=headers)


def _image_response(request: Request, source: service.Source, params: image_request.Params) -> Response | Render:
    media_dir = _media_dir(request)
    try:
        pyramid = service.pyramid_for(media_dir, source, _store(request))
        wanted = image_request.resolve(params, pyramid.width, pyramid.height)
    except RequestError as error:
        return _error(error.status, error.detail)
    except service.ImageUnavailable:
        return _unavailable()
    headers = CORS | {"ETag": cache.etag(source.sha256, wanted)} | _cache_control(request, PUBLIC_IMAGE)
    if _matches(request.headers.get("if-none-match"), headers["ETag"]):
        return Response(status_code=304, headers=headers)
    data, keep = service.cached_bytes(media_dir, source, pyramid, wanted)
    if data is not None:
        return Response(data, media_type=image_request.FORMATS[wanted.format], headers=headers)
    return _admitted(request, partial(_rendered, media_dir, _store(request), source, pyramid, wanted, headers, keep))


def _admitted(request: Request, work) -> Response | Render:
    """The render, if the client's address still has render budget; a 429 otherwise."""
    budget, address = request.app.state.render_budget, _address(request)
    wait = budget.admit(address)
    if wait is None:
        return Render(work, budget, address)
    response = _error(429, _("Too many images are being drawn for you at the moment: try again in a few seconds."))
    response.headers["Retry-After"] = retry_after(wait)
    return response


def _rendered(
    media_dir: Path, store: Store, source: service.Source, pyramid, wanted, headers: dict, keep: bool
) -> Response:
    try:
        data = service.render_image(media_dir, source, pyramid, wanted, store)
    except service.ImageUnavailable:
        return _unavailable()
    # The response goes first; writing it to the cache (atomically, with an fsync) comes after.
    task = BackgroundTask(cache.write, cache.cache_path(media_dir, source.sha256, wanted), data) if keep else None
    return Response(data, media_type=image_request.FORMATS[wanted.format], headers=headers, background=task)


def _source(session: Session, request: Request, identifier: str) -> service.Source | None:
    return service.image_for(session, request, identifier) if SHA256.fullmatch(identifier) else None


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _cache_control(request: Request, public: str) -> dict[str, str]:
    # Public answers may be kept a while, not forever: a withdrawn item's images must stop.
    return {"Cache-Control": "private, no-store" if access.is_staff(request) else public}


def _media_dir(request: Request) -> Path:
    """Where this host keeps its pyramids and rendered images (caches, in any store)."""
    return request.app.state.settings.media_dir


def _store(request: Request) -> Store:
    return store_of(request.app.state.settings)


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
