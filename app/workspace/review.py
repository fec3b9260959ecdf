"""The workflow buttons of the item form: submit, publish, send back, withdraw, back to draft, delete."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.account.identity import IdentityDep, client_address
from app.i18n import gettext as _
from app.workspace import forms, page
from app.workspace.views import FormDep, SessionDep, item_or_404, to_item
from app.workspace.workflow import StepRefused, delete, take

router = APIRouter(prefix="/workspace/items/{identifier}", include_in_schema=False)


def _step(request: Request, session, identity, identifier: str, form, step: str):
    item = item_or_404(request, session, identifier)
    try:
        take(session, item, step, identity.user, str(form.get("comment", "")), client_address(request))
    except StepRefused as refused:
        errors = {f"comment-{step}": str(refused)}
        return page.item_form(request, session, item, forms.raw_from_item(item), errors, status=422)
    return to_item(request, identifier, step)


@router.post("/submit", name="workspace.item_submit")
def submit(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Send a draft to the supervisors."""
    return _step(request, session, identity, identifier, form, "submit")


@router.post("/publish", name="workspace.item_publish")
def publish(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Make a reviewed item public."""
    return _step(request, session, identity, identifier, form, "publish")


@router.post("/send-back", name="workspace.item_send_back")
def send_back(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Return an item in review to its curator, with a comment saying what to change."""
    return _step(request, session, identity, identifier, form, "send_back")


@router.post("/withdraw", name="workspace.item_withdraw")
def withdraw(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Take a published item off the public site."""
    return _step(request, session, identity, identifier, form, "withdraw")


@router.post("/to-draft", name="workspace.item_to_draft")
def to_draft(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Make a withdrawn item a draft again, to rework it."""
    return _step(request, session, identity, identifier, form, "to_draft")


@router.post("/delete", name="workspace.item_delete")
def remove(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Delete the item for good (supervisors and administrators), after a confirmation box."""
    item = item_or_404(request, session, identifier)
    if form.get("confirm") != "1":
        errors = {"confirm": _("Tick the box to confirm the deletion.")}
        return page.item_form(request, session, item, forms.raw_from_item(item), errors, status=422)
    delete(session, item, identity.user, client_address(request))
    return RedirectResponse(request.url_for("workspace.dashboard").include_query_params(done="deleted"), 303)
