"""Visiting tours: the list, a tour's route and stops, one stop, its offline pack, its audio, and the service worker
and web app manifest that keep a saved tour on the phone. The staff preview a tour in any state."""

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, JSONResponse

from app.account.permissions import check
from app.item.fields import ROLE_LABELS
from app.media import access
from app.media.store import serving, store_of
from app.plaque import visits as plaque_visits
from app.tour import editing, pack, present, service
from app.tour.models import Tour
from app.web.deps import SessionDep
from app.web.render import render
from app.web.static import STATIC_DIR

router = APIRouter()
SHA256 = re.compile(r"[0-9a-f]{64}")
WORKER = STATIC_DIR / "js" / "tour-sw.js"
SCOPE = "/tours"


@router.get("/tours", name="tour.list")
def tour_list(request: Request, session: SessionDep):
    """The published tours, the last published first, with their number of stops and length."""
    lang = request.state.lang
    views = [present.view(session, tour, lang) for tour in service.published(session)]
    return render(request, "tours/list.html", {"views": views})


@router.get("/tours/sw.js", name="tour.service_worker")
def service_worker():
    """The service worker: its scope `/tours` covers the list and every tour page (the header allows the scope one
    level up from its own folder); never cached long."""
    headers = {"Cache-Control": "no-cache", "Service-Worker-Allowed": SCOPE}
    return FileResponse(WORKER, media_type="text/javascript", headers=headers)


@router.get("/tours/manifest.webmanifest", name="tour.manifest")
def manifest(request: Request):
    """The web app manifest of the tours: a saved tour opens from the phone's home screen."""
    name = request.app.state.settings.site_name
    data = {
        "name": name,
        "short_name": name,
        "start_url": str(request.url_for("tour.list").path),
        "scope": SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#23303a",
        "lang": request.state.lang,
        "icons": [{"src": str(request.url_for("favicon").path), "sizes": "48x48", "type": "image/x-icon"}],
    }
    return JSONResponse(data, media_type="application/manifest+json", headers={"Cache-Control": "no-cache"})


@router.get("/tours/{slug}", name="tour.detail", dependencies=[plaque_visits.COUNTED])
def detail(request: Request, session: SessionDep, slug: str):
    """A tour: its summary, the route drawn, its stops in order with the distances between them."""
    view = present.view(session, _published(session, slug), request.state.lang)
    return _page(request, "tours/detail.html", view, None)


@router.get("/tours/{slug}/stops/{number}", name="tour.stop", dependencies=[plaque_visits.COUNTED])
def stop(request: Request, session: SessionDep, slug: str, number: int):
    """One stop: its text, its item's image at phone size, its audio, the previous and next stops."""
    view = present.view(session, _published(session, slug), request.state.lang)
    return _page(request, "tours/stop.html", view, number)


@router.get("/tours/{slug}/pack.json", name="tour.pack")
def offline_pack(request: Request, session: SessionDep, slug: str):
    """What a phone stores to walk the tour offline: every address and its size, and the total."""
    view = present.view(session, _published(session, slug), request.state.lang)
    entries = pack.entries(request, view, store_of(request.app.state.settings))
    data = {
        "tour": slug,
        "cache": f"tour-{slug}",
        "bytes": pack.total_bytes(entries),
        "limit_bytes": pack.LIMIT_BYTES,
        "files": [{"url": e.url, "bytes": e.bytes, "kind": e.kind} for e in entries],
    }
    return JSONResponse(data, headers={"Cache-Control": "no-cache"})


@router.get("/tours/{slug}/audio/{sha256}.{ext}", name="tour.audio")
def audio(request: Request, session: SessionDep, slug: str, sha256: str, ext: str):
    """A stop's audio commentary, seekable: for visitors while the tour is published, for the staff always."""
    staff = access.is_staff(request)
    tour = editing.load(session, slug) if staff else service.get_published(session, slug)
    found = (
        next((s for s in tour.stops if s.audio_sha256 == sha256), None) if tour and SHA256.fullmatch(sha256) else None
    )
    if found is None or not (found.audio_path or "").endswith(f".{ext}"):
        raise HTTPException(404)
    headers = access.cache_headers(staff) | {"X-Content-Type-Options": "nosniff"}
    return serving.respond(request, found.audio_path or "", headers, found.audio_mime)


@router.get("/workspace/tours/{slug}/preview", name="workspace.tour_preview", include_in_schema=False)
def preview(request: Request, session: SessionDep, slug: str):
    """A tour in any state as visitors will see it, with the stops' items in any state."""
    view = present.view(session, _any_state(request, session, slug), request.state.lang, visitors=False)
    return _page(request, "tours/detail.html", view, None, preview=True)


def _published(session: SessionDep, slug: str) -> Tour:
    tour = service.get_published(session, slug)
    if tour is None:
        raise HTTPException(404)
    return tour


def _any_state(request: Request, session: SessionDep, slug: str) -> Tour:
    tour = editing.load(session, slug)
    if tour is None:
        raise HTTPException(404)
    check(request, tour.status)
    return tour


def _page(request: Request, template: str, view: present.TourView, number: int | None, preview: bool = False):
    current = None
    if number is not None:
        current = next((stop for stop in view.stops if stop.number == number), None)
        if current is None:
            raise HTTPException(404)
    context: dict[str, object] = {"view": view, "current": current, "preview": preview, "role_labels": ROLE_LABELS}
    if current is None and not preview:
        store = store_of(request.app.state.settings)
        context["pack_bytes"] = pack.total_bytes(pack.entries(request, view, store))
    return render(request, template, context)
