"""Error responses: HTML pages for people, JSON problem details (RFC 9457) for the API."""

import logging
from http.client import responses as STATUS_PHRASES

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from app.headers import secure
from app.i18n import gettext as _
from app.i18n import language

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


class DomainError(Exception):
    """A refusal a service states in the visitor's words; the web layer answers it with `status`."""

    status = 400

    def __init__(self, message: str = "", status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Login required"),
        403: _("Not allowed"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        413: _("Content too large"),
        422: _("Invalid input"),
        429: _("Too many attempts"),
        500: _("Internal error"),
    }


def problem(status: int, detail: str, **extra) -> JSONResponse:
    """A problem-details response with a title for the status and a human detail."""
    body = {"type": "about:blank", "title": _titles().get(status, _("Error")), "status": status, "detail": detail}
    return JSONResponse(body | extra, status_code=status, media_type=PROBLEM_JSON)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_page(request: Request, status: int, detail: str) -> Response:
    """The HTML error page, or a problem for the API."""
    if wants_json(request):
        return problem(status, detail)
    if getattr(request.state, "lang", None) is None:
        request.state.lang = request.app.state.settings.default_language
    templates = request.app.state.templates
    if status == 401:
        return _login_page(request, detail)
    template = "errors/404.html" if status == 404 else "errors/500.html" if status >= 500 else "errors/400.html"
    context = {"status": status, "title": _titles().get(status, _("Error")), "detail": detail}
    return templates.TemplateResponse(request, template, context, status_code=status)


def _login_page(request: Request, detail: str) -> Response:
    """A page that needs an account answers with the login form, coming back here afterwards."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    context = {
        "title": _("Log in"),
        "notice": detail,
        "next": target if request.method == "GET" else "/",
        "values": {},
        "errors": {},
    }
    return request.app.state.templates.TemplateResponse(request, "account/login.html", context, status_code=401)


async def http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code == 413:
        detail = too_large(request.app.state.settings.max_upload_bytes)
    elif _unreadable_body(exc):
        detail = _(
            "The data sent could not be read: it is malformed, or has too many fields or files. Reload "
            "the page and send it again."
        )
    else:
        detail = _detail(exc)
    response = error_page(request, exc.status_code, detail)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


def _unreadable_body(exc: HTTPException) -> bool:
    """A form or JSON body the parsers refused: their messages are in English only."""
    return isinstance(exc.__context__, MultiPartException) or exc.detail == "There was an error parsing the body"


def too_large(max_bytes: int) -> str:
    """The message for a file or body over the site's limit."""
    return _("The file is larger than the {size} MB this site accepts.").format(
        size=round(max_bytes / (1024 * 1024), 1)
    )


def _detail(exc: HTTPException) -> str:
    """The app's own detail, else a sentence in the visitor's language for Starlette's English status phrase."""
    if not isinstance(exc.detail, str):
        return str(exc.detail)
    if exc.detail != STATUS_PHRASES.get(exc.status_code):
        return exc.detail
    defaults = {
        404: _("There is nothing at this address. It may have moved, or it is not public."),
        405: _(
            "This address only receives what a form or a program sends: open the page that leads to it "
            "and use its buttons."
        ),
    }
    return defaults.get(exc.status_code, _titles().get(exc.status_code, _("Error")))


async def domain_error(request: Request, exc: DomainError) -> Response:
    # The same page or problem an HTTPException with this status and message gets.
    return error_page(request, exc.status, str(exc) or _titles().get(exc.status, _("Error")))


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    messages = [_describe(error) for error in exc.errors()]
    detail = " ".join(messages)
    if wants_json(request):
        return problem(400, detail, errors=messages)
    return error_page(request, 400, detail)


def _describe(error: dict) -> str:
    name = ".".join(str(part) for part in error.get("loc", ())[1:]) or _("input")
    return _("The value of “{name}” is not valid: {reason}.").format(name=name, reason=_reason(error))


def _reason(error: dict) -> str:
    """The validation failure in the visitor's language, for the failures query strings produce."""
    limits = error.get("ctx") or {}
    reasons = {
        "int_parsing": _("it must be a whole number"),
        "int_from_float": _("it must be a whole number"),
        "greater_than_equal": _("it must be at least {limit}").format(limit=limits.get("ge")),
        "less_than_equal": _("it must be at most {limit}").format(limit=limits.get("le")),
        "missing": _("it is required"),
        "string_too_long": _("it is too long"),
        "string_type": _("it must be text"),
        "extra_forbidden": _("there is no such field"),
        "json_invalid": _("the body is not valid JSON"),
        "dict_type": _("it must be a JSON object ({...})"),
        "model_attributes_type": _("it must be a JSON object ({...})"),
    }
    return reasons.get(error.get("type", ""), error.get("msg", "").rstrip("."))  # the sentence ends after it


async def server_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s", request.url.path, exc_info=exc)
    # Starlette answers unhandled errors outside every middleware, so the language is set again here.
    with language(getattr(request.state, "lang", None) or request.app.state.settings.default_language):
        response = error_page(
            request, 500, _("Something went wrong on our side. The team has been told; please try again later.")
        )
    # Starlette sends this response from outside the middleware that adds the security headers.
    secure(response.headers)
    return response


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    # Starlette types every handler as taking any Exception, though it calls each with the class it is registered for.
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(DomainError, domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, server_error)
