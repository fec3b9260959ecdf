"""Visiting exhibits: the list, an exhibit's cover page and its pages; the staff's preview of a draft.

The preview renders the same templates as the public pages, with the items in any state (the author
must see them) and a banner naming the ones not published yet.
"""

import secrets
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.convertors import Convertor, register_url_convertor

from app.account import csrf
from app.account.permissions import check
from app.clock import utcnow
from app.exhibit import editing, pagecache, rendering, service
from app.exhibit.citation import cite
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.item.fields import ROLE_LABELS
from app.item.kinds import STATUS_LABELS
from app.localize import localized
from app.media.store import store_of
from app.plaque import visits as plaque_visits
from app.web.deps import SessionDep, done_reading
from app.web.render import base_context, render

router = APIRouter()
PUBLIC = ("exhibit.detail", "exhibit.page")
PREVIEW = ("workspace.exhibit_preview", "workspace.exhibit_preview_page")


class SlugConvertor(Convertor[str]):
    """An exhibit's slug: no dot, so that `/exhibits/{slug}.pdf` stays the printed booklet's address."""

    regex = "[a-z0-9]+(?:-[a-z0-9]+)*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("exhibit_slug", SlugConvertor())


@router.get("/exhibits", name="exhibit.list")
def exhibit_list(request: Request, session: SessionDep):
    """The published exhibits, the last published first: cover, summary and credits."""
    exhibits = service.published(session)
    context = {"exhibits": exhibits, "covers": rendering.covers_shown(session, exhibits), "role_labels": ROLE_LABELS}
    return render(request, "exhibits/list.html", context)


@router.get("/exhibits/{slug:exhibit_slug}", name="exhibit.detail", dependencies=[plaque_visits.COUNTED])
def detail(request: Request, session: SessionDep, slug: str):
    """An exhibit's cover page: title, summary, cover, credits, tags and its table of contents."""
    return _show(request, session, _published(session, slug), None, PUBLIC)


@router.get("/exhibits/{slug:exhibit_slug}/{key}", name="exhibit.page", dependencies=[plaque_visits.COUNTED])
def page(request: Request, session: SessionDep, slug: str, key: str):
    """One page of an exhibit: its blocks, the table of contents, previous/next, a permanent link and a citation;
    its body is written once per change of what it shows (app/exhibit/pagecache.py)."""
    found = pagecache.version(session, slug)
    if found is None:
        raise HTTPException(404)
    today = utcnow().date()
    version = (*found, key, request.state.lang, str(request.base_url), today)
    kept = request.app.state.exhibit_pages

    def shown() -> pagecache.Shown:
        return kept.get(version, lambda: _page(request, session, _published(session, slug), key, PUBLIC, today))

    if not _for_visitor(request):
        return render(request, "exhibits/page.html", {"shown": shown()})
    whole = kept.get(("whole", *version), lambda: _whole(request, shown()))
    done_reading(session)
    return HTMLResponse(whole.fill(csrf.token(request)))


def _for_visitor(request: Request) -> bool:
    """Whether the page may be the visitors' whole page: no one logged in, and an address without a query (whose
    words the page's language links repeat)."""
    return request.state.user is None and not request.scope.get("query_string")


def _whole(request: Request, shown: pagecache.Shown) -> pagecache.Whole:
    """The page as `render` writes it, with a placeholder where the browser's CSRF token goes (the same 64 hex
    digits, so escaping leaves both alike)."""
    placeholder = secrets.token_hex(32)
    state = request.scope.setdefault("state", {})
    state["csrf_token"] = placeholder
    try:
        template = request.app.state.templates.get_template("exhibits/page.html")
        page = template.render({"shown": shown, "request": request} | base_context(request))
    finally:
        del state["csrf_token"]
    return pagecache.Whole.cut(page, placeholder)


