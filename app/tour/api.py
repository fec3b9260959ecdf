"""The public JSON API of tours: /api/v1/tours (published ones only) and one tour with its stops."""

from fastapi import APIRouter, HTTPException, Request

from app.api.schemas import problems
from app.i18n import gettext as _
from app.media.urls import derivative_url
from app.tour import present, service
from app.tour.present import PHONE_SIZE, StopView, TourView
from app.tour.publishing import title as original_title
from app.tour.schemas import TourDetail, TourList
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["tours"], responses=problems(404))


@router.get("/tours", response_model=TourList, name="api.tours")
def list_tours(request: Request, session: SessionDep):
    """Every published tour, the last published first: its texts, credits, number of stops and length."""
    views = [present.view(session, tour, request.state.lang) for tour in service.published(session)]
    return {"total": len(views), "tours": [_summary(request, view) for view in views]}


@router.get("/tours/{slug}", response_model=TourDetail, name="api.tour")
def get_tour(request: Request, session: SessionDep, slug: str):
    """One published tour with its stops in order: their positions, texts, distances, items and audio."""
    tour = service.get_published(session, slug)
    if tour is None:
        raise HTTPException(404, _("There is no tour “{slug}”.").format(slug=slug))
    view = present.view(session, tour, request.state.lang)
    return _summary(request, view) | {"route": [_stop(request, view, stop) for stop in view.stops]}


def _summary(request: Request, view: TourView) -> dict:
    tour = view.tour
    return {
        "slug": tour.slug,
        "title": view.title.value if view.title else original_title(tour),
        "title_language": view.title.lang if view.title else tour.language,
        "titles": tour.titles,
        "summary": view.summary.value if view.summary else None,
        "summaries": tour.summaries,
        "language": tour.language,
        "languages": tour.languages,
        "stops": len(view.stops),
        "length_m": round(view.total_m, 1),
        "credits": [{"name": credit.agent.name, "role": credit.role} for credit in tour.credits],
        "url": str(request.url_for("tour.detail", slug=tour.slug)),
        "published": tour.published_at,
        "updated": tour.updated_at,
    }


def _stop(request: Request, view: TourView, stop: StopView) -> dict:
    slug, lang = view.tour.slug, request.state.lang
    item, image, exhibit = stop.item, stop.image, stop.exhibit
    alt = present.localized(image.alt_texts, item.language, lang) if image is not None and item is not None else None
    title = present.localized(item.titles, item.language, lang) if item is not None else None
    return {
        "number": stop.number,
        "title": stop.title.value if stop.title else None,
        "titles": stop.stop.titles,
        "text": stop.text.value if stop.text else None,
        "texts": stop.stop.texts,
        "latitude": stop.latitude,
        "longitude": stop.longitude,
        "next_m": round(stop.next_m, 1) if stop.next_m is not None else None,
        "url": str(request.url_for("tour.stop", slug=slug, number=stop.number)),
        "item": {
            "identifier": item.identifier,
            "title": title.value if title else item.identifier,
            "url": str(request.url_for("item.detail", identifier=item.identifier)),
        }
        if item is not None
        else None,
        "image": {"alt": alt.value if alt else None, "url": derivative_url(image, PHONE_SIZE)} if image else None,
        "exhibit": _exhibit(request, exhibit) if exhibit is not None else None,
        "audio": str(request.url_for("tour.audio", slug=slug, sha256=stop.stop.audio_sha256, ext=stop.audio_ext))
        if stop.audio
        else None,
    }


def _exhibit(request: Request, exhibit: present.ExhibitLink) -> dict:
    if exhibit.page:
        url = request.url_for("exhibit.page", slug=exhibit.slug, key=exhibit.page)
    else:
        url = request.url_for("exhibit.detail", slug=exhibit.slug)
    return {"slug": exhibit.slug, "page": exhibit.page, "url": str(url)}
