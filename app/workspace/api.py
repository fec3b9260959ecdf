"""The workspace through the JSON API: create, edit, review and delete items, read their revisions.

Authenticated by a personal token (`Authorization: Bearer ...`): 401 without one, 403 for a role the
permission table does not allow, 409 for an edit over a newer revision.
"""

from fastapi import APIRouter, HTTPException, Request, Response

from app.account.identity import IdentityDep, client_address
from app.api.schemas import problems
from app.errors import problem
from app.i18n import gettext as _
from app.item import fields
from app.revision import service as revision_service
from app.revision import snapshot
from app.web.deps import SessionDep
from app.workspace import forms
from app.workspace import service as workspace
from app.workspace.loading import item_or_404
from app.workspace.schemas import ItemCreate, ItemState, ItemUpdate, RevisionList, RevisionOut, StepIn
from app.workspace.service import IdentifierTaken, StaleEdit
from app.workspace.workflow import STEP_DOCS, StepRefused, delete, take

ERRORS = problems(401, 403, 404, 409)
router = APIRouter(prefix="/api/v1/items", tags=["workspace"], responses=ERRORS)


def _raw(body: dict) -> dict:
    """The API's field names (app/item/fields.py) put in the raw shape of the form, which `forms.validate` reads."""
    names = {field.api: field.name if field.multilingual else field.form for field in fields.FIELDS}
    raw = {names.get(name, name): value for name, value in body.items() if name not in ("credits", "revision")}
    if "credits" in body:
        raw["credits"] = [(credit["role"], credit["name"]) for credit in body["credits"] or []]
    return raw


def _invalid(errors: dict[str, str]):
    detail = " ".join(f"{name}: {message}" for name, message in errors.items())
    return problem(422, detail, errors=errors)


def _state(request: Request, session, item) -> dict:
    values = snapshot.take(item)
    return {
        "identifier": item.identifier,
        "kind": item.kind,
        "status": item.status,
        "title": item.titles.get(item.language) or next(iter(item.titles.values()), item.identifier),
        "revision": revision_service.latest_number(session, item.id),
        "values": values,
        "url": str(request.url_for("item.detail", identifier=item.identifier)),
        "workspace_url": str(request.url_for("workspace.item_edit", identifier=item.identifier)),
    }


def _revision(revision) -> dict:
    return {
        "number": revision.number,
        "created_at": revision.created_at,
        "user": revision.user_name,
        "action": revision.action,
        "status": revision.status,
        "changes": revision.changes,
        "comment": revision.comment,
    }


@router.post("", status_code=201, response_model=ItemState, name="api.item.create")
def create_item(request: Request, session: SessionDep, identity: IdentityDep, body: ItemCreate):
    """Create a draft item (curators, supervisors, administrators)."""
    checked = forms.validate(_raw(body.model_dump()), workspace.collection_slugs(session), new=True)
    if checked.errors:
        return _invalid(checked.errors)
    try:
        item = workspace.create(session, checked.values, identity.user)
    except IdentifierTaken:
        return _invalid({"identifier": _("Another item already has this identifier.")})
    return _state(request, session, item)


@router.patch("/{identifier}", response_model=ItemState, name="api.item.update")
def update_item(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, body: ItemUpdate):
    """Change some fields of an item, starting from revision `revision` (409 when someone saved since)."""
    item = item_or_404(request, session, identifier)
    raw = forms.raw_from_item(item) | _raw(body.model_dump(exclude_unset=True))
    checked = forms.validate(raw, workspace.collection_slugs(session), new=False)
    if checked.errors:
        return _invalid(checked.errors)
    try:
        workspace.update(session, item, checked.values, identity.user, body.revision)
    except StaleEdit as stale:
        return problem(
            409,
            _(
                "Someone saved this item after revision {number}: read their changes, then send "
                "yours again from the latest revision."
            ).format(number=body.revision),
            revisions=[RevisionOut(**_revision(r)).model_dump(mode="json") for r in stale.revisions],
        )
    return _state(request, session, item)


@router.delete("/{identifier}", status_code=204, name="api.item.delete")
def delete_item(request: Request, session: SessionDep, identity: IdentityDep, identifier: str):
    """Delete an item for good (supervisors and administrators); the audit log keeps a trace."""
    delete(session, item_or_404(request, session, identifier), identity.user, client_address(request))
    return Response(status_code=204)


@router.get("/{identifier}/revisions", response_model=RevisionList, name="api.item.revisions")
def revisions(request: Request, session: SessionDep, identifier: str):
    """Every revision of an item, newest first, with the changed fields' old and new values."""
    item = item_or_404(request, session, identifier)
    return {
        "identifier": item.identifier,
        "revisions": [_revision(r) for r in revision_service.history(session, item.id)],
    }


def _step(request: Request, session, identity, identifier: str, step: str, body: StepIn | None):
    item = item_or_404(request, session, identifier)
    try:
        take(session, item, step, identity.user, body.comment if body else "", client_address(request))
    except StepRefused as refused:
        raise HTTPException(refused.status, str(refused)) from None
    return _state(request, session, item)


def _route(step: str, doc: str) -> None:
    def view(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, body: StepIn | None = None):
        return _step(request, session, identity, identifier, step, body)

    router.add_api_route(
        f"/{{identifier}}/{step.replace('_', '-')}",
        view,
        methods=["POST"],
        response_model=ItemState,
        name=f"api.item.{step}",
        summary=doc.split(" (")[0].rstrip("."),
        description=doc,
    )


# One route per step, so that the permission table can say who may take each one.
for _name, _doc in STEP_DOCS.items():
    _route(_name, _doc)
