"""Visiting exhibits: the list, an exhibit's cover page and its pages; the staff's preview of a draft.

The preview renders the same templates as the public pages, with the items in any state (the author
must see them) and a banner naming the ones not published yet.
"""

from fastapi import APIRouter, HTTPException, Request
from starlette.convertors import Convertor, register_url_convertor

from app.account.permissions import check
from app.exhibit import editing, rendering, service
from app.exhibit.citation import cite
from app.exhibit.models import Exhibit
from app.item.fields import ROLE_LABELS
from app.item.kinds import STATUS_LABELS
from app.plaque import visits as plaque_visits
from app.web.deps import SessionDep
from app.web.render import render

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
    """One page of an exhibit: its blocks, the table of contents, previous/next, a permanent link and a citation."""
    return _show(request, session, _published(session, slug), key, PUBLIC)


@router.get("/workspace/exhibits/{slug}/preview", name="workspace.exhibit_preview", include_in_schema=False)
def preview(request: Request, session: SessionDep, slug: str):
    """The cover page of an exhibit in any state, exactly as visitors will see it."""
    return _show(request, session, _any_state(request, session, slug), None, PREVIEW)


@router.get("/workspace/exhibits/{slug}/preview/{key}", name="workspace.exhibit_preview_page", include_in_schema=False)
def preview_page(request: Request, session: SessionDep, slug: str, key: str):
    """A page of an exhibit in any state, exactly as visitors will see it."""
    return _show(request, session, _any_state(request, session, slug), key, PREVIEW)


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


def _show(request: Request, session: SessionDep, exhibit: Exhibit, key: str | None, routes: tuple[str, str]):
    settings = request.app.state.settings
    keys = [key] if key is not None else []  # a page shows its own blocks' items; the cover page none
    resolved = rendering.resolve(session, exhibit, settings.media_dir, keys=keys, visitors_only=routes == PUBLIC)
    current = resolved.document.page(key) if key is not None else None
    if key is not None and current is None:
        raise HTTPException(404)
    permalink = _permalink(request, exhibit.slug, key)
    context = {
        "exhibit": exhibit,
        "resolved": resolved,
        "current": current,
        "routes": routes,
        "preview": routes == PREVIEW,
        "permalink": permalink,
        "citation": cite(exhibit, current, permalink, request.state.lang, settings.site_name),
        "role_labels": ROLE_LABELS,
        "status_labels": STATUS_LABELS,
    }
    return render(request, "exhibits/page.html" if current else "exhibits/detail.html", context)


def _permalink(request: Request, slug: str, key: str | None) -> str:
    """The public address of the exhibit or of one of its pages (the site's public address when it has one)."""
    params = {"slug": slug} | ({"key": key} if key else {})
    url = request.url_for("exhibit.page" if key else "exhibit.detail", **params)
    base = request.app.state.settings.public_base_url
    return base.rstrip("/") + url.path if base else str(url)