@router.get("/workspace/exhibits/{slug}/preview", name="workspace.exhibit_preview", include_in_schema=False)
def preview(request: Request, session: SessionDep, slug: str):
    """The cover page of an exhibit in any state, exactly as visitors will see it."""
    return _show(request, session, _any_state(request, session, slug), None, PREVIEW)


@router.get("/workspace/exhibits/{slug}/preview/{key}", name="workspace.exhibit_preview_page", include_in_schema=False)
def preview_page(request: Request, session: SessionDep, slug: str, key: str):
    """A page of an exhibit in any state, exactly as visitors will see it."""
    shown = _page(request, session, _any_state(request, session, slug), key, PREVIEW, utcnow().date())
    return render(request, "exhibits/page.html", {"shown": shown})


def _published(session: SessionDep, slug: str) -> Exhibit:
    exhibit = service.get_published(session, slug)
    if exhibit is None:
        raise HTTPException(404)
    return exhibit


def _any_state(request: Request, session: SessionDep, slug: str) -> Exhibit:
    exhibit = editing.load(session, slug)
    if exhibit is None:
        raise HTTPException(404)
    check(request, exhibit.status)
    return exhibit


def _show(request: Request, session: SessionDep, exhibit: Exhibit, key: None, routes: tuple[str, str]):
    """An exhibit's cover page: no blocks, so its items are not read."""
    settings = request.app.state.settings
    resolved = rendering.resolve(session, exhibit, store_of(settings), keys=[], visitors_only=routes == PUBLIC)
    context = _context(request, exhibit, resolved, None, routes) | {"status_labels": STATUS_LABELS}
    return render(request, "exhibits/detail.html", context)


def _page(
    request: Request, session: SessionDep, exhibit: Exhibit, key: str, routes: tuple[str, str], today: date
) -> pagecache.Shown:
    """A page of the exhibit, written out: its title, address and body (404 when it has no such page)."""
    settings = request.app.state.settings
    resolved = rendering.resolve(
        session, exhibit, store_of(settings), keys=[key], visitors_only=routes == PUBLIC, today=today
    )
    current = resolved.document.page(key)
    if current is None:
        raise HTTPException(404)
    context = _context(request, exhibit, resolved, current, routes, today) | {"status_labels": STATUS_LABELS}
    templates = request.app.state.templates
    body = templates.get_template("exhibits/_page_body.html").render(base_context(request) | context)
    lang = request.state.lang
    pages = resolved.document.pages
    title = localized(exhibit.titles, exhibit.language, lang)
    page_title = localized({str(k): v for k, v in current.titles.items()}, exhibit.language, lang)
    label = page_title.value if page_title else _("Page {number}").format(number=pages.index(current) + 1)
    return pagecache.Shown(
        title=f"{label} · {title.value if title else exhibit.slug}",
        permalink=context["permalink"],
        zoom=any(block.type == "zoom" for block in current.blocks),
        map=any(block.type == "map" for block in current.blocks),
        body=Markup(body),  # noqa: S704  (written by the autoescaping templates)
    )


def _context(
    request: Request, exhibit: Exhibit, resolved, current, routes: tuple[str, str], today: date | None = None
) -> dict:
    permalink = _permalink(request, exhibit.slug, current.key if current else None)
    site_name = request.app.state.settings.site_name
    return {
        "request": request,
        "exhibit": exhibit,
        "resolved": resolved,
        "current": current,
        "routes": routes,
        "preview": routes == PREVIEW,
        "permalink": permalink,
        "citation": cite(exhibit, current, permalink, request.state.lang, site_name, today),
        "role_labels": ROLE_LABELS,
    }


def _permalink(request: Request, slug: str, key: str | None) -> str:
    """The public address of the exhibit or of one of its pages (the site's public address when it has one)."""
    params = {"slug": slug} | ({"key": key} if key else {})
    url = request.url_for("exhibit.page" if key else "exhibit.detail", **params)
    base = request.app.state.settings.public_base_url
    return base.rstrip("/") + url.path if base else str(url)
