"""Managing accounts (administrators only): list, add, change role, deactivate, give a password link.

A new account gets no password: the page shows a one-time link for its owner to choose one.
"""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account import passwords, resets, service
from app.account.identity import IdentityDep, client_address
from app.account.roles import ROLE_DESCRIPTIONS, ROLES
from app.account.service import AccountError
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter(prefix="/workspace/users", include_in_schema=False)
Text = Annotated[str, Form()]
NOTICES = {
    "role": _l("The role has been changed; the account's sessions have ended."),
    "deactivated": _l("The account has been deactivated: its sessions and tokens no longer work."),
    "activated": _l("The account has been reactivated."),
}


def _page(request: Request, session: Session, status: int = 200, **context):
    context = {
        "users": service.list_users(session),
        "roles": ROLES,
        "role_descriptions": ROLE_DESCRIPTIONS,
        "values": {"role": "curator"},
        "errors": {},
        "user_errors": {},
        "link": None,
        "notice": None,
        "reset_hours": request.app.state.settings.reset_link_hours,
    } | context
    return render(request, "account/users.html", context, status_code=status)


def _user_or_404(session: Session, name: str):
    user = service.get_by_name(session, name)
    if user is None:
        raise HTTPException(404, _("There is no account named “{name}”.").format(name=name))
    return user


def _reset_link(request: Request, session: Session, user, actor) -> str:
    link = resets.create(session, user, request.app.state.settings, actor=actor, address=client_address(request))
    return link.url(request.app.state.settings.public_base_url or str(request.base_url))


@router.get("", name="account.users")
def users(request: Request, session: SessionDep, done: str = ""):
    """Every account, with forms to add one and to change them."""
    return _page(request, session, notice=NOTICES.get(done))


@router.post("", name="account.user_add")
def add_user(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    name: Text = "",
    display_name: Text = "",
    email: Text = "",
    role: Text = "",
):
    """Add an account and show the one-time link its owner uses to choose a password."""
    values = {"name": name, "display_name": display_name, "email": email, "role": role}
    try:
        user = service.create(
            session,
            name,
            role,
            passwords.generate(),
            display_name=display_name,
            email=email,
            actor=identity.user,
            address=client_address(request),
        )
    except AccountError as error:
        return _page(request, session, 400, values=values, errors={error.field: str(error)})
    link = _reset_link(request, session, user, identity.user)
    return _page(request, session, 201, link={"user": user, "url": link})


@router.post("/{name}/role", name="account.user_role")
def change_role(request: Request, session: SessionDep, identity: IdentityDep, name: str, role: Text = ""):
    """Give an account another role (its sessions end)."""
    user = _user_or_404(session, name)
    try:
        service.set_role(session, user, role, actor=identity.user, address=client_address(request))
    except AccountError as error:
        return _page(request, session, 400, user_errors={user.name: str(error)})
    return RedirectResponse(request.url_for("account.users").include_query_params(done="role"), 303)


@router.post("/{name}/active", name="account.user_active")
def change_active(request: Request, session: SessionDep, identity: IdentityDep, name: str, active: Text = ""):
    """Deactivate (`active=0`) or reactivate (`active=1`) an account."""
    user = _user_or_404(session, name)
    try:
        service.set_active(session, user, active == "1", actor=identity.user, address=client_address(request))
    except AccountError as error:
        return _page(request, session, 400, user_errors={user.name: str(error)})
    done = "activated" if active == "1" else "deactivated"
    return RedirectResponse(request.url_for("account.users").include_query_params(done=done), 303)


@router.post("/{name}/reset", name="account.user_reset")
def reset_link(request: Request, session: SessionDep, identity: IdentityDep, name: str):
    """A new one-time password link for an account, shown on the page."""
    user = _user_or_404(session, name)
    if not user.active:
        return _page(request, session, 400, user_errors={user.name: _("Reactivate the account first.")})
    return _page(request, session, 201, link={"user": user, "url": _reset_link(request, session, user, identity.user)})
