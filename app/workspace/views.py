"""The workspace's item pages: the dashboard, the item form (new and edit), and the revision history."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse

from app.account.identity import IdentityDep
from app.collection import editing
from app.exhibit import editing as exhibit_editing
from app.i18n import gettext as _
from app.item.fields import ROLE_LABELS
from app.item.kinds import STATUS_LABELS
from app.revision import service as revision_service
from app.tour import editing as tour_editing
from app.web.deps import FormDep, SessionDep
from app.web.render import render
from app.workspace import dashboard, forms, page
from app.workspace import service as workspace
from app.workspace.loading import item_or_404, to_item
from app.workspace.service import IdentifierTaken, StaleEdit

router = APIRouter(prefix="/workspace", include_in_schema=False)


@router.get("", name="workspace.dashboard")
def home(request: Request, session: SessionDep, identity: IdentityDep):
    """My drafts, the review queue, recent publications and my contribution record."""
    user = identity.user
    return render(
        request,
        "workspace/dashboard.html",
        {
            "drafts": dashboard.my_drafts(session, user),
            "queue": dashboard.review_queue(session),
            "published": dashboard.recently_published(session),
            "record": dashboard.record(session, user),
            "statuses": STATUS_LABELS,
            "role_labels": ROLE_LABELS,
            "collections_in_review": editing.in_review(session),
            "exhibits_in_review": exhibit_editing.in_review(session),
            "tours_in_review": tour_editing.in_review(session),
        },
    )


@router.get("/items/new", name="workspace.item_new")
def new_item(request: Request, session: SessionDep):
    """An empty item form."""
    raw = {
        "kind": request.query_params.get("kind", "building"),
        "language": "fr",
        "titles": {},
        "descriptions": {},
        "credits": [],
        "subjects": [],
        "collections": [],
    }
    return page.item_form(request, session, None, raw)


@router.post("/items", name="workspace.item_create")
def create_item(request: Request, session: SessionDep, identity: IdentityDep, form: FormDep):
    """Create a draft from the form; the same form with messages next to the fields when it is wrong."""
    raw = forms.raw_from_form(form)
    checked = forms.validate(raw, workspace.collection_slugs(session), new=True)
    if checked.errors:
        return page.item_form(request, session, None, raw, checked.errors, status=422)
    try:
        item = workspace.create(session, checked.values, identity.user)
    except IdentifierTaken:
        errors = {"identifier": _("Another item already has this identifier.")}
        return page.item_form(request, session, None, raw, errors, status=422)
    return to_item(request, item.identifier, "created")


@router.get("/items/{identifier}", name="workspace.item_edit")
def edit_item(request: Request, session: SessionDep, identifier: str, done: str = ""):
    """The item's form, media and workflow buttons."""
    item = item_or_404(request, session, identifier)
    return page.item_form(request, session, item, forms.raw_from_item(item), done=done)


@router.post("/items/{identifier}", name="workspace.item_update")
def update_item(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Save the form over the item, unless someone saved it since the form was loaded."""
    item = item_or_404(request, session, identifier)
    raw = forms.raw_from_form(form) | {"identifier": item.identifier}
    base = page.number(form.get("revision"))
    checked = forms.validate(raw, workspace.collection_slugs(session), new=False)
    if checked.errors:
        return page.item_form(request, session, item, raw, checked.errors, base=base, status=422)
    try:
        workspace.update(session, item, checked.values, identity.user, base)
    except StaleEdit as stale:
        return page.item_form(request, session, item, raw, stale=stale.revisions, status=409)
    return to_item(request, identifier, "saved")


@router.get("/items/{identifier}/history", name="workspace.item_history")
def history(request: Request, session: SessionDep, identifier: str, done: str = ""):
    """Every revision of the item, with what changed, old → new."""
    item = item_or_404(request, session, identifier)
    return page.history(request, session, item, done=done)


@router.post("/items/{identifier}/history/{number}/restore", name="workspace.item_restore")
def restore(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, number: int, form: FormDep):
    """Put an earlier version's fields back, as a new revision."""
    item = item_or_404(request, session, identifier)
    revision = revision_service.get(session, item.id, number)
    if revision is None:
        raise HTTPException(404, _("This item has no version {number}.").format(number=number))
    try:
        workspace.restore(session, item, revision, identity.user, page.number(form.get("revision")))
    except StaleEdit as stale:
        return page.history(request, session, item, stale=stale.revisions, status=409)
    url = request.url_for("workspace.item_history", identifier=identifier).include_query_params(done="restored")
    return RedirectResponse(url, 303)
