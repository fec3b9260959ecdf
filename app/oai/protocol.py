"""The six verbs: each builds its element of the response from the database (lxml), or raises OaiError."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.item.kinds import KINDS
from app.item.models import Item
from app.oai import arguments, public, service, tokens
from app.oai.errors import OaiError
from app.oai.formats import FORMATS, Link
from app.oai.models import OaiRecord

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
NAMESPACE = "villerupt.com"  # the repository identifier in every OAI identifier: oai:villerupt.com:2026-0001


@dataclass(frozen=True)
class Context:
    """What every verb may need: the session, now, the base URL, links, the signing key and the site's name."""

    session: Session
    now: datetime
    base_url: str
    link: Link
    key: str
    name: str
    email: str


def element(name: str, text: str | None = None, **attributes: str) -> etree._Element:
    """An element of the OAI namespace."""
    node = etree.Element(f"{{{OAI}}}{name}", attrib=attributes)
    if text is not None:
        node.text = text
    return node


def child(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A new last child of `parent`, of the OAI namespace."""
    node = element(name, text, **attributes)
    parent.append(node)
    return node


def stamp(moment: datetime) -> str:
    """A datestamp at the repository's granularity (seconds, UTC)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def oai_identifier(identifier: str) -> str:
    return f"oai:{NAMESPACE}:{identifier}"


def item_identifier(oai_id: str) -> str | None:
    prefix = f"oai:{NAMESPACE}:"
    return oai_id[len(prefix) :] if oai_id.startswith(prefix) else None


def identify(ctx: Context, _args: dict[str, str]) -> etree._Element:
    node = element("Identify")
    child(node, "repositoryName", ctx.name)
    child(node, "baseURL", ctx.base_url)
    child(node, "protocolVersion", "2.0")
    child(node, "adminEmail", ctx.email)
    earliest = service.earliest(ctx.session, ctx.now.date())
    child(node, "earliestDatestamp", stamp(earliest or ctx.now))
    child(node, "deletedRecord", "persistent")
    child(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")
    return node


def list_metadata_formats(ctx: Context, args: dict[str, str]) -> etree._Element:
    if "identifier" in args:
        _header_or_fail(ctx, args["identifier"])
    node = element("ListMetadataFormats")
    for found in FORMATS.values():
        entry = child(node, "metadataFormat")
        child(entry, "metadataPrefix", found.prefix)
        child(entry, "schema", found.schema)
        child(entry, "metadataNamespace", found.namespace)
    return node


def list_sets(ctx: Context, args: dict[str, str]) -> etree._Element:
    if "resumptionToken" in args:
        raise OaiError("badResumptionToken", "The list of sets is given whole.")
    node = element("ListSets")
    for collection in ctx.session.scalars(public.published_collections()):
        _set(node, f"collection:{collection.slug}", collection.titles.get("fr") or collection.slug)
    for kind, label in KINDS.items():
        _set(node, f"kind:{kind}", str(label))
    return node


def _set(parent: etree._Element, spec: str, name: str) -> None:
    entry = child(parent, "set")
    child(entry, "setSpec", spec)
    child(entry, "setName", name)


def get_record(ctx: Context, args: dict[str, str]) -> etree._Element:
    found = _format(args["metadataPrefix"])
    header = _header_or_fail(ctx, args["identifier"])
    node = element("GetRecord")
    _records(ctx, node, [header], found.prefix, with_metadata=True)
    return node


def _header_or_fail(ctx: Context, oai_id: str) -> service.Header:
    identifier = item_identifier(oai_id)
    header = service.header_of(ctx.session, identifier, ctx.now.date()) if identifier else None
    if header is None:
        raise OaiError("idDoesNotExist", "No such record in this repository.")
    return header


def _format(prefix: str):
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", "This metadata format is not offered.")
    return FORMATS[prefix]


def list_identifiers(ctx: Context, args: dict[str, str]) -> etree._Element:
    return _list(ctx, args, "ListIdentifiers", with_metadata=False)


def list_records(ctx: Context, args: dict[str, str]) -> etree._Element:
    return _list(ctx, args, "ListRecords", with_metadata=True)


def _list(ctx: Context, args: dict[str, str], verb: str, *, with_metadata: bool) -> etree._Element:
    position = _position(ctx, args, verb)
    query = _query(position)
    found = service.headers(ctx.session, query, ctx.now.date(), service.BATCH + 1)
    if not found:
        raise OaiError("noRecordsMatch", "No record matches these arguments.")
    batch = found[: service.BATCH]
    node = element(verb)
    _records(ctx, node, batch, position.prefix, with_metadata=with_metadata)
    if len(found) > len(batch) or "resumptionToken" in args:
        _token(ctx, node, position, query, batch[-1], more=len(found) > len(batch))
    return node


def _position(ctx: Context, args: dict[str, str], verb: str) -> tokens.Position:
    if "resumptionToken" in args:
        try:
            position = tokens.decode(args["resumptionToken"], ctx.key, ctx.now)
        except tokens.BadToken as error:
            raise OaiError("badResumptionToken", "This resumption token is invalid or has expired.") from error
        if position.verb != verb:
            raise OaiError("badResumptionToken", "This resumption token belongs to another verb.")
        return position
    _format(args["metadataPrefix"])
    return tokens.Position(
        verb, args["metadataPrefix"], args.get("set"), args.get("from"), args.get("until"), "", 0, ""
    )


def _query(position: tokens.Position) -> service.Query:
    window = arguments.window(position.start, position.until)
    after = (datetime.fromisoformat(position.stamp), position.last_id) if position.stamp else None
    return service.Query(position.set, window.start, window.end, after)


def _token(ctx: Context, node, position: tokens.Position, query: service.Query, last, *, more: bool) -> None:
    through = (last.stamp, last.item_id)
    total = service.count(ctx.session, service.Query(query.set, query.start, query.end), ctx.now.date())
    cursor = service.count(ctx.session, service.Query(query.set, query.start, query.end), ctx.now.date(), through)
    sent = cursor - len(node)
    if not more:
        child(node, "resumptionToken", completeListSize=str(total), cursor=str(max(sent, 0)))
        return
    expires = ctx.now + tokens.LIFETIME
    following = tokens.Position(
        position.verb,
        position.prefix,
        position.set,
        position.start,
        position.until,
        last.stamp.isoformat(),
        last.item_id,
        expires.isoformat(),
    )
    child(
        node,
        "resumptionToken",
        tokens.encode(following, ctx.key),
        expirationDate=stamp(expires),
        completeListSize=str(total),
        cursor=str(max(sent, 0)),
    )


def _records(ctx: Context, node, headers: list[service.Header], prefix: str, *, with_metadata: bool) -> None:
    sets = _sets(ctx.session, headers)
    items = service.items(ctx.session, [h.item_id for h in headers if not h.deleted]) if with_metadata else {}
    for header in headers:
        parent = child(node, "record") if with_metadata else node
        _header(parent, header, sets[header.item_id])
        if with_metadata and not header.deleted:
            metadata = child(parent, "metadata")
            metadata.append(FORMATS[prefix].write(items[header.item_id], ctx.link))


def _header(parent, header: service.Header, sets: list[str]) -> None:
    node = child(parent, "header", status="deleted") if header.deleted else child(parent, "header")
    child(node, "identifier", oai_identifier(header.identifier))
    child(node, "datestamp", stamp(header.stamp))
    for spec in sets:
        child(node, "setSpec", spec)


def _sets(session: Session, headers: list[service.Header]) -> defaultdict[int, list[str]]:
    found: defaultdict[int, list[str]] = defaultdict(list)
    live = [h.item_id for h in headers if not h.deleted]
    gone = [h.item_id for h in headers if h.deleted]
    collections = defaultdict(list)
    for item_id, slug in session.execute(public.collection_slugs(live)):
        collections[item_id].append(slug)
    for item_id, kind in session.execute(select(Item.id, Item.kind).where(Item.id.in_(live))):
        found[item_id] = public.set_specs(kind, collections[item_id])
    for item_id, specs in session.execute(select(OaiRecord.item_id, OaiRecord.sets).where(OaiRecord.item_id.in_(gone))):
        found[item_id] = specs.split()
    return found


VERBS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
