"""Who is making the request: a logged-in user (session cookie), an API client (personal token), or a visitor.

`identify` is a dependency (run for every route through `permissions.authorize`): it sets
`request.state.identity` and `request.state.user` (a `Viewer`, None for visitors), which templates read.
Views that need the user declare `identity: IdentityDep` and read `identity.user`.

Error pages render after the request's database session has been rolled back and closed, so what
templates and permission checks read (the role, the `Viewer`) is copied into plain values at once.

A request with `Authorization: Bearer <token>` is judged by the token alone; a wrong or revoked
token is a 401 with `WWW-Authenticate: Bearer`, even on public routes, so API clients notice.
"""

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.account import api_tokens
from app.account import sessions as login_sessions
from app.account.models import ApiToken, LoginSession, User
from app.account.roles import role_of
from app.i18n import gettext as _
from app.web.deps import SessionDep

SESSION_COOKIE = "museum_session"
BEARER = {"WWW-Authenticate": "Bearer"}


@dataclass(frozen=True)
class Viewer:
    """What pages show of the logged-in user, as plain values."""

    id: int
    name: str
    display_name: str
    role: str


@dataclass(frozen=True)
class Identity:
    user: User | None = None
    via: str | None = None  # "session", "token", or None for a visitor
    login: LoginSession | None = None
    token: ApiToken | None = None
    role: str = field(init=False)
    viewer: Viewer | None = field(init=False)

    def __post_init__(self) -> None:
        role = role_of(self.user)
        object.__setattr__(self, "role", role)
        viewer = Viewer(self.user.id, self.user.name, self.user.display_name, role) if self.user else None
        object.__setattr__(self, "viewer", viewer)

    @property
    def member(self) -> User:
        """The logged-in user, in routes that the permission table (app/account/permissions.py) closes to visitors."""
        if self.user is None:
            raise RuntimeError("no logged-in user: this route must be closed to visitors in app/account/permissions.py")
        return self.user


# A visitor's identity: the same plain value for every request without credentials.
VISITOR = Identity()


async def identify(request: Request, session: SessionDep) -> Identity:
    """The request's identity, from a bearer token, else the session cookie, else a visitor.

    `async` because a visitor's request (no token, no session cookie) needs no database: it is answered on the
    event loop, and only requests with credentials go to a worker thread to look them up (a plain function cost
    every request, most of them visitors', a trip to a thread)."""
    if "authorization" in request.headers or request.cookies.get(SESSION_COOKIE):
        identity = await run_in_threadpool(_from_credentials, request, session)
    else:
        identity = VISITOR
    request.state.identity = identity
    request.state.user = identity.viewer
    return identity


def _from_credentials(request: Request, session: Session) -> Identity:
    authorization = request.headers.get("authorization")
    if authorization is not None:
        return _from_token(session, authorization)
    login = login_sessions.resolve(session, request.cookies[SESSION_COOKIE], request.app.state.settings)
    if login is None:
        return VISITOR
    login_sessions.touch(session, login)
    return Identity(login.user, "session", login=login)


IdentityDep = Annotated[Identity, Depends(identify)]


def _from_token(session: Session, authorization: str) -> Identity:
    scheme, _space, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise HTTPException(401, _("Send your personal API token as “Authorization: Bearer <token>”."), headers=BEARER)
    record = api_tokens.resolve(session, value.strip())
    if record is None:
        raise HTTPException(
            401,
            _("This API token is not valid: it is unknown or revoked, or its account is deactivated."),
            headers=BEARER,
        )
    api_tokens.note_use(session, record)
    return Identity(record.user, "token", token=record)


def current_user(request: Request) -> Viewer | None:
    """The user identified for this request, as plain values (None for visitors and before identification)."""
    return getattr(request.state, "user", None)


# Behind a proxy named in MUSEUM_TRUSTED_PROXIES, uvicorn's ProxyHeadersMiddleware (app.main) has already set
# the scheme and the client from its X-Forwarded-Proto and X-Forwarded-For; from anyone else they are ignored.
def is_https(request: Request) -> bool:
    """Whether the browser reached the site over HTTPS."""
    return request.url.scheme == "https"


def client_address(request: Request) -> str | None:
    """The client's address."""
    return request.client.host[:64] if request.client else None


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """The login cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, for the session's whole lifetime."""
    hours = request.app.state.settings.session_lifetime_hours
    response.set_cookie(
        SESSION_COOKIE, token, max_age=hours * 3600, httponly=True, samesite="lax", secure=is_https(request), path="/"
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax", secure=is_https(request), path="/")
