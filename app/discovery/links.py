"""`Link` headers on the public pages of items, collections and exhibits: their JSON and IIIF alternates
(RFC 8288), added to a page's successful answer by route name, so harvesters find them without parsing HTML."""

from datetime import date

import anyio.to_thread
from fastapi import FastAPI
from sqlalchemy import exists, select
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.clock import utcnow
from app.discovery.service import public_items
from app.iiif.manifest import BODY_TYPES
from app.item.models import Item
from app.media.models import Media
from app.oai import public as oai_public

JSON = 'rel="alternate"; type="application/json"'
IIIF = 'rel="alternate"; type="application/ld+json;profile=\\"http://iiif.io/api/presentation/3/context.json\\""'
# The item's EDM graph (app/edm/): the page's answer is a 200 only when the item is public, as the graph is.
EDM_RDF = 'rel="alternate"; type="application/rdf+xml"; title="EDM"'
EDM_JSONLD = 'rel="alternate"; type="application/ld+json"; title="EDM"'
# page route -> [(alternate route, its parameter from the page's, the link's parameters)]
ALTERNATES = {
    "item.detail": [
        ("api.item", "identifier", JSON),
        ("iiif.manifest", "identifier", IIIF),
        ("edm.rdf", "identifier", EDM_RDF),
        ("edm.jsonld", "identifier", EDM_JSONLD),
    ],
    "collection.detail": [("api.collection", "slug", JSON)],
    "exhibit.detail": [("api.exhibit", "slug", JSON), ("iiif.exhibit", "slug", IIIF)],
}


class AlternateLinks:
    """Pure ASGI: reads the matched route when the page's answer starts."""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI) -> None:
        self.app = app
        self.fastapi_app = fastapi_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                links = await self.links(scope)
                if links:
                    MutableHeaders(scope=message).append("Link", ", ".join(links))
            await send(message)

        await self.app(scope, receive, sending)

    async def links(self, scope: Scope) -> list[str]:
        name = getattr(scope.get("route"), "name", "")
        found = []
        for target, param, attributes in ALTERNATES.get(name, []):
            value = scope.get("path_params", {}).get(param)
            if value is None or (target == "iiif.manifest" and not await self.has_manifest(value)):
                continue
            if target.startswith("edm.") and not await self.has_edm(value):
                continue  # a sealed interview's page is a notice: its details, and so its graph, are not public
            found.append(f"<{self.url(scope, target, **{param: value})}>; {attributes}")
        return found

    def url(self, scope: Scope, name: str, **params: str) -> str:
        settings = self.fastapi_app.state.settings
        path = self.fastapi_app.url_path_for(name, **params)
        if settings.public_base_url:
            return settings.public_base_url.rstrip("/") + path
        scheme = scope.get("scheme", "http")
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        return f"{scheme}://{host}{path}" if host else path

    async def has_manifest(self, identifier: str) -> bool:
        """Whether the item's manifest is public: published, details open, with images, sound or video."""
        return await anyio.to_thread.run_sync(_has_manifest, self.fastapi_app, identifier, utcnow().date())

    async def has_edm(self, identifier: str) -> bool:
        """Whether the item's EDM graph is public (the harvesters' rule, app/oai/public.py)."""
        return await anyio.to_thread.run_sync(_has_edm, self.fastapi_app, identifier, utcnow().date())


def _has_edm(app: FastAPI, identifier: str, today: date) -> bool:
    query = select(Item.id).where(Item.identifier == identifier, *oai_public.is_public(today))
    with app.state.session_factory() as session:
        return session.scalar(select(query.exists())) or False


def _has_manifest(app: FastAPI, identifier: str, today: date) -> bool:
    media = exists().where(Media.item_id == Item.id, Media.media_type.in_(tuple(BODY_TYPES)))
    query = public_items(today).with_only_columns(Item.id).where(Item.identifier == identifier, media)
    with app.state.session_factory() as session:
        return session.scalar(select(query.exists())) or False


def install(app: FastAPI) -> None:
    """Add the middleware (outermost of those added so far; it only reads the route and adds a header)."""
    app.add_middleware(AlternateLinks, fastapi_app=app)
