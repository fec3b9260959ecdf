"""Security headers on every response: pages, API, static files, IIIF images and error pages.

The Content-Security-Policy allows scripts, styles, images, media and fetches from the site itself only
(no inline script or style anywhere: templates keep them in app/static/; an empty <style> only, by its hash).
A response that sets its own policy keeps it (media files of PDFs run in a sandbox), with `frame-ancestors 'none'`
added when missing.
FastAPI's Swagger page (/api/docs) loads our own copy of Swagger UI (app/static/vendor/swagger-ui) and starts
it with an inline script: that one path gets a policy allowing exactly that script, by its hash.
The map's tiles come from the tile server of the settings (`map_tile_url`): its origin is the only other image
source, and geolocation is allowed to the site's own pages ("near me" on the map: the position stays in the page).
"""

import base64
import hashlib
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The hash of the empty text: an empty <style> only, which the deep-zoom viewer puts in the page so that
# OpenSeadragon does not add its own inline one (app/static/js/viewer.js).
EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def page_policy(tile_origin: str = "") -> str:
    """The site's policy; `tile_origin` (the map's tile server, app/config.py) is the one other image source."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' {EMPTY_STYLE}",
            f"img-src 'self' data: {tile_origin}".strip(),
            "media-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


CSP = page_policy()
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()",
    "x-frame-options": "DENY",
}
INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def secure(headers: MutableHeaders, policy: str = CSP) -> None:
    """Add the security headers that are missing; a policy already set keeps its rules."""
    for name, value in HEADERS.items():
        headers.setdefault(name, value)
    existing = headers.get("content-security-policy")
    if existing is None:
        headers["content-security-policy"] = policy
    elif "frame-ancestors" not in existing:
        headers["content-security-policy"] = f"{existing}; frame-ancestors 'none'"


def docs_policy(body: bytes) -> str:
    """The policy of the Swagger page: the site's own files, and its inline scripts allowed by hash."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in INLINE_SCRIPT.findall(body)
    )
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' {hashes}".strip(),
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


class SecurityHeadersMiddleware:
    """Pure ASGI: adds the headers to the response start, whatever produced the response."""

    def __init__(self, app: ASGIApp, docs_path: str | None = None, tile_origin: str = "") -> None:
        self.app = app
        self.docs_path = docs_path
        self.policy = page_policy(tile_origin)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == self.docs_path:
            await self._docs(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                secure(MutableHeaders(scope=message), self.policy)
            await send(message)

        await self.app(scope, receive, send_secured)

    async def _docs(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The docs page is small: hold it back until its scripts are known, then send it with its policy."""
        messages: list[Message] = []

        async def hold(message: Message) -> None:
            messages.append(message)

        await self.app(scope, receive, hold)
        body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
        for message in messages:
            if message["type"] == "http.response.start":
                secure(MutableHeaders(scope=message), docs_policy(body))
            await send(message)
