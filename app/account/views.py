"""Logging in and out, one's own account (sessions, API tokens, password), and password-reset links.

Every form posts a CSRF token (`{{ csrf_input() }}`); refused input comes back in the same page with
the message next to its field and what was typed kept (passwords excepted).
"""

from math import ceil
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account import api_tokens, passwords, resets, service, throttle
from app.account import sessions as login_sessions
from app.account.identity import Identity, IdentityDep, clear_session_cookie, client_address, set_session_cookie
from app.account.permissions import PERMISSIONS
from app.account.service import AccountError
from app.audit import service as audit
from app.clock import utcnow
from app.contribution import service as contribution_service
from app.db import release
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.i18n import ngettext
from app.web.deps import SessionDep
from app.web.language import remember
from app.web.redirects import local_or
from app.web.render import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
NOTICES = {
    "password": _l("Your password has been changed."),
    "session": _l("The session has been ended."),
    "token": _l("The token has been revoked: it no longer works."),
    "reset": _l("Your new password is saved. Log in with it."),
}


@router.get("/login", name="account.login_form")
def login_form(request: Request, next: str = "", done: str = ""):
    """The login form."""
    return _login_page(request, next=next, notice=NOTICES.get(done))


def _login_page(
    request: Request,
    status: int = 200,
    next: str = "",
    values: dict | None = None,
    errors: dict | None = None,
    notice=None,
    headers: dict | None = None,
):
    context = {"next": local_or(next, ""), "values": values or {}, "errors": errors or {}, "notice": notice}
    response = render(request, "account/login.html", context, status_code=status)
    response.headers.update(headers or {})
    return response


@router.post("/login", name="account.login")
def login(
    request: Request, session: SessionDep, identity: IdentityDep, name: Text = "", password: Text = "", next: Text = ""
):
    """Check the name and password; on success open a session and go on to `next` (or the workspace), in the
    language the person was reading (the form posts it in its address)."""
    address = client_address(request)
    settings = request.app.state.settings
    known = throttle.is_known(session, name, address)
    if (until := throttle.locked_until(session, name, address, known)) is not None:
        return _throttled(request, name, next, until)
    candidate = service.login_candidate(session, name, password)
    release(session)  # the Argon2 check takes half a second: no write lock held meanwhile, other writes go on
    user = service.authenticate(candidate, password)
    if user is None:
        until = throttle.failed(session, name, address, settings, known)
        audit.record(session, "login.failed", actor_name=name.strip()[:64] or None, address=address)
        if until is not None:
            return _throttled(request, name, next, until)
        return _login_page(
            request, 400, next, {"name": name}, {"password": _("The login name or the password is wrong.")}
        )
    throttle.succeeded(session, name, address)
    if identity.login is not None:  # logging in again in the same browser replaces its session
        login_sessions.revoke(session, identity.login)
    started = login_sessions.start(
        session, user, settings, user_agent=request.headers.get("user-agent"), address=address
    )
    audit.record(session, "login", actor=user, target=user, address=address)
    response = RedirectResponse(local_or(next, _landing(request, user.role)), status_code=303)
    set_session_cookie(request, response, started.token)
    remember(response, request.query_params.get("lang", ""))  # the form's address names the page's language
    return response


def _landing(request: Request, role: str) -> str:
    """The workspace for the museum's team; the account page for anyone the workspace would refuse."""
    name = "workspace.dashboard" if PERMISSIONS["workspace.dashboard"].allows(role) else "account.page"
    return str(request.url_for(name))


def _throttled(request: Request, name: str, next: str, until):
    seconds = max(1, ceil((until - utcnow()).total_seconds()))
    return _login_page(
        request, 429, next, {"name": name}, {"form": wait_message(seconds)}, headers={"Retry-After": str(seconds)}
    )


def wait_message(seconds: int) -> str:
    """“Too many failed attempts: try again in N minutes.”"""
    if seconds < 120:
        wait = ngettext("%(num)d second", "%(num)d seconds", seconds) % {"num": seconds}
    else:
        minutes = ceil(seconds / 60)
        wait = ngettext("%(num)d minute", "%(num)d minutes", minutes) % {"num": minutes}
    return _("Too many failed attempts with this name or from this address. Try again in {wait}.").format(wait=wait)


@router.post("/logout", name="account.logout")
def logout(request: Request, session: SessionDep, identity: IdentityDep):
    """End this browser's session and go to the home page."""
    if identity.login is not None:
        login_sessions.revoke(session, identity.login)
        audit.record(session, "logout", actor=identity.user, target=identity.user, address=client_address(request))
    response = RedirectResponse(request.url_for("home"), status_code=303)
    clear_session_cookie(request, response)
    return response


@router.get("/account", name="account.page")
def account_page(request: Request, session: SessionDep, identity: IdentityDep, done: str = ""):
    """Your account: name and role, open sessions, API tokens, password."""
    return _account_page(request, session, identity, notice=NOTICES.get(done))


