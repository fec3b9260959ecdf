"""The trainee's portfolio: their own page with the public choices (`/workspace/portfolio`), a supervisor's view
of any trainee's (`/workspace/trainees/{id}/portfolio`), the public page (`/portfolio/{key}`), and both as PDFs.

PDFs are made within the request: a portfolio is a few pages of text (no images), which WeasyPrint renders in
well under a second, so a job and a waiting page would only add a step.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.account.permissions import PORTFOLIO_PRIVATE, PORTFOLIO_PUBLIC, check
from app.i18n import gettext as _
from app.i18n import language
from app.media.store import serving, store_of
from app.portfolio import service
from app.portfolio.service import PHOTO, SECTIONS, Choices, Portfolio
from app.trainee import photo
from app.trainee.models import TraineeProfile
from app.web.deps import FormDep, SessionDep
from app.web.render import base_context, render

router = APIRouter()

PdfLanguage = Annotated[Literal["fr", "de"] | None, Query(description="the PDF's language: fr or de")]
PUBLIC_NAME_MAX = 120


@router.get("/workspace/portfolio", name="portfolio.mine", include_in_schema=False)
def mine(request: Request, session: SessionDep):
    """The trainee's own portfolio, everything in it, with what they make public."""
    profile = _own_profile(request, session)
    if profile is None:
        return render(request, "portfolio/none.html")
    portfolio = service.build(session, profile)
    return render(
        request, "portfolio/page.html", _context(portfolio, own=True, saved=request.query_params.get("saved"))
    )


@router.post("/workspace/portfolio", name="portfolio.choose", include_in_schema=False)
def choose(request: Request, session: SessionDep, form: FormDep):
    """Save what the trainee makes public, and the public name they are shown under."""
    profile = _own_profile(request, session)
    if profile is None:
        return render(request, "portfolio/none.html", status_code=400)
    name = str(form.get("public_name", "")).strip()
    if len(name) > PUBLIC_NAME_MAX:
        portfolio = service.build(session, profile)
        error = _("A public name has at most %(count)s characters.") % {"count": PUBLIC_NAME_MAX}
        return render(request, "portfolio/page.html", _context(portfolio, own=True, name_error=error), 400)
    profile.public_name = name or None
    service.save_choices(profile, _choices(form, service.build(session, profile)))
    return RedirectResponse(str(request.url_for("portfolio.mine").include_query_params(saved=1)), status_code=303)


@router.get("/workspace/portfolio.pdf", name="portfolio.mine_pdf", include_in_schema=False)
def mine_pdf(request: Request, session: SessionDep, lang: PdfLanguage = None):
    """The trainee's whole portfolio as a PDF, in French or German."""
    profile = _own_profile(request, session)
    if profile is None:
        raise HTTPException(404)
    return _pdf(request, session, profile, _pdf_language(request, lang), public_view=False)


@router.get("/workspace/trainees/{profile_id}/portfolio", name="portfolio.trainee", include_in_schema=False)
def trainee(request: Request, session: SessionDep, profile_id: int):
    """A trainee's whole portfolio, for supervisors and admins."""
    profile = session.get(TraineeProfile, profile_id)
    if profile is None or profile.user_id is None:
        raise HTTPException(404)
    portfolio = service.build(session, profile)
    return render(request, "portfolio/page.html", _context(portfolio, own=False))


@router.get("/portfolio/{key}.pdf", name="portfolio.public_pdf", include_in_schema=False)
def public_pdf(request: Request, session: SessionDep, key: str, lang: PdfLanguage = None):
    """The public portfolio as a PDF: exactly what the public page shows."""
    profile = _public_profile(request, session, key)
    return _pdf(request, session, profile, _pdf_language(request, lang), public_view=True)


@router.get("/portfolio/{key}/photo.jpg", name="portfolio.photo", include_in_schema=False)
def public_photo(request: Request, session: SessionDep, key: str):
    """The trainee's photo, on a public portfolio that shows it."""
    profile = _public_profile(request, session, key)
    shown = photo.file_of(profile, request.app.state.settings) if service.choices_of(profile).shows(PHOTO) else None
    if shown is None:
        raise HTTPException(404)
    return serving.respond(request, shown, {"Cache-Control": "public, max-age=300"}, "image/jpeg")


@router.get("/portfolio/{key}", name="portfolio.public", include_in_schema=False)
def public(request: Request, session: SessionDep, key: str):
    """What the trainee chose to show, under their public name; 404 while it is not public."""
    profile = _public_profile(request, session, key)
    portfolio = service.public(service.build(session, profile))
    return render(request, "portfolio/public.html", _context(portfolio, own=False))


def _own_profile(request: Request, session: SessionDep) -> TraineeProfile | None:
    user = request.state.user
    return service.profile_of_user(session, user.id) if user is not None else None


def _public_profile(request: Request, session: SessionDep, key: str) -> TraineeProfile:
    profile = service.by_key(session, key[:64])
    if profile is None:
        raise HTTPException(404)
    check(request, PORTFOLIO_PUBLIC if service.is_public(profile) else PORTFOLIO_PRIVATE)
    return profile


def _context(portfolio: Portfolio, **extra) -> dict:
    return {"portfolio": portfolio, "profile": portfolio.profile, "sections": SECTIONS} | extra


def _choices(form, portfolio: Portfolio) -> Choices:
    """The choices the form sends: ticked sections, and the works left unticked (hidden)."""
    shown = {value for value in form.getlist("show") if isinstance(value, str)}
    hidden = frozenset(work.task_id for work in portfolio.works if str(work.task_id) not in shown)
    sections = tuple(section for section in SECTIONS if section in form.getlist("sections"))
    return Choices(form.get("public") == "1", sections, hidden, form.get("indexed") == "1")


def _pdf_language(request: Request, lang: str | None) -> str:
    return lang or (request.state.lang if request.state.lang in ("fr", "de") else "fr")


def _pdf(request: Request, session: SessionDep, profile: TraineeProfile, lang: str, *, public_view: bool) -> Response:
    # Imported here: WeasyPrint loads Pango and fonts, which only printing needs.
    from app.exhibit import printer

    portfolio = service.build(session, profile)
    portfolio = service.public(portfolio) if public_view else portfolio
    context = base_context(request) | {"request": request, "lang": lang} | _context(portfolio, own=False)
    with language(lang):
        html = request.app.state.templates.get_template("portfolio/print.html").render(context)
    data = printer.to_pdf(html, str(request.base_url), store_of(request.app.state.settings))
    headers = {"cache-control": "no-store", "content-disposition": f'inline; filename="portfolio-{lang}.pdf"'}
    return Response(data, media_type="application/pdf", headers=headers)
