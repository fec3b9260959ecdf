"""The visitor's remembered interface language: one cookie, set when they choose and kept when they log in."""

from starlette.responses import Response

from app.config import LANGUAGES
from app.i18n import LANGUAGE_COOKIE

ONE_YEAR = 365 * 24 * 3600


def remember(response: Response, lang: str) -> None:
    """Make `lang` the language of the visitor's next pages (a language the site does not offer is ignored)."""
    if lang in LANGUAGES:
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=ONE_YEAR, httponly=True, samesite="lax")
