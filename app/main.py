"""The application factory."""

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request, Security
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.security import HTTPBearer
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES
from starlette.middleware.trustedhost import TrustedHostMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

import app.models  # noqa: F401  (every table is mapped before the first query)
from app import errors, routes, runtime
from app.account.csrf import EarlyRefusalMiddleware, SeedCookieMiddleware
from app.account.permissions import authorize
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.exhibit.pagecache import BodyCache
from app.headers import SecurityHeadersMiddleware
from app.i18n import load_catalogues
from app.iiif.budget import RenderBudget
from app.interview import sealing
from app.job.registry import JobContext
from app.job.worker import BackgroundWorker
from app.media import visibility as media_visibility
from app.middleware import CompressionMiddleware, LanguageMiddleware, PublicOriginMiddleware
from app.report import visits as report_visits
from app.search import health as search_health
from app.search import service as search_service
from app.search import sync as search_sync
from app.search.index import open_index
from app.templating import make_templates
from app.web.static import STATIC_DIR, CachedStaticFiles

DOCS_URL = "/api/docs"
# Documents the personal API tokens in the OpenAPI document only: app.account.identity judges them.
BEARER = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="A personal API token, made on the account page: `Authorization: Bearer vm_...`.",
)
ONE_DAY = 24 * 3600
# Multipart framing and a form's text fields come on top of the largest accepted file.
UPLOAD_OVERHEAD = 64 * 1024
# Compressed: stylesheets, scripts, JSON, IIIF manifests. Not HTML: pages carry the CSRF token and echo the
# visitor's words (search, `next`), which compressed together would leak the token through response sizes
# (BREACH). Nor media that are compressed already or too large to be worth it.
NOT_COMPRESSED = (
    *DEFAULT_EXCLUDED_CONTENT_TYPES,
    "text/html",
    "application/pdf",
    "application/octet-stream",
    "image/heic",
    "image/heif",
    "image/tiff",
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app with its engine, session factory, search index and templates on `app.state`."""
    settings = settings or Settings()
    settings.ensure_dirs()
    load_catalogues()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.worker = _start_worker(app, settings)
        app.state.search_index.warm_up(search_service.warm)
        if settings.serving:
            runtime.tune_for_serving()
        yield
        app.state.visits.flush(report_visits.session_source(app))
        if app.state.worker is not None:
            app.state.worker.stop(timeout=10)
        app.state.search_index.close()
        app.state.engine.dispose()

    app = FastAPI(
        title="Villerupt.com API",
        version="1",
        description="The catalog of the virtual heritage museum of Villerupt.",
        lifespan=lifespan,
        docs_url=None,  # served by _docs_page, from our own copy of Swagger UI (no CDN)
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        # Every route: identity, CSRF for writes, and the permission table (app/account/permissions.py).
        dependencies=[Depends(authorize)],
    )
    app.state.settings = settings
    app.state.secret_key = settings.resolved_secret_key()
    app.state.engine = make_engine(settings.database_url)
    app.state.session_factory = make_session_factory(app.state.engine)
    search_sync.install(app.state.session_factory, settings.search_engine)
    # The process's one index, shared by the views and the worker threads (its caches live with it).
    app.state.search_index = open_index(settings, app.state.engine)
    app.state.visibility = media_visibility.Visibility()
    media_visibility.install(app.state.session_factory)
    app.state.render_budget = RenderBudget()
    app.state.templates = make_templates(settings.templates_dir, reload=settings.debug)
    app.state.exhibit_pages = BodyCache(ttl=settings.exhibit_page_seconds)
    errors.install(app)
    # Innermost: it reads the matched route and the response's status (app/report/visits.py).
    report_visits.install(app)
    # The body limit inside EarlyRefusalMiddleware, which answers a declared Content-Length over it first and in
    # the visitor's language (Starlette's own answer to it is plain English text).
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_upload_bytes + UPLOAD_OVERHEAD)
    app.add_middleware(EarlyRefusalMiddleware, max_body_size=settings.max_upload_bytes + UPLOAD_OVERHEAD)
    app.add_middleware(LanguageMiddleware, default=settings.default_language)
    app.add_middleware(SeedCookieMiddleware)
    if settings.public_base_url:
        app.add_middleware(PublicOriginMiddleware, base_url=settings.public_base_url)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.host_names())
    app.add_middleware(SecurityHeadersMiddleware, docs_path=DOCS_URL, tile_origin=settings.tile_origin())
    # Outside the security headers, which read the docs page's scripts from its uncompressed body.
    app.add_middleware(CompressionMiddleware, minimum_size=1024, compresslevel=6, exclude=NOT_COMPRESSED)
    # Outermost: X-Forwarded-Proto/-For are believed from MUSEUM_TRUSTED_PROXIES only, before anything reads them.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=sorted(settings.proxies()))
    app.mount("/static", CachedStaticFiles(directory=STATIC_DIR), name="static")
    app.add_route(DOCS_URL, _docs_page, name="swagger_ui_html", include_in_schema=False)
    app.add_route("/favicon.ico", _favicon, name="favicon", include_in_schema=False)
    app.state.worker = None
    routes.include_all(app, api_dependencies=[Security(BEARER)])
    return app


async def _docs_page(request: Request) -> HTMLResponse:
    """Swagger UI over the API's OpenAPI document, from the museum's own static files."""
    static = request.app.url_path_for
    root = request.scope.get("root_path", "").rstrip("/")
    return get_swagger_ui_html(
        openapi_url=root + request.app.openapi_url,
        title=f"{request.app.title} - Swagger UI",
        swagger_js_url=root + static("static", path="vendor/swagger-ui/swagger-ui-bundle.js"),
        swagger_css_url=root + static("static", path="vendor/swagger-ui/swagger-ui.css"),
        swagger_favicon_url=root + static("favicon"),
    )


async def _favicon(request: Request) -> FileResponse:
    """Browsers ask for /favicon.ico on every site, whatever the page links to."""
    return FileResponse(
        STATIC_DIR / "favicon.ico", media_type="image/x-icon", headers={"cache-control": f"public, max-age={ONE_DAY}"}
    )


def _start_worker(app: FastAPI, settings: Settings) -> BackgroundWorker | None:
    """Drain the job table from inside the web app unless a separate `museum worker` does it."""
    if not settings.run_worker:
        return None
    search_health.ensure_index(app.state.session_factory, app.state.search_index)
    context = JobContext(settings, app.state.search_index)
    worker = BackgroundWorker(app.state.session_factory, context, threads=settings.worker_threads)
    sealing.at_worker_start(app.state.session_factory, settings.sealed_check_minutes)
    worker.start()
    return worker
