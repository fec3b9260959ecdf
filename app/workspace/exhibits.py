"""The workspace's exhibit routes: list, create, edit its texts and credits, cover, history and restore, and the
review workflow. Its pages and blocks are edited in app/workspace/exhibit_pages.py."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account import permissions
from app.account.identity import IdentityDep
from app.exhibit import editing
from app.exhibit.editing import SlugTaken
from app.i18n import gettext as _
from app.publishing.revisions import StaleEdit
from app.web.deps import FormDep, SessionDep
from app.workspace import exhibit_forms as forms
from app.workspace import exhibit_page as page
from app.workspace.page import number
from app.workspace.steps import add_step_routes

router = APIRouter(prefix="/workspace/exhibits", include_in_schema=False)
EMPTY = {"slug": "", "language": "fr", "titles": {}, "summaries": {}, "tags": "", "featured": False, "credits": []}


def exhibit_or_404(request: Request, session: Session, slug: str):
    """The exhibit in any state, once the route's rule allows its state."""
    exhibit = editing.load(session, slug)
    if exhibit is None:
        raise HTTPException(404, _("There is no exhibit “{slug}”.").format(slug=slug))
    permissions.check(request, exhibit.status)
    return exhibit


def to_exhibit(request: Request, slug: str, done: str, anchor: str = "") -> RedirectResponse:
    url = request.url_for("workspace.exhibit_edit", slug=slug).include_query_params(done=done)
    return RedirectResponse(f"{url}{anchor}", 303)


@router.get("", name="workspace.exhibits")
def exhibit_list(request: Request, session: SessionDep):
    """Every exhibit, with its state."""
    return page.listing(request, session)


@router.get("/new", name="workspace.exhibit_new")
def new_exhibit(request: Request, session: SessionDep, identity: IdentityDep):
    """An empty exhibit form, crediting its author as its writer."""
    name = identity.user.display_name if identity.user else ""
    return page.form(request, session, None, EMPTY | {"credits": [("creator", name)]})


@router.post("", name="workspace.exhibit_create")
def create_exhibit(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Create a draft exhibit; the same form with messages next to the fields when it is wrong."""
    raw = forms.raw_from_form(form)
    checked = forms.validate(raw, new=True, may_feature=page.may_feature(request))
    if checked.errors:
        return page.form(request, session, None, raw, checked.errors, status=422)
    try:
        exhibit = editing.create(session, checked.values, identity.user)
    except SlugTaken:
        errors = {"slug": _("Another exhibit already has this address.")}
        return page.form(request, session, None, raw, errors, status=422)
    return to_exhibit(request, exhibit.slug, "created")


@router.get("/{slug}", name="workspace.exhibit_edit")
def edit_exhibit(request: Request, session: SessionDep, slug: str, done: str = ""):
    """The exhibit's form, its pages, cover image, publish blockers and workflow buttons."""
    exhibit = exhibit_or_404(request, session, slug)
    return page.form(request, session, exhibit, forms.raw_from_exhibit(exhibit), done=done)


@router.post("/{slug}", name="workspace.exhibit_update")
def update_exhibit(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Save the texts, tags and credits, unless someone saved the exhibit since the form was loaded."""
    exhibit = exhibit_or_404(request, session, slug)
    raw = forms.raw_from_form(form) | {"slug": exhibit.slug}
    base = number(form.get("revision"))
    checked = forms.validate(raw, new=False, may_feature=page.may_feature(request))
    if checked.errors:
        return page.form(request, session, exhibit, raw, checked.errors, base=base, status=422)
    try:
        editing.update(session, exhibit, checked.values, identity.user, base)
    except StaleEdit as stale:
        return page.form(request, session, exhibit, raw, stale=stale.revisions, status=409)
    return to_exhibit(request, slug, "saved")


@router.post("/{slug}/cover", name="workspace.exhibit_cover")
def choose_cover(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Make one of the images of the items the exhibit shows its cover (or none)."""
    exhibit = exhibit_or_404(request, session, slug)
    choices = {str(media.id): media for media in editing.cover_choices(session, exhibit)}
    wanted = str(form.get("cover", ""))
    raw = forms.raw_from_exhibit(exhibit)
    if wanted and wanted not in choices:
        errors = {"cover": _("Choose one of the images of the items the exhibit shows.")}
        return page.form(request, session, exhibit, raw, errors, status=422)
    try:
        editing.set_cover(session, exhibit, choices.get(wanted), identity.user, number(form.get("revision")))
    except StaleEdit as stale:
        return page.form(request, session, exhibit, raw, stale=stale.revisions, status=409)
    return to_exhibit(request, slug, "cover", "#cover")


@router.get("/{slug}/history", name="workspace.exhibit_history")
def history(request: Request, session: SessionDep, slug: str, done: str = ""):
    """Every revision of the exhibit, with what changed, old → new."""
    return page.history(request, session, exhibit_or_404(request, session, slug), done=done)


@router.post("/{slug}/history/{number}/restore", name="workspace.exhibit_restore")
def restore(request: Request, session: SessionDep, identity: IdentityDep, slug: str, number: int, form: FormDep):
    """Put an earlier version's texts, credits, cover, pages and blocks back, as a new revision."""
    exhibit = exhibit_or_404(request, session, slug)
    try:
        editing.restore(session, exhibit, number, identity.user, _base(form))
    except LookupError:
        raise HTTPException(404, _("This exhibit has no version {number}.").format(number=number)) from None
    except StaleEdit as stale:
        return page.history(request, session, exhibit, stale=stale.revisions, status=409)
    url = request.url_for("workspace.exhibit_history", slug=slug).include_query_params(done="restored")
    return RedirectResponse(url, 303)


def _base(form) -> int:
    return number(form.get("revision"))


def _refused(request: Request, session, exhibit, errors: dict[str, str], status: int):
    return page.form(request, session, exhibit, forms.raw_from_exhibit(exhibit), errors, status=status)


add_step_routes(router, "exhibit", "an exhibit", exhibit_or_404, _refused, to_exhibit)
