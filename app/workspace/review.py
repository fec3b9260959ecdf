"""The workflow buttons of the item form: submit, publish, send back, withdraw, back to draft, delete."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.account.identity import IdentityDep, client_address
from app.i18n import gettext as _
from app.web.deps import FormDep, SessionDep
from app.workspace import forms, page
from app.workspace.loading import item_or_404, to_item
from app.workspace.workflow import STEP_DOCS, StepRefused, delete, take

router = APIRouter(prefix="/workspace/items/{identifier}", include_in_schema=False)


def _step(request: Request, session, identity, identifier: str, form, step: str):
    item = item_or_404(request, session, identifier)
    try:
        take(session, item, step, identity.user, str(form.get("comment", "")), client_address(request))
    except StepRefused as refused:
        errors = {f"comment-{step}": str(refused)}
        return page.item_form(request, session, item, forms.raw_from_item(item), errors, status=refused.status)
    return to_item(request, identifier, step)


def _route(step: str, doc: str) -> None:
    def view(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
        return _step(request, session, identity, identifier, form, step)

    view.__doc__ = doc
    router.add_api_route(f"/{step.replace('_', '-')}", view, methods=["POST"], name=f"workspace.item_{step}")


# One route per step, so that the permission table can say who may take each one.
for _name, _doc in STEP_DOCS.items():
    _route(_name, _doc)


@router.post("/delete", name="workspace.item_delete")
def remove(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Delete the item for good (supervisors and administrators), after a confirmation box."""
    item = item_or_404(request, session, identifier)
    if form.get("confirm") != "1":
        errors = {"confirm": _("Tick the box to confirm the deletion.")}
        return page.item_form(request, session, item, forms.raw_from_item(item), errors, status=422)
    delete(session, item, identity.user, client_address(request))
    return RedirectResponse(request.url_for("workspace.dashboard").include_query_params(done="deleted"), 303)
