"""Atom 1.0 (RFC 4287) documents written with lxml: a feed and its entries, nothing personal in them (authors
are the credited agents a public page already names)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from lxml import etree

from app.discovery.http import w3c

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"
ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    """One record in a feed: its permanent URL is its id and its link."""

    url: str
    title: str
    updated: datetime
    published: datetime | None = None
    summary: str = ""
    language: str = "fr"
    authors: list[str] = field(default_factory=list)
    image: tuple[str, str] | None = None  # (URL, MIME type)


@dataclass(frozen=True)
class Feed:
    """A feed: its own URL (id and rel=self), the HTML page it follows, its title and entries."""

    url: str
    page_url: str
    title: str
    entries: list[Entry]
    updated: datetime
    language: str = "fr"


def document(feed: Feed) -> bytes:
    """The feed as UTF-8 XML."""
    root = etree.Element(_tag("feed"), nsmap=cast(dict[str, str], {None: ATOM_NS}))  # None: the default namespace
    root.set(XML_LANG, feed.language)
    _text(root, "id", feed.url)
    _text(root, "title", feed.title)
    _text(root, "updated", w3c(feed.updated))
    _link(root, "self", feed.url, "application/atom+xml")
    _link(root, "alternate", feed.page_url, "text/html")
    for entry in feed.entries:
        _entry(root, entry)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _entry(root: etree._Element, entry: Entry) -> None:
    element = etree.SubElement(root, _tag("entry"))
    element.set(XML_LANG, entry.language)
    _text(element, "id", entry.url)
    _text(element, "title", entry.title)
    _text(element, "updated", w3c(entry.updated))
    if entry.published is not None:
        _text(element, "published", w3c(entry.published))
    _link(element, "alternate", entry.url, "text/html")
    for name in entry.authors:
        _text(etree.SubElement(element, _tag("author")), "name", name)
    if entry.summary:
        _text(element, "summary", entry.summary)
    if entry.image is not None:
        _link(element, "enclosure", *entry.image)


def _tag(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _text(parent: etree._Element, name: str, value: str) -> None:
    etree.SubElement(parent, _tag(name)).text = _xml_safe(value)


def _link(parent: etree._Element, rel: str, href: str, media_type: str) -> None:
    etree.SubElement(parent, _tag("link"), rel=rel, href=href, type=media_type)


def _xml_safe(value: str) -> str:
    """Without the control characters XML 1.0 cannot carry (a title with a NUL is accepted by the API)."""
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)
