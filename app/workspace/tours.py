"""The workspace's tour routes: list, create, edit its texts, credits and cover, history and restore, and the
review workflow. Its stops are edited in app/workspace/tour_stops.py."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account import permissions
from app.account.identity import IdentityDep
from app.i18n import gettext as _
from app.publishing.revisions import StaleEdit
from app.tour import editing
from app.tour.editing import SlugTaken
from app.web.deps import FormDep, SessionDep
from app.workspace import tour_forms as forms
from app.workspace import tour_page as page
from app.workspace.page import number
from app.workspace.steps import add_step_routes

router = APIRouter(prefix="/workspace/tours", include_in_schema=False)
EMPTY = {"slug": "", "language": "fr", "languages": ["fr"], "titles": {}, "summaries": {}, "credits": []}


def tour_or_404(request: Request, session: Session, slug: str):
    """The tour in any state, once the route's rule allows its state."""
    tour = editing.load(session, slug)
    if tour is None:
        raise HTTPException(404, _("There is no tour “{slug}”.").format(slug=slug))
    permissions.check(request, tour.status)
    return tour


def to_tour(request: Request, slug: str, done: str, anchor: str = "") -> RedirectResponse:
    url = request.url_for("workspace.tour_edit", slug=slug).include_query_params(done=done)
    return RedirectResponse(f"{url}{anchor}", 303)


@router.get("", name="workspace.tours")
def tour_list(request: Request, session: SessionDep):
    """Every tour, with its state."""
    return page.listing(request, session)


@router.get("/new", name="workspace.tour_new")
def new_tour(request: Request, session: SessionDep, identity: IdentityDep):
    """An empty tour form, crediting its author as its writer."""
    name = identity.user.display_name if identity.user else ""
    return page.form(request, session, None, EMPTY | {"credits": [("creator", name)]})


@router.post("", name="workspace.tour_create")
def create_tour(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Create a draft tour; the same form with messages next to the fields when it is wrong."""
    raw = forms.raw_from_form(form)
    checked = forms.validate(raw, new=True)
    if checked.errors:
        return page.form(request, session, None, raw, checked.errors, status=422)
    try:
        tour = editing.create(session, checked.values, identity.user)
    except SlugTaken:
        return page.form(request, session, None, raw, {"slug": _("Another tour already has this address.")}, status=422)
    return to_tour(request, tour.slug, "created")


@router.get("/{slug}", name="workspace.tour_edit")
def edit_tour(request: Request, session: SessionDep, slug: str, done: str = ""):
    """The tour's form, its stops, cover image, publish blockers and workflow buttons."""
    tour = tour_or_404(request, session, slug)
    return page.form(request, session, tour, forms.raw_from_tour(tour), done=done)


@router.post("/{slug}", name="workspace.tour_update")
def update_tour(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Save the texts, languages, credits and cover, unless someone saved the tour since the form was loaded."""
    tour = tour_or_404(request, session, slug)
    raw = forms.raw_from_form(form) | {"slug": tour.slug}
    base = number(form.get("revision"))
    checked = forms.validate(raw, new=False)
    if checked.errors:
        return page.form(request, session, tour, raw, checked.errors, base=base, status=422)
    try:
        editing.update(session, tour, checked.values, identity.user, base)
    except StaleEdit as stale:
        return page.form(request, session, tour, raw, stale=stale.revisions, status=409)
    return to_tour(request, slug, "saved")


@router.post("/{slug}/cover", name="workspace.tour_cover")
def choose_cover(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Make the image of one of the stops' items the tour's cover (or none)."""
    tour = tour_or_404(request, session, slug)
    choices = {str(media.id): media for media in editing.cover_choices(session, tour)}
    wanted = str(form.get("cover", ""))
    raw = forms.raw_from_tour(tour)
    if wanted and wanted not in choices:
        errors = {"cover": _("Choose one of the images of the stops' items.")}
        return page.form(request, session, tour, raw, errors, status=422)
    try:
        editing.update(session, tour, {"cover": choices.get(wanted)}, identity.user, number(form.get("revision")))
    except StaleEdit as stale:
        return page.form(request, session, tour, raw, stale=stale.revisions, status=409)
    return to_tour(request, slug, "cover", "#cover")


@router.get("/{slug}/history", name="workspace.tour_history")
def history(request: Request, session: SessionDep, slug: str, done: str = ""):
    """Every revision of the tour, with what changed, old → new."""
    return page.history(request, session, tour_or_404(request, session, slug), done=done)


@router.post("/{slug}/history/{number}/restore", name="workspace.tour_restore")
def restore(request: Request, session: SessionDep, identity: IdentityDep, slug: str, number: int, form: FormDep):
    """Put an earlier version's texts, credits, cover and stops back, as a new revision."""
    tour = tour_or_404(request, session, slug)
    try:
        editing.restore(session, tour, number, identity.user, _base(form))
    except LookupError:
        raise HTTPException(404, _("This tour has no version {number}.").format(number=number)) from None
    except StaleEdit as stale:
        return page.history(request, session, tour, stale=stale.revisions, status=409)
    url = request.url_for("workspace.tour_history", slug=slug).include_query_params(done="restored")
    return RedirectResponse(url, 303)


def _base(form) -> int:
    return number(form.get("revision"))


def _refused(request: Request, session, tour, errors: dict[str, str], status: int):
    return page.form(request, session, tour, forms.raw_from_tour(tour), errors, status=status)


add_step_routes(router, "tour", "a tour", tour_or_404, _refused, to_tour)
