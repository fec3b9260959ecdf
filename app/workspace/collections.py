"""The workspace's collection pages: list, create, edit, cover image, history and the review workflow."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account import permissions
from app.account.identity import IdentityDep
from app.collection import editing, forms
from app.collection.editing import SlugTaken
from app.i18n import gettext as _
from app.publishing.revisions import StaleEdit
from app.web.deps import FormDep, SessionDep
from app.workspace import collection_page as page
from app.workspace.page import number
from app.workspace.steps import add_step_routes

router = APIRouter(prefix="/workspace/collections", include_in_schema=False)


def collection_or_404(request: Request, session: Session, slug: str):
    """The collection in any state, once the route's rule allows its state."""
    collection = editing.load(session, slug)
    if collection is None:
        raise HTTPException(404, _("There is no collection “{slug}”.").format(slug=slug))
    permissions.check(request, collection.status)
    return collection


def to_collection(request: Request, slug: str, done: str) -> RedirectResponse:
    url = request.url_for("workspace.collection_edit", slug=slug).include_query_params(done=done)
    return RedirectResponse(url, 303)


@router.get("", name="workspace.collections")
def collection_list(request: Request, session: SessionDep):
    """Every collection, with its state."""
    return page.listing(request, session)


@router.get("/new", name="workspace.collection_new")
def new_collection(request: Request, session: SessionDep):
    """An empty collection form."""
    return page.form(request, session, None, {"slug": "", "language": "fr", "titles": {}, "descriptions": {}})


@router.post("", name="workspace.collection_create")
def create_collection(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Create a draft collection; the same form with messages next to the fields when it is wrong."""
    raw = forms.raw_from_form(form)
    checked = forms.validate(raw, new=True)
    if checked.errors:
        return page.form(request, session, None, raw, checked.errors, status=422)
    try:
        collection = editing.create(session, checked.values, identity.user)
    except SlugTaken:
        errors = {"slug": _("Another collection already has this address.")}
        return page.form(request, session, None, raw, errors, status=422)
    return to_collection(request, collection.slug, "created")


@router.get("/{slug}", name="workspace.collection_edit")
def edit_collection(request: Request, session: SessionDep, slug: str, done: str = ""):
    """The collection's form, cover image and workflow buttons."""
    collection = collection_or_404(request, session, slug)
    return page.form(request, session, collection, forms.raw_from_collection(collection), done=done)


@router.post("/{slug}", name="workspace.collection_update")
def update_collection(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Save the form over the collection, unless someone saved it since the form was loaded."""
    collection = collection_or_404(request, session, slug)
    raw = forms.raw_from_form(form) | {"slug": collection.slug}
    base = number(form.get("revision"))
    checked = forms.validate(raw, new=False)
    if checked.errors:
        return page.form(request, session, collection, raw, checked.errors, base=base, status=422)
    try:
        editing.update(session, collection, checked.values, identity.user, base)
    except StaleEdit as stale:
        return page.form(request, session, collection, raw, stale=stale.revisions, status=409)
    return to_collection(request, slug, "saved")


@router.post("/{slug}/cover", name="workspace.collection_cover")
def choose_cover(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Make one of the images of the collection's items its cover (or none)."""
    collection = collection_or_404(request, session, slug)
    choices = {str(media.id): media for media in editing.cover_choices(session, collection)}
    wanted = str(form.get("cover", ""))
    raw = forms.raw_from_collection(collection)
    if wanted and wanted not in choices:
        errors = {"cover": _("Choose one of the images of the collection's items.")}
        return page.form(request, session, collection, raw, errors, status=422)
    try:
        editing.set_cover(session, collection, choices.get(wanted), identity.user, number(form.get("revision")))
    except StaleEdit as stale:
        return page.form(request, session, collection, raw, stale=stale.revisions, status=409)
    return to_collection(request, slug, "cover")


@router.get("/{slug}/history", name="workspace.collection_history")
def history(request: Request, session: SessionDep, slug: str):
    """Every revision of the collection, with what changed, old → new."""
    return page.history(request, session, collection_or_404(request, session, slug))


def _refused(request: Request, session, collection, errors: dict[str, str], status: int):
    return page.form(request, session, collection, forms.raw_from_collection(collection), errors, status=status)


add_step_routes(router, "collection", "a collection", collection_or_404, _refused, to_collection)