def _account_page(request: Request, session: Session, identity: Identity, status: int = 200, **context):
    user = identity.member
    context = {
        "user": user,
        "current_login": identity.login,
        "new_token": None,
        "errors": {},
        "values": {},
        "sessions": login_sessions.active(session, user, request.app.state.settings),
        "tokens": api_tokens.listing(session, user),
        "contributions": contribution_service.with_status_links(session, user, request.app.state.secret_key),
    } | context
    return render(request, "account/page.html", context, status_code=status)


@router.post("/account/password", name="account.password")
def change_password(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    current: Text = "",
    password: Text = "",
    confirm: Text = "",
):
    """Change one's password (the current one is asked); other sessions end, this one goes on."""
    user = identity.member
    errors = _password_errors(password, confirm)
    if not passwords.verify(user.password_hash, current):
        errors["current"] = _("This is not your current password.")
    if not errors:
        try:
            service.set_password(session, user, password)
        except AccountError as error:
            errors[error.field] = str(error)
    if errors:
        return _account_page(request, session, identity, 400, errors=errors)
    address = client_address(request)
    audit.record(session, "password.change", actor=user, target=user, address=address)
    started = login_sessions.start(
        session, user, request.app.state.settings, user_agent=request.headers.get("user-agent"), address=address
    )
    response = RedirectResponse(request.url_for("account.page").include_query_params(done="password"), 303)
    set_session_cookie(request, response, started.token)
    return response


def _password_errors(password: str, confirm: str) -> dict:
    if (problem := passwords.problem(password)) is not None:
        return {"password": problem}
    if password != confirm:
        return {"confirm": _("The two passwords are different.")}
    return {}


@router.post("/account/sessions/{session_id}/revoke", name="account.session_revoke")
def revoke_session(request: Request, session: SessionDep, identity: IdentityDep, session_id: int):
    """End one of your sessions (another browser, or this one)."""
    login = login_sessions.get_own(session, identity.member, session_id)
    if login is None:
        raise HTTPException(404, _("You have no such session."))
    login_sessions.revoke(session, login)
    audit.record(
        session,
        "session.revoke",
        actor=identity.user,
        target=identity.user,
        details={"session": login.id},
        address=client_address(request),
    )
    if identity.login is not None and login.id == identity.login.id:
        response = RedirectResponse(request.url_for("home"), status_code=303)
        clear_session_cookie(request, response)
        return response
    return RedirectResponse(request.url_for("account.page").include_query_params(done="session"), 303)


@router.post("/account/tokens", name="account.token_create")
def create_token(request: Request, session: SessionDep, identity: IdentityDep, name: Text = ""):
    """A new personal API token, shown once on the page that answers."""
    if not name.strip():
        return _account_page(
            request,
            session,
            identity,
            400,
            errors={"token_name": _("Give the token a name that says what it is for, e.g. “upload script”.")},
        )
    created = api_tokens.create(session, identity.member, name, address=client_address(request))
    return _account_page(request, session, identity, 201, new_token=created)


@router.post("/account/tokens/{token_id}/revoke", name="account.token_revoke")
def revoke_token(request: Request, session: SessionDep, identity: IdentityDep, token_id: int):
    """Revoke one of your API tokens."""
    record = api_tokens.get_own(session, identity.member, token_id)
    if record is None or record.revoked_at is not None:
        raise HTTPException(404, _("You have no such token."))
    api_tokens.revoke(session, record, address=client_address(request))
    return RedirectResponse(request.url_for("account.page").include_query_params(done="token"), 303)


def _reset_or_404(session: Session, token: str):
    reset = resets.find(session, token)
    if reset is None:
        raise HTTPException(
            404,
            _("This password link is unknown, has expired or was already used. Ask an administrator for a new one."),
        )
    return reset


@router.get("/account/reset/{token}", name="account.reset_form")
def reset_form(request: Request, session: SessionDep, token: str):
    """The form to choose a new password from a one-time link."""
    reset = _reset_or_404(session, token)
    return render(request, "account/reset.html", {"reset": reset, "token": token, "errors": {}})


@router.post("/account/reset/{token}", name="account.reset")
def reset(request: Request, session: SessionDep, token: str, password: Text = "", confirm: Text = ""):
    """Set the new password, use the link up, and ask to log in."""
    found = _reset_or_404(session, token)
    errors = _password_errors(password, confirm)
    if not errors:
        try:
            resets.redeem(session, found, password, address=client_address(request))
        except AccountError as error:
            errors[error.field] = str(error)
    if errors:
        return render(request, "account/reset.html", {"reset": found, "token": token, "errors": errors}, 400)
    return RedirectResponse(request.url_for("account.login_form").include_query_params(done="reset"), 303)
