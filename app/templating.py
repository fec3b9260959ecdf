"""The one Jinja2 environment: autoescape on, gettext, and the museum's filters."""

from functools import lru_cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from starlette.datastructures import URL
from starlette.routing import NoMatchFound

from app import i18n
from app.account import csrf, passwords, permissions
from app.account.roles import ROLE_LABELS
from app.item import rights
from app.item.kinds import KINDS, KINDS_PLURAL
from app.localize import localized
from app.media.urls import derivative_url, srcset
from app.plaque.qr import qr_image, qr_svg, via_qr
from app.web.render import base_context
from app.web.static import versioned


@lru_cache(maxsize=4)
def make_templates(templates_dir: Path, reload: bool = False) -> Jinja2Templates:
    """Build the environment once per process and folder (it holds nothing of one app: every app of a process,
    such as the tests' one per test, shares the compiled templates); templates are read again when changed on
    disk only with `reload` (checking every template's file at every page costs a tenth of a search page)."""
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        auto_reload=reload,
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Added to the environment by the jinja2.ext.i18n extension, so Environment's own type does not declare it.
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        kind_name=lambda slug: str(KINDS.get(slug, slug)),
        kind_plural=lambda slug: str(KINDS_PLURAL.get(slug, slug)),
        rights_label=rights.label,
        duration=format_duration,
        iso_duration=format_iso_duration,
        number=format_number,
        filesize=format_filesize,
        distance=format_distance,
        century=format_century,
        language_label=language_label,
        without=without,
    )
    env.globals.update(
        get_language=i18n.get_language,
        language_name=i18n.language_name,
        localized=localized,
        derivative_url=derivative_url,
        srcset=srcset,
        csrf_input=csrf_input,
        csrf_token=csrf_token,
        account_roles=ROLE_LABELS,
        can=can,
        password_min_length=passwords.MIN_LENGTH,
        url_for=url_for,
        qr_svg=qr_svg,
        qr_image=qr_image,
        via_qr=via_qr,
    )
    return Jinja2Templates(env=env, context_processors=[base_context])


@pass_context
def csrf_input(context) -> str:
    """`{{ csrf_input() }}`: the hidden CSRF field every POST form carries."""
    return csrf.hidden_input(context["request"])


@pass_context
def csrf_token(context) -> str:
    """`{{ csrf_token() }}`: the bare token, for the page's `<meta name="csrf-token">`."""
    return csrf.token(context["request"])


@pass_context
def can(context, route_name: str) -> bool:
    """`{% if can("audit.list") %}`: whether the page's user may use that route (links to show or not)."""
    return permissions.may(context["request"], route_name)


@pass_context
def url_for(context, name: str, /, **path_params) -> URL:
    """Starlette's `url_for`, with the route found once per name and parameter names: FastAPI's own
    lookup walks every route of the app at each call (a third of the search page's rendering time).
    Static files get their version (app/web/static.py)."""
    request = context["request"]
    router = request.scope.get("router") or request.scope["app"]
    found = router.__dict__.setdefault("museum_url_routes", {})
    key = (name, frozenset(path_params))
    if key not in found:
        found[key] = _route_for(router, name, path_params)
    path = found[key].url_path_for(name, **path_params)
    # The site's address joined once per page: Starlette's make_absolute_url splits and joins it again at each call.
    if "museum_site" not in request.scope:
        request.scope["museum_site"] = str(request.base_url).rstrip("/")
    url = URL(request.scope["museum_site"] + path) if not path.host else path.make_absolute_url(request.base_url)
    return versioned(url, path_params["path"]) if name == "static" else url


def _route_for(router, name: str, path_params: dict):
    """The route that builds `name`'s URL, found as the router would (FastAPI: inside included routers)."""
    for route in _leaf_routes(router.routes):
        try:
            route.url_path_for(name, **path_params)
        except NoMatchFound:
            continue
        return route
    return router  # raises NoMatchFound, as Starlette's url_for does


def _leaf_routes(routes):
    for route in routes:
        if hasattr(route, "effective_route_contexts"):  # a FastAPI router included in the app
            yield from route.effective_route_contexts()
        else:
            yield route


def format_duration(seconds: int | None) -> str:
    """`1:02:03` or `31:35` for a duration in seconds."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_iso_duration(seconds: float) -> str:
    """ISO 8601 for `<time datetime>`: 65 -> `PT65S`, 65.25 -> `PT65.25S`."""
    return f"PT{round(seconds, 3):g}S"


def format_filesize(size: int) -> str:
    """`340 KB` or `12.5 MB`, with the current language's decimal sign."""
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)), locale=i18n.get_language())} KB"
    return f"{format_decimal(round(size / 1024 / 1024, 1), locale=i18n.get_language())} MB"


def format_distance(metres: float | None) -> str:
    """`350 m` under a kilometre (to 10 m), else `2.4 km`, with the current language's decimal sign."""
    if metres is None:
        return ""
    if metres < 995:
        return f"{int(round(metres, -1))} m"
    return f"{format_decimal(round(metres / 1000, 1), locale=i18n.get_language())} km"


def format_number(value: int) -> str:
    """A count with the grouping of the current language (12 345, 12.345, 12,345)."""
    if isinstance(value, int) and -1000 < value < 1000:  # nothing to group: skip Babel (a search page has ~100)
        return str(value)
    return format_decimal(value, locale=i18n.get_language())


def format_century(start_year: int) -> str:
    """`XXe siècle`, `20. Jahrhundert`, `20. Joerhonnert`, `20th century` for the century starting at `start_year`."""
    n = start_year // 100 + 1
    lang = i18n.get_language()
    if n < 1:
        return f"{start_year}–{start_year + 99}"
    # Ordinals are grammar, not vocabulary: gettext cannot express them, so each language is written here.
    if lang == "fr":
        return f"{_roman(n)}{'er' if n == 1 else 'e'} siècle"
    if lang == "de":
        return f"{n}. Jahrhundert"
    if lang == "lb":
        return f"{n}. Joerhonnert"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} century"


def _roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        count, n = divmod(n, value)
        out += letters * count
    return out


def language_label(code: str) -> str:
    """A language's name in the page's language (`allemand` on a French page)."""
    try:
        return Locale.parse(code).get_display_name(i18n.get_language()) or code
    except (ValueError, UnknownLocaleError):
        return code


def without(args: dict, *keys: str) -> dict:
    """A copy of query arguments without `keys`, for links that drop one filter."""
    return {key: value for key, value in args.items() if key not in keys}
