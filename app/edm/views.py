"""An item as EDM (RDF/XML and JSON-LD) for Europeana and linked-data clients, and the workspace's list of items
by Europeana tier."""

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.edm import graph as edm_graph
from app.edm import service
from app.i18n import gettext as _
from app.item.kinds import STATUS_LABELS
from app.pagination import PageNumber
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
FORMATS = {"rdf": ("xml", "application/rdf+xml"), "jsonld": ("json-ld", "application/ld+json")}


def link_maker(request: Request) -> edm_graph.Link:
    """Absolute URLs of the app's routes, on the public base URL when one is set (as the OAI repository's)."""
    base = request.app.state.settings.public_base_url.rstrip("/")

    def link(name: str, **params: str) -> str:
        url = request.url_for(name, **params)
        return base + url.path if base else str(url)

    return link


def _serialised(request: Request, session: Session, identifier: str, kind: str) -> Response:
    item = service.get_public(session, identifier, utcnow().date())
    if item is None:
        raise HTTPException(404)
    graph = edm_graph.build(item, link_maker(request), request.app.state.settings.site_name)
    rdf_format, media_type = FORMATS[kind]
    headers = {"Access-Control-Allow-Origin": "*"}
    return Response(graph.serialize(format=rdf_format, encoding="utf-8"), media_type=media_type, headers=headers)


@router.get("/items/{identifier}/edm.rdf", name="edm.rdf")
def item_rdf(request: Request, session: SessionDep, identifier: str) -> Response:
    """The public item as EDM in RDF/XML (what Europeana ingests)."""
    return _serialised(request, session, identifier, "rdf")


@router.get("/items/{identifier}/edm.jsonld", name="edm.jsonld")
def item_jsonld(request: Request, session: SessionDep, identifier: str) -> Response:
    """The public item as EDM in JSON-LD."""
    return _serialised(request, session, identifier, "jsonld")


def _choice(value: str | None, allowed: tuple, convert=str):
    """A filter's value: None for "any"; ValueError when it is none of the tiers."""
    if value in (None, ""):
        return None
    converted = convert(value) if value.isascii() and value.isalnum() else None
    if converted not in allowed:
        raise ValueError(value)
    return converted


@router.get("/workspace/europeana", name="edm.catalog")
def catalog(request: Request, session: SessionDep, page: PageNumber = 1, content: str = "", metadata: str = ""):
    """Every item with its Europeana tiers, filtered by content tier and metadata tier."""
    try:
        wanted = _choice(content, service.CONTENT_TIERS, int), _choice(metadata.upper(), service.METADATA_TIERS)
    except ValueError:
        error = _("Choose a content tier from 0 to 4 and a metadata tier among 0, A, B and C.")
        context = {"page": None, "content": None, "metadata": None, "error": error, **_choices()}
        return render(request, "edm/catalog.html", context, status_code=400)
    found = service.by_tier(session, wanted[0], wanted[1], page, PER_PAGE)
    if page > found.pages:
        raise HTTPException(404)
    context = {"page": found, "content": wanted[0], "metadata": wanted[1], "error": None, **_choices()}
    return render(request, "edm/catalog.html", context)


def _choices() -> dict:
    return {"content_tiers": service.CONTENT_TIERS, "metadata_tiers": service.METADATA_TIERS, "statuses": STATUS_LABELS}
