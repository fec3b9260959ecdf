"""The metadata formats harvesters may ask for: prefix → namespace, schema and the writer of the metadata.

A format is one `Format` in `FORMATS`; a later one (EDM) is one more entry whose writer builds its element
from the same loaded item.
"""

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from app.agent.models import CREATOR_ROLES
from app.edm import graph as edm_graph
from app.item.kinds import PUBLISHED
from app.item.models import Item

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"

# Builds a URL of the app from a route name and its parameters (the views give request.url_for's, made absolute).
Link = Callable[..., str]


@dataclass(frozen=True)
class Format:
    """One metadata format: what ListMetadataFormats says of it and how a record's <metadata> is written."""

    prefix: str
    namespace: str
    schema: str
    write: Callable[[Item, Link], etree._Element]  # the item (credits, subjects, collections, place loaded)


# The DCMI Type of each kind (http://purl.org/dc/dcmitype/).
DCMI_TYPES = {
    "building": "PhysicalObject",
    "artwork": "PhysicalObject",
    "interview": "Sound",
    "photograph": "StillImage",
    "document": "Text",
    "object": "PhysicalObject",
    "memory": "Text",
}
CONTRIBUTOR_ROLES = ("contributor", "interviewer")  # credits of the public page; trainees' work is not listed


def oai_dc(item: Item, link: Link) -> etree._Element:
    """The item as simple Dublin Core."""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    _languages(root, "title", item.titles)
    for credit in item.credits:
        if credit.role in CREATOR_ROLES:
            _add(root, "creator", credit.agent.name)
        elif credit.role in CONTRIBUTOR_ROLES:
            _add(root, "contributor", credit.agent.name)
    for link_row in item.subject_links:
        _add(root, "subject", link_row.subject.name)
    _languages(root, "description", item.descriptions)
    _add(root, "date", item.date_text or _years(item))
    _add(root, "type", DCMI_TYPES.get(item.kind))
    _add(root, "type", item.dc_type)
    _add(root, "format", item.format)
    _add(root, "identifier", link("item.detail", identifier=item.identifier))
    _add(root, "language", item.language)
    _add(root, "rights", item.rights)
    _coverage(root, item)
    for collection_link in item.collection_links:
        if collection_link.collection.status == PUBLISHED:
            _add(root, "relation", link("collection.detail", slug=collection_link.collection.slug))
    return root


def _add(root: etree._Element, name: str, text: str | None, lang: str | None = None) -> None:
    if text and text.strip():
        element = etree.SubElement(root, f"{{{DC}}}{name}")
        element.text = _xml_text(text.strip())
        if lang:
            element.set(XML_LANG, lang)


def _languages(root: etree._Element, name: str, texts: dict[str, str] | None) -> None:
    for lang, text in sorted((texts or {}).items()):
        _add(root, name, text, lang)


def _years(item: Item) -> str | None:
    first, last = item.date_earliest, item.date_latest
    if first is None:
        return None
    return str(first) if last in (None, first) else f"{first}/{last}"


def _coverage(root: etree._Element, item: Item) -> None:
    if item.place is not None:
        names = item.place.names or {"fr": item.place.name}
        _languages(root, "coverage", names)


def _xml_text(text: str) -> str:
    """The text without the characters XML 1.0 cannot hold (a NUL the API accepted would break the response)."""
    return "".join(
        char
        for char in text
        if char in "\t\n\r" or ("\x20" <= char <= "\ud7ff") or ("\ue000" <= char <= "\ufffd") or char >= "\U00010000"
    )


def edm(item: Item, link: Link) -> etree._Element:
    """The item as EDM: the rdf:RDF element of its graph (app/edm/graph.py), as Europeana harvests it."""
    data = edm_graph.build(item, link).serialize(format="xml", encoding="utf-8")
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


FORMATS: dict[str, Format] = {
    "oai_dc": Format("oai_dc", OAI_DC, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", oai_dc),
    "edm": Format("edm", str(edm_graph.EDM), "http://www.europeana.eu/schemas/edm/EDM.xsd", edm),
}
