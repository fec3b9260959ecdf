"""QR codes of public records (`/qr/{kind}/{key}.png|svg`, public), and the workspace's plaques and label sheets
(`/workspace/plaques`, HTML for printing and PDF: staff only)."""

import hashlib
import re
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from fastapi.routing import iter_route_contexts

from app.clock import utcnow
from app.errors import DomainError
from app.i18n import gettext as _
from app.media.store import store_of
from app.plaque import qr, registry, service, visits
from app.plaque.registry import Plaque
from app.web.deps import SessionDep
from app.web.render import base_context, render

router = APIRouter()


def _image(media_type: str) -> dict:
    """The OpenAPI answers of a QR code's route."""
    described = {"description": "The QR code of the record's permanent address, with `?via=qr`."}
    return {
        200: described | {"content": {media_type: {}}},
        404: {"description": "No public record of that kind and key."},
    }


Scale = Annotated[int, Query(ge=qr.MIN_SCALE, le=qr.MAX_SCALE, description="pixels per module")]
Border = Annotated[int, Query(ge=qr.MIN_BORDER, le=qr.MAX_BORDER, description="modules of margin")]
Records = Annotated[str, Query(max_length=20_000)]
Layout = Literal["sheet", "plaque"]
# A QR code only says an address: a day in caches is harmless after a record is withdrawn; its ETag revalidates.
QR_CACHE = "public, max-age=86400"
QR_VERSION = "1"  # part of every ETag: changing how codes are drawn must change what caches hold
PRINT_TEMPLATE = "plaques/print.html"


@router.get("/qr/{kind}/{key:path}.png", name="plaque.qr_png", response_class=Response, responses=_image("image/png"))
def qr_png(
    request: Request, session: SessionDep, kind: str, key: str, scale: Scale = qr.SCALE, border: Border = qr.BORDER
):
    """The QR code of a public record's permanent address (with `?via=qr`) as a PNG image."""
    return _qr(request, session, kind, key, "png", scale, border)


@router.get(
    "/qr/{kind}/{key:path}.svg", name="plaque.qr_svg", response_class=Response, responses=_image("image/svg+xml")
)
def qr_svg(
    request: Request, session: SessionDep, kind: str, key: str, scale: Scale = qr.SCALE, border: Border = qr.BORDER
):
    """The QR code of a public record's permanent address (with `?via=qr`) as an SVG image."""
    return _qr(request, session, kind, key, "svg", scale, border)


@router.get("/workspace/plaques", name="plaque.workspace", include_in_schema=False)
def workspace(request: Request, session: SessionDep, records: Records = ""):
    """The records a curator chose, each with its labels, QR codes and visits from plaques; the most visited."""
    plaques, errors = service.resolve(session, _routes(request), records.splitlines())
    site, today = _site(request), utcnow().date()
    context = {
        "records": records,
        "labels": [service.label(plaque, site) for plaque in plaques],
        "errors": errors,
        "counts": visits.counts(session, [plaque.path for plaque in plaques], today),
        "most_visited": _most_visited(request, session, today),
        "chosen": service.paths_text(plaques),
        "max_records": service.MAX_RECORDS,
    }
    return render(request, "plaques/workspace.html", context, status_code=400 if errors else 200)


@router.get("/workspace/plaques/print", name="plaque.print", include_in_schema=False)
def print_html(request: Request, session: SessionDep, records: Records = "", layout: Layout = "sheet"):
    """The label sheet (A4, four A6 labels a page) or a single A5 plaque, as a document to print."""
    html = _print_document(request, session, records, layout)
    return Response(html, media_type="text/html; charset=utf-8", headers={"cache-control": "no-store"})


@router.get("/workspace/plaques/print.pdf", name="plaque.print_pdf", include_in_schema=False)
def print_pdf(request: Request, session: SessionDep, records: Records = "", layout: Layout = "sheet"):
    """The same document as a PDF, made by WeasyPrint from the same template within the request."""
    # Imported here: WeasyPrint loads Pango and fonts, which only printing needs.
    from app.exhibit import printer

    html = _print_document(request, session, records, layout)
    data = printer.to_pdf(html, str(request.base_url), store_of(request.app.state.settings))
    headers = {"cache-control": "no-store", "content-disposition": f'inline; filename="{layout}.pdf"'}
    return Response(data, media_type="application/pdf", headers=headers)


def _qr(request: Request, session: SessionDep, kind: str, key: str, fmt: str, scale: int, border: int) -> Response:
    plaque = registry.find(session, kind, key)
    if plaque is None:
        raise HTTPException(404)
    url = service.qr_url(_site(request), plaque.path)
    tag = '"' + hashlib.sha256(f"{QR_VERSION}|{url}|{fmt}|{scale}|{border}".encode()).hexdigest()[:32] + '"'
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"qr-{kind}-{key}") + f".{fmt}"
    headers = {"etag": tag, "cache-control": QR_CACHE, "content-disposition": f'inline; filename="{name}"'}
    if tag in {part.strip().removeprefix("W/") for part in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(qr.qr_file(url, fmt, scale, border), media_type=qr.FORMATS[fmt], headers=headers)


def _print_document(request: Request, session: SessionDep, records: str, layout: Layout) -> str:
    plaques, errors = service.resolve(session, _routes(request), records.splitlines())
    if errors:
        raise DomainError(" ".join(errors), status=400)
    if not plaques:
        raise DomainError(service.too_many(), status=400)
    if layout == "plaque" and len(plaques) != 1:
        raise DomainError(_("A plaque shows one record: choose only one."), status=400)
    site = _site(request)
    context: dict[str, object] = {"labels": [service.label(plaque, site) for plaque in plaques], "layout": layout}
    context |= {"prompts": service.prompts(), "records": records, "request": request}
    template = request.app.state.templates.get_template(PRINT_TEMPLATE)
    return template.render(base_context(request) | context)


def _most_visited(request: Request, session: SessionDep, today) -> list[tuple[Plaque | None, str, int, int]]:
    """The pages plaques led to most, each with its record while it is public."""
    routes = _routes(request)
    return [
        (service.at_path(session, routes, path), path, recent, total)
        for path, recent, total in visits.most_visited(session, today)
    ]


def _routes(request: Request) -> list:
    """The app's routes, those of its included routers among them, as the router tries them."""
    return list(iter_route_contexts(request.app.routes))


def _site(request: Request) -> str:
    """The site's public address (the configured public base URL, else the one the request came to)."""
    return request.app.state.settings.public_base_url or str(request.base_url)
