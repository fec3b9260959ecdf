"""The copy's search: a Pagefind index of the record pages, and a search page that uses it.

Pagefind's script loads its index with `fetch` and WebAssembly, which browsers refuse to pages opened from
`file://`; there the page falls back to `records.js`, a plain script listing each record's title and text
(the page's script folds their accents as it searches), so the search box also works on a USB key or a kiosk
without a server.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import etree

from app.sitecopy.crawl import Crawl
from app.sitecopy.rewrite import SEARCH_FILE, Links, Page, elements

ASSETS = Path(__file__).resolve().parent / "assets"
RECORDS = re.compile(r"^(items|collections|exhibits|tours)/[^/]+(/[^/]+)?/index\.html$")
TEXT = 1500  # characters of a record's text kept for the fallback search (10,000 records: about 15 MB)


def record(page: Page) -> list[str] | None:
    """Mark a record page for Pagefind and give its (file, title, text), or None for other pages."""
    if not RECORDS.match(page.file):
        return None
    main = next(iter(elements(page.doc, "//main")), None)
    if main is None:
        return None
    main.set("data-pagefind-body", "")
    headings = elements(main, ".//h1")
    title = headings[0].text_content().strip() if headings else page.file
    words = " ".join(main.xpath(".//text()[not(ancestor::nav) and not(ancestor::script)]")).split()
    return [page.file, title, " ".join(words)[:TEXT]]


def write_search_page(client: TestClient, crawl: Crawl, links: Links, records: list[list[str]]) -> None:
    """The search page: the app's own search page, with the results filled in by the copy's script."""
    response = client.get("/search")
    response.raise_for_status()
    page = Page(response.content, SEARCH_FILE, links).rewrite()
    box = elements(page.doc, "//main//form")[0]  # the results go right under the search box
    box.addnext(_results())
    page.doc.body.append(etree.Element("script", src="search.js", defer="defer"))
    folder = crawl.dest / "search"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_bytes(page.html())
    (folder / "search.js").write_bytes((ASSETS / "search.js").read_bytes())
    data = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    (folder / "records.js").write_text(f"window.museumRecords={data};\n", encoding="utf-8")


def _results() -> etree._Element:
    from app.i18n import gettext as _
    from app.i18n import ngettext

    section = etree.Element("section", id="static-search", hidden="hidden")
    section.set("aria-labelledby", "static-search-title")
    section.set("data-one", ngettext("%(num)s result", "%(num)s results", 1))
    section.set("data-many", ngettext("%(num)s result", "%(num)s results", 2))
    section.set("data-none", _("No item matches “%(words)s”."))
    heading = etree.SubElement(section, "h2", id="static-search-title")
    heading.text = _("Results")
    etree.SubElement(section, "p", {"class": "result-count", "role": "status"})
    etree.SubElement(section, "ol", {"class": "static-search-results"})
    return section


def build_index(dest: Path) -> None:
    """Index the record pages with Pagefind's own binary (shipped in the `pagefind[bin]` wheel)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(dest), "--keep-index-url", "--silent"]
    subprocess.run(command, check=True)
