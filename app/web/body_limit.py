"""How large a request body may be, per route: files up to the site's upload limit, any other form or JSON
body far less, so that nobody makes the server parse hundreds of megabytes of form fields.

`EarlyRefusalMiddleware` (app/account/csrf.py) compares a declared Content-Length with the route's limit
before the body is read; Starlette's RequestBodyLimitMiddleware (app/main.py) cuts a body that grows past
the site's upload limit without declaring its length.
"""

import re

from fastapi.routing import iter_route_contexts
from starlette.requests import Request
from starlette.routing import compile_path

# A form's text fields or an API item in JSON: the largest real ones are a few hundred kilobytes.
FORM_LIMIT = 4 * 1024 * 1024
UPLOAD_ROUTES = frozenset(
    {
        "contribution.submit",
        "contribution.resend",
        "workspace.media_upload",
        "api.media.create",
        "api.transcript.import",
        "interview.import",
        "workspace.tour_stop_add",
        "workspace.tour_stop_update",
    }
)


def route_limit(request: Request, upload_limit: int) -> int:
    """The most bytes the route this request goes to accepts."""
    path = request.scope["path"]
    return upload_limit if any(pattern.match(path) for pattern in _upload_paths(request.app)) else FORM_LIMIT


def declared_over(request: Request, upload_limit: int) -> int | None:
    """The route's limit, when the request declares a longer body; else None."""
    declared = request.headers.get("content-length", "")
    limit = route_limit(request, upload_limit)
    return limit if declared.isdigit() and int(declared) > limit else None


def _upload_paths(app) -> list[re.Pattern]:
    """The path patterns of the upload routes, found once per app."""
    found = app.__dict__.get("museum_upload_paths")
    if found is None:
        found = [
            compile_path(route.path_format)[0]
            for route in iter_route_contexts(app.routes)
            if route.name in UPLOAD_ROUTES and route.path_format is not None
        ]
        app.__dict__["museum_upload_paths"] = found
    return found
