"""A page of the app made into a page of the copy: its links relative, what needs a server taken out.

Forms post to the server (language, login, contributions) and are removed, except the search box, which
goes to the copy's own search page; links to pages the copy leaves out are unwrapped into their text (or
their list entry removed), files it cannot carry are dropped with their element.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast
from urllib.parse import parse_qsl, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from app.sitecopy.paths import Target, relative, target

SEARCH_FILE = "search/index.html"
LINKING = ("href", "src", "poster", "data-src", "data-prefix")  # data-prefix: the zoom viewer's button images
Resolve = Callable[[Target], bool]  # True when the copy holds (or will hold) the target
Withheld = Callable[[str], bool]  # True for a record the copy leaves out with every mention of it
Inline = Callable[[str, str], str | None]  # an image service's info.json for a page, or None


@dataclass(frozen=True)
class Links:
    """What a page needs to know of the copy: the museum's host names, and its files."""

    hosts: set[str]
    resolve: Resolve
    withheld: Withheld
    iiif: Inline


class Page:
    """One HTML page being rewritten; `found` collects every target it links to."""

    def __init__(self, html: bytes, file: str, links: Links) -> None:
        self.doc: HtmlElement = lxml.html.document_fromstring(html)
        self.file = file
        self.hosts = links.hosts
        self.resolve = links.resolve
        self.withheld = links.withheld
        self.iiif = links.iiif
        self.found: list[Target] = []

    def rewrite(self) -> "Page":
        """Rewrite the whole document in place."""
        self._forms()
        for element in list(self.doc.iter(etree.Element)):
            self._element(element)
        for meta in elements(self.doc, "//meta[@name='csrf-token']"):
            meta.drop_tree()
        return self

    def html(self) -> bytes:
        """The page as UTF-8 HTML."""
        return lxml.html.tostring(self.doc, doctype="<!doctype html>", encoding="utf-8")

    def _forms(self) -> None:
        for form in elements(self.doc, "//form"):
            if self._internal_path(form.get("action", "")) == "/search":
                self._search_box(form)
            else:
                form.drop_tree()

    def _search_box(self, form: HtmlElement) -> None:
        form.set("action", relative(self.file, SEARCH_FILE))
        form.set("method", "get")
        for field in elements(form, ".//input[@data-suggest]"):
            for name in ("data-suggest", "data-suggest-label"):
                field.attrib.pop(name, "")

    def _element(self, element: HtmlElement) -> None:
        if element.getparent() is None and element.tag != "html":
            return  # already removed with an ancestor
        for name in LINKING:
            value = element.get(name)
            if value is not None and not self._link(element, name, value):
                return
        if element.get("data-iiif"):
            self._zoom(element)
        if self._needs_server(element):
            element.drop_tree()  # a script's endpoint the copy cannot answer (a tour's offline pack)
            return
        if element.get("srcset"):
            kept = self._srcset(element.get("srcset", ""))
            if kept:
                element.set("srcset", kept)
            else:
                element.attrib.pop("srcset")

    def _needs_server(self, element: HtmlElement) -> bool:
        for name, value in element.attrib.items():
            if name.startswith("data-") and name not in LINKING and value.startswith(("/", "http")):
                parts = urlsplit(value)
                if self._internal_path(value) is not None and target(parts.path, parts.query) is None:
                    return True
        return False

    def _zoom(self, element: HtmlElement) -> None:
        """The zoom viewer's image service, as the copy's level 0 tiles (inline, for pages opened from files)."""
        path = self._internal_path(element.get("data-iiif", ""))
        inline = self.iiif(path, self.file) if path else None
        if inline is None:
            element.attrib.pop("data-iiif")
        else:
            element.set("data-iiif", inline)

    def _link(self, element: HtmlElement, name: str, value: str) -> bool:
        """Rewrite one link; False when the element is gone."""
        parts = urlsplit(value)
        if self._internal_path(value) is None or (not parts.path and not parts.query):
            return True  # another site, or an anchor in this page
        if element.tag == "a" and parts.path == "/search" and {key for key, _ in parse_qsl(parts.query)} <= {"q"}:
            element.set(name, relative(self.file, SEARCH_FILE) + (f"?{parts.query}" if parts.query else ""))
            return True  # a suggested search: the copy's search page runs it
        found = target(parts.path, parts.query)
        if found is not None and self.resolve(found):
            self.found.append(found)
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            link = relative(self.file, found.file) if found.file != self.file else ""
            folder = "/" if parts.path.endswith("/") and link else ""  # a folder's prefix keeps its slash
            element.set(name, link + folder + fragment or "#")
            return True
        if found is not None and self.withheld(found.file):
            return self._withheld(element)
        return self._unavailable(element)

    def _withheld(self, element: HtmlElement) -> bool:
        """A sealed interview's card or list entry goes entirely: its title and number included."""
        entry = next(element.iterancestors("li"), None)
        (entry if entry is not None else element).drop_tree()
        return False

    def _unavailable(self, element: HtmlElement) -> bool:
        if element.tag != "a":
            element.drop_tree()
            return False
        parent = cast(HtmlElement | None, element.getparent())
        if parent is not None and parent.tag == "li" and len(parent) == 1 and not (parent.text or "").strip():
            parent.drop_tree()
            return False
        element.drop_tag()
        return False

    def _srcset(self, value: str) -> str:
        kept = []
        for candidate in value.split(","):
            url, _, width = candidate.strip().partition(" ")
            found = target(urlsplit(url).path, "") if self._internal_path(url) else None
            if found is not None and self.resolve(found):
                self.found.append(found)
                kept.append(f"{relative(self.file, found.file)} {width}".strip())
        return ", ".join(kept)

    def _internal_path(self, value: str) -> str | None:
        parts = urlsplit(value)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and parts.hostname not in self.hosts:
            return None
        return parts.path


def elements(root: HtmlElement, path: str) -> list[HtmlElement]:
    """The elements an XPath expression finds under `root`."""
    return cast(list[HtmlElement], root.xpath(path))
