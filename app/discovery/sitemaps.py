"""Sitemaps (sitemaps.org 0.9): an index, then files of at most `per_file` URLs, each URL with its alternates in
the four interface languages (`?lang=`, as base.html declares them) written with lxml's incremental writer."""

from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from typing import cast

from lxml import etree

from app.config import LANGUAGES
from app.discovery.http import w3c

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
PER_FILE = 50_000  # the protocol's limit of URLs per file
# lxml writes the None prefix as the default namespace (lxml-stubs only allow str keys, hence the cast).
NSMAP = cast(dict[str, str], {None: SITEMAP_NS, "xhtml": XHTML_NS})
DEFAULT = cast(dict[str, str], {None: SITEMAP_NS})


def index(files: Iterable[tuple[str, datetime | None]]) -> bytes:
    """The sitemap index listing each file's URL and latest change."""
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap=DEFAULT)
    for loc, lastmod in files:
        entry = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod is not None:
            etree.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = w3c(lastmod)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def urlset(urls: Iterable[tuple[str, datetime | None]]) -> bytes:
    """One sitemap file; the rows are consumed as they come, one <url> at a time."""
    out = BytesIO()
    with etree.xmlfile(out, encoding="UTF-8") as xml:
        xml.write_declaration()
        with xml.element(f"{{{SITEMAP_NS}}}urlset", nsmap=NSMAP):
            for loc, lastmod in urls:
                xml.write(_url(loc, lastmod))
    return out.getvalue()


def _url(loc: str, lastmod: datetime | None) -> etree._Element:
    url = etree.Element(f"{{{SITEMAP_NS}}}url", nsmap=NSMAP)
    etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = loc
    if lastmod is not None:
        etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = w3c(lastmod)
    for code, href in alternates(loc):
        etree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=code, href=href)
    return url


def alternates(loc: str) -> list[tuple[str, str]]:
    """The page in each interface language, and the language-free address as x-default."""
    joiner = "&" if "?" in loc else "?"
    return [(code, f"{loc}{joiner}lang={code}") for code in LANGUAGES] + [("x-default", loc)]


def file_count(total: int, per_file: int) -> int:
    """How many item files `total` URLs need (none for an empty catalog: a sitemap file may not be empty)."""
    return -(-total // per_file)
