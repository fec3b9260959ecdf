"""GET and POST /oai: one OAI-PMH response per request, always HTTP 200 with the protocol's own errors.

The protocol lets harvesters send the same read-only request by POST (form-encoded). POST goes through the
app-wide guard like every write: it needs the CSRF token of a page of this site, or an API token
(`Authorization: Bearer`); harvesters without one use GET, which every harvester supports.
"""

import re
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from lxml import etree
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.oai import arguments, protocol
from app.oai.errors import OaiError
from app.web.deps import FormDep, SessionDep

router = APIRouter(include_in_schema=False)  # XML for harvesters, not the JSON API
EMAIL = re.compile(r"\S+@(\S+\.)+\S+")
MEDIA_TYPE = "text/xml; charset=utf-8"


@router.get("/oai", name="oai.endpoint")
def endpoint(request: Request, session: SessionDep) -> Response:
    """The OAI-PMH 2.0 repository of the public records (Identify says how to harvest it)."""
    pairs = parse_qsl(request.url.query, keep_blank_values=True)
    return Response(respond(_context(request, session), pairs), media_type=MEDIA_TYPE)


@router.post("/oai", name="oai.endpoint_post")
def endpoint_post(request: Request, session: SessionDep, form: FormDep) -> Response:
    """The same repository asked by POST (application/x-www-form-urlencoded)."""
    pairs = [(key, value) for key, value in form.multi_items() if key != "csrf_token" and isinstance(value, str)]
    return Response(respond(_context(request, session), pairs), media_type=MEDIA_TYPE)


def respond(ctx: protocol.Context, pairs: list[tuple[str, str]]) -> bytes:
    """The response document to these arguments."""
    # The OAI namespace as the default one (None), which lxml accepts and its stubs do not declare.
    namespaces = {None: protocol.OAI, "xsi": protocol.XSI}
    root = etree.Element(f"{{{protocol.OAI}}}OAI-PMH", nsmap=namespaces)  # type: ignore[arg-type]
    root.set(f"{{{protocol.XSI}}}schemaLocation", protocol.SCHEMA)
    protocol.child(root, "responseDate", protocol.stamp(ctx.now))
    request = protocol.child(root, "request", ctx.base_url)
    try:
        verb = arguments.verb_of(pairs)
        args = arguments.checked(verb, pairs)
        for key, value in {"verb": verb, **args}.items():
            request.set(key, value)
        root.append(protocol.VERBS[verb](ctx, args))
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):  # the request's attributes are then left out
            request.attrib.clear()
        protocol.child(root, "error", error.message, code=error.code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _context(request: Request, session: Session) -> protocol.Context:
    settings = request.app.state.settings
    base = settings.public_base_url.rstrip("/")

    def link(name: str, **params: str) -> str:
        path = request.url_for(name, **params)
        return base + path.path if base else str(path)

    return protocol.Context(
        session,
        utcnow(),
        link("oai.endpoint"),
        link,
        settings.resolved_secret_key(),
        settings.site_name,
        _email(settings),
    )


def _email(settings) -> str:
    """The contact address Identify must give (a valid one: `mail_from` unless it is a local address)."""
    return settings.mail_from if EMAIL.fullmatch(settings.mail_from) else "museum@villerupt.com"
