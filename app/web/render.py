"""Rendering pages with what every page needs."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from app.config import LANGUAGES


def base_context(request: Request) -> dict:
    """Context every template gets: language, languages, site name, the logged-in user (or None)."""
    return {
        "current_user": getattr(request.state, "user", None),
        "lang": request.state.lang,
        "languages": LANGUAGES,
        "site_name": request.app.state.settings.site_name,
    }


def render(request: Request, template: str, context: dict | None = None, status_code: int = 200) -> HTMLResponse:
    """Render a page template."""
    return request.app.state.templates.TemplateResponse(request, template, context or {}, status_code=status_code)
