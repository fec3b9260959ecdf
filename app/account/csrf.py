"""Cross-site request forgery: every non-GET request needs a token only this site's pages carry.

The token is an HMAC, under the site's secret key, of a random per-browser seed (the `museum_csrf`
cookie) and of the login session cookie: it changes when one logs in or out, and another site can
neither read nor compute it. Pages get it from the template helpers:
- `{{ csrf_input() }}` inside every `<form method="post">` (a hidden `csrf_token` field);
- `<meta name="csrf-token">` in base.html, for scripts sending `X-CSRF-Token` with fetch().
Tests get one with `token_for_cookies` (see tests/factories.py).

Every non-GET request is also refused when its `Origin` (or, without one, its `Referer`) is another
site. Requests authenticated by a personal API token (`Authorization: Bearer`, no cookies involved)
need no CSRF token, but a foreign Origin is refused for them too.

FastAPI reads (and spools to disk) a form's body before any dependency runs, so `EarlyRefusalMiddleware`
refuses, before a byte of the body is read, the writes that cannot succeed: a foreign origin, a header
token that does not match, or no seed cookie at all (no page of this site gave this browser a token).
"""

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from markupsafe import Markup, escape
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import errors
from app.account.identity import BEARER, SESSION_COOKIE, Identity, is_https
from app.db import SAFE_METHODS
from app.i18n import gettext as _
from app.web import body_limit

SEED_COOKIE = "museum_csrf"
FIELD = "csrf_token"
HEADER = "x-csrf-token"
ONE_YEAR = 365 * 24 * 3600
DEFAULT_PORTS = {"http": 80, "https": 443}


def token_for_cookies(secret: str, seed: str, session_cookie: str | None) -> str:
    """The token that goes with a browser's seed and login cookies."""
    bound = hashlib.sha256((session_cookie or "").encode()).hexdigest()
    return hmac.new(secret.encode(), f"{seed}|{bound}".encode(), hashlib.sha256).hexdigest()


def _seed(request: Request) -> str:
    """The browser's seed; a new one (set on the response by `SeedCookieMiddleware`) when it has none."""
    seed = request.cookies.get(SEED_COOKIE)
    if seed:
        return seed
    state = request.scope.setdefault("state", {})
    return state.setdefault("csrf_seed", secrets.token_urlsafe(24))


def token(request: Request) -> str:
    """The CSRF token for forms and scripts of this request's page (made once per request: a page has several forms)."""
    state = request.scope.setdefault("state", {})
    if "csrf_token" not in state:
        state["csrf_token"] = token_for_cookies(
            request.app.state.secret_key, _seed(request), request.cookies.get(SESSION_COOKIE)
        )
    return state["csrf_token"]


def hidden_input(request: Request) -> Markup:
    """The hidden form field carrying the token."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, escape(token(request)))


async def protect(request: Request, identity: Identity) -> None:
    """Refuse a non-GET request from another site, or (unless token-authenticated) without a valid token."""
    if request.method in SAFE_METHODS:
        return
    if is_foreign(request):
        raise HTTPException(403, _foreign_message())
    if identity.via == "token":
        return
    sent = request.headers.get(HEADER) or await _form_token(request)
    if not _valid(request, sent):
        raise HTTPException(403, _expired_message())


def _valid(request: Request, sent) -> bool:
    seed = request.cookies.get(SEED_COOKIE)
    return bool(sent and seed) and hmac.compare_digest(str(sent), token(request))


def _foreign_message() -> str:
    return _("This request comes from another site, so it was refused. Use the forms on this site.")


def _expired_message() -> str:
    return _("This form has expired or did not come from this site. Go back, reload the page and send it again.")


def early_refusal(request: Request) -> HTTPException | None:
    """The refusal a write gets whatever its body holds, decided from its headers alone; None if the body counts."""
    if is_foreign(request):
        return HTTPException(403, _foreign_message())
    if "authorization" in request.headers:
        return None
    if request.cookies.get(SEED_COOKIE) and (HEADER not in request.headers or _valid(request, request.headers[HEADER])):
        return None
    if errors.wants_json(request) and SESSION_COOKIE not in request.cookies:  # every API write needs an account
        return HTTPException(401, _("Log in to continue."), headers=BEARER)
    return HTTPException(403, _expired_message())


async def _form_token(request: Request) -> str | None:
    if request.headers.get("content-type", "").split(";")[0].strip() not in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return None
    value = (await request.form()).get(FIELD)
    return value if isinstance(value, str) else None


def is_foreign(request: Request) -> bool:
    """Whether the request names another site as its origin (Origin, else Referer); none named is fine."""
    origin = request.headers.get("origin") or _referer_origin(request.headers.get("referer"))
    if origin is None:
        return False
    return _origin_key(origin) != _origin_key(f"{'https' if is_https(request) else 'http'}://{request.url.netloc}")


def _referer_origin(referer: str | None) -> str | None:
    if not referer:
        return None
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"


def _origin_key(origin: str) -> tuple | None:
    """(scheme, host, port) of an origin, default ports filled in; None for "null" or nonsense."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


class SeedCookieMiddleware:
    """Sets the CSRF seed cookie on responses whose page gave out a token to a browser without one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            seed = scope.get("state", {}).get("csrf_seed")
            if message["type"] == "http.response.start" and seed:
                secure = "; Secure" if is_https(Request(scope)) else ""
                MutableHeaders(scope=message).append(
                    "set-cookie", f"{SEED_COOKIE}={seed}; Max-Age={ONE_YEAR}; Path=/; HttpOnly; SameSite=Lax{secure}"
                )
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class EarlyRefusalMiddleware:
    """Answers the writes `early_refusal` refuses, and bodies declared larger than their route accepts
    (app/web/body_limit.py; uploads: `max_body_size`), before their body is read (nothing is spooled)."""

    def __init__(self, app: ASGIApp, max_body_size: int) -> None:
        self.app = app
        self.max_body_size = max_body_size

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = None
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            refusal = early_refusal(Request(scope)) or self._too_large(Request(scope))
        if refusal is None:
            await self.app(scope, receive, send)
            return
        response = errors.error_page(Request(scope), refusal.status_code, refusal.detail)
        response.headers.update(refusal.headers or {})
        await response(scope, receive, send)

    def _too_large(self, request: Request) -> HTTPException | None:
        limit = body_limit.declared_over(request, self.max_body_size)
        if limit is None:
            return None
        if limit >= self.max_body_size:
            return HTTPException(413, errors.too_large(request.app.state.settings.max_upload_bytes))
        return HTTPException(
            413,
            _("What was sent is larger than the {size} MB this form accepts.").format(
                size=round(limit / (1024 * 1024), 1)
            ),
        )
