"""Per-request language (chosen once, available to views, templates and error pages), the public origin, and
compression."""

from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import i18n

UNCOMPRESSED_SEND = "museum.uncompressed_send"  # a scope key: the send that CompressionMiddleware was given


class LanguageMiddleware:
    """Pure ASGI, so the language context variable reaches the view's thread."""

    def __init__(self, app: ASGIApp, default: str) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang = self.choose(scope)
        scope.setdefault("state", {})["lang"] = lang
        token = i18n.set_language(lang)
        try:
            await self.app(scope, receive, send)
        finally:
            i18n.reset_language(token)

    def choose(self, scope: Scope) -> str:
        # Only the three places a language can come from are read (the last of a repeated header, as a dict
        # of them kept): parsing every header, the query and the cookies cost a tenth of a kept page.
        cookies = accept = None
        for key, value in scope["headers"]:
            if key == b"cookie":
                cookies = value
            elif key == b"accept-language":
                accept = value.decode("latin-1")
        query = scope.get("query_string", b"")
        explicit = parse_qs(query.decode("latin-1")).get("lang", [None])[0] if query else None
        return i18n.negotiate(explicit, _remembered(cookies), accept, self.default)


def _remembered(cookies: bytes | None) -> str | None:
    """The language cookie's value, if the Cookie header has it."""
    text = cookies.decode("latin-1") if cookies else ""
    if i18n.LANGUAGE_COOKIE not in text:  # a cookie's name is never encoded: absent here, absent parsed
        return None
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(text)
    except Exception:  # a malformed Cookie header must not break the page
        return None
    return cookie[i18n.LANGUAGE_COOKIE].value if i18n.LANGUAGE_COOKIE in cookie else None


class PublicOriginMiddleware:
    """With a public base URL, the request's scheme and Host become the public ones before the app sees
    them: every absolute URL the app builds (API `url`s, links, redirects) names the public site, whatever
    Host the request came with (TrustedHostMiddleware has refused unknown ones already)."""

    def __init__(self, app: ASGIApp, base_url: str) -> None:
        self.app = app
        parts = urlsplit(base_url)
        self.scheme, self.host = parts.scheme, parts.netloc.encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = [(name, value) for name, value in scope["headers"] if name != b"host"]
            scope = {**scope, "scheme": self.scheme, "headers": [(b"host", self.host), *headers]}
        await self.app(scope, receive, send)


class CompressionMiddleware:
    """Starlette's GZipMiddleware, except that the messages it does not know pass by it instead of being dropped:
    the template and context a TemplateResponse reports to the test client (`response.template` in tests).
    The GZipMiddleware is made once; each request's own `send` reaches the inner app through the scope."""

    def __init__(self, app: ASGIApp, minimum_size: int, compresslevel: int, exclude: tuple[str, ...]) -> None:
        self.app = app
        self.gzip = GZipMiddleware(
            self._inner, minimum_size=minimum_size, compresslevel=compresslevel, exclude_content_types=exclude
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope[UNCOMPRESSED_SEND] = send
        await self.gzip(scope, receive, send)

    async def _inner(self, scope: Scope, receive: Receive, compressing_send: Send) -> None:
        send = scope[UNCOMPRESSED_SEND]

        async def route(message: Message) -> None:
            await (send if message["type"] == "http.response.debug" else compressing_send)(message)

        await self.app(scope, receive, route)
