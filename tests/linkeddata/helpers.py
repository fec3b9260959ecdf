"""Reading a page's JSON-LD back as a consumer would: the script element, json.loads, then pyld's expansion with
schema.org's context served from tests/fixtures (nothing is downloaded)."""

import json
import re
from functools import cache
from pathlib import Path

from pyld import jsonld

SCHEMA = "http://schema.org/"
CONTEXT_FILE = Path(__file__).parents[1] / "fixtures" / "schemaorg" / "jsonldcontext.json"
CONTEXT_URLS = ("https://schema.org", "http://schema.org", "https://schema.org/docs/jsonldcontext.json")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@cache
def _context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def offline_loader(url: str, options=None) -> dict:
    """pyld's document loader: schema.org's context from the shipped file; any other address is refused."""
    if url.rstrip("/") not in CONTEXT_URLS:
        raise AssertionError(f"the test tried to download {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _context()}


def scripts(html: str) -> list[str]:
    """The text of every JSON-LD script element of a page."""
    return SCRIPT.findall(html)


def page_data(client, path: str) -> dict:
    """The one JSON-LD object of the page at `path`, parsed."""
    response = client.get(path)
    assert response.status_code == 200, path
    found = scripts(response.text)
    assert len(found) == 1, found
    return json.loads(found[0])


def expand(data: dict) -> dict:
    """The one top-level node of `data` expanded (full IRIs, values as {"@value", "@language"})."""
    expanded = jsonld.expand(data, {"documentLoader": offline_loader})
    assert len(expanded) == 1
    return expanded[0]


def prop(node: dict, name: str) -> list:
    """The expanded values of schema.org property `name`."""
    return node.get(SCHEMA + name, [])


def tagged(node: dict, name: str) -> set[tuple[str, str]]:
    """{(value, language)} of a language-tagged schema.org property."""
    return {(value["@value"], value.get("@language", "")) for value in prop(node, name)}


def ids(node: dict, name: str) -> list[str]:
    """The IRIs a schema.org property points to."""
    return [value["@id"] for value in prop(node, name)]
