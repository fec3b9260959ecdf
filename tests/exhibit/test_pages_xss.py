"""The hostile strings of the XSS test (tests/security/test_xss.py) in every text field of an exhibit and of every
block: the pages show them as text, and no element they make can run anything (the Chromium check is in
test_pages_browser.py)."""

import json

import pytest
from sqlalchemy import select

from app.exhibit.models import ExhibitAgent
from app.media.models import Media
from tests.factories import make_agent, make_exhibit, make_item
from tests.web.html import parse

HOSTILE = pytest.importorskip("tests.security.test_xss").HOSTILE
FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "srcdoc", "xlink:href")


def hostile_pages(text: str, a: str, b: str, moment: str) -> list[dict]:
    """A page whose every block carries `text` in each of its text fields (Markdown too)."""
    line = {"fr": text, "de": text}
    blocks = [
        {"type": "text", "body": {"fr": f"{text}\n\n[lien]({text}) *{text}*\n\n> {text}"}, "caption": line},
        {"type": "item", "item": a, "caption": line},
        {"type": "gallery", "items": [a, b], "caption": line},
        {"type": "zoom", "item": b, "caption": line},
        {"type": "compare", "before": a, "after": b, "before_label": line, "after_label": line, "caption": line},
        {"type": "quote", "text": line, "source": line, "item": a, "caption": line},
        {"type": "moment", "item": moment, "start": 0, "end": 6, "caption": line},
        {"type": "map", "items": [a, b], "caption": line},
        {"type": "timeline", "items": [a, b], "caption": line},
    ]
    return [{"key": "page", "titles": line, "blocks": blocks}, {"key": "suite", "titles": line, "blocks": []}]


def problems(html: str) -> list[str]:
    """What in a page could run: event handlers, forbidden URL schemes, inline scripts, frames and the like."""
    bad = []
    for element in parse(html).iter():
        for name, value in element.attrs.items():
            if name.startswith("on"):
                bad.append(f"{element.tag} {name}")
            cleaned = "".join(ch for ch in (value or "") if ch > " ").lower()
            # The one data: address the museum writes itself: a printed QR code, a PNG made on the server.
            qr_code = element.tag == "img" and "qr-code" in (element.get("class") or "").split()
            if name in URL_ATTRIBUTES and cleaned.startswith(FORBIDDEN_SCHEMES):
                if not (qr_code and cleaned.startswith("data:image/png;base64,")):
                    bad.append(f"{element.tag} {name}={value}")
        if element.tag in ("iframe", "object", "embed", "base", "math", "template"):
            bad.append(element.tag)
        if element.tag == "script" and element.get("type") == "application/ld+json":  # data, never run
            try:
                json.loads(element.text or "")
            except ValueError as error:
                bad.append(f"JSON-LD broken: {error}")
        elif element.tag == "script" and not element.get("src"):
            bad.append("inline script")
        if element.tag == "meta" and element.get("http-equiv"):
            bad.append("meta refresh")
    return bad


def test_hostile_text_in_every_field_and_block_stays_text(client, session, catalog, figures):
    image = session.scalars(select(Media).where(Media.item_id == catalog["a"].id)).one()
    for number, text in enumerate(HOSTILE):
        named = make_item(session, title=text, date_text=text)
        items = (named.identifier, catalog["a"].identifier, catalog["moment"].identifier)
        slug = f"hostile-{number}"
        exhibit = make_exhibit(
            session,
            pages=hostile_pages(text, *items),
            slug=slug,
            titles={"fr": text},
            summaries={"fr": text},
            tags=[text],
        )
        session.add(ExhibitAgent(exhibit_id=exhibit.id, agent_id=make_agent(session, text[:200]).id, role="creator"))
        image.alt_texts = {"fr": text}
        session.flush()
        for path in (f"/exhibits/{slug}", f"/exhibits/{slug}/page", f"/exhibits/{slug}/suite"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert problems(response.text) == [], (path, text)
            assert " ".join(text.split()) in " ".join(parse(response.text).text.split()), (path, text)
    assert problems(client.get("/exhibits").text) == []
    figures.append(f"exhibit pages: {len(HOSTILE)} hostile strings in every text field and block, nothing runs")
