"""Per-request language (chosen once, available to views, templates and error pages), the public origin, and
compression."""

from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import i18n


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
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        explicit = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [None])[0]
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header must not break the page
            cookie = SimpleCookie()
        remembered = cookie[i18n.LANGUAGE_COOKIE].value if i18n.LANGUAGE_COOKIE in cookie else None
        return i18n.negotiate(explicit, remembered, headers.get("accept-language"), self.default)


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
    the template and context a TemplateResponse reports to the test client (`response.template` in tests)."""

    def __init__(self, app: ASGIApp, minimum_size: int, compresslevel: int, exclude: tuple[str, ...]) -> None:
        self.app = app
        self.minimum_size, self.compresslevel, self.exclude = minimum_size, compresslevel, exclude

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def app(scope: Scope, receive: Receive, compressing_send: Send) -> None:
            async def route(message: Message) -> None:
                await (send if message["type"] == "http.response.debug" else compressing_send)(message)

            await self.app(scope, receive, route)

        gzip = GZipMiddleware(
            app, minimum_size=self.minimum_size, compresslevel=self.compresslevel, exclude_content_types=self.exclude
        )
        await gzip(scope, receive, send)
