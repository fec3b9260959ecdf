"""The hostile strings of the XSS test (tests/security/test_xss.py) typed into every text field of the exhibit's
forms and of every block's form: stored as text, shown as text on every workspace page, and nothing they make
could run (the same element check as the visitors' pages; test_workspace_browser.py runs some in Chromium)."""

import pytest

from app.exhibit import blocks, editing
from app.exhibit.publishing import EXHIBIT
from app.publishing import revisions
from tests.exhibit.forms import post
from tests.exhibit.test_pages_xss import problems
from tests.factories import form, login, make_item
from tests.web.html import parse

HOSTILE = pytest.importorskip("tests.security.test_xss").HOSTILE


def block_forms(text: str, a: str, b: str) -> list[dict]:
    """One block of every type as its form sends it, `text` in each of its texts in two languages."""
    line = {"caption_fr": text, "caption_de": text}
    return [
        {"type": "text", "body_fr": f"{text}\n\n[lien]({text}) *{text}*\n\n> {text}", "body_lb": text},
        {"type": "item", "item": a},
        {"type": "gallery", "items": f"{a}\n{b}"},
        {"type": "zoom", "item": b, "image": "1", "x": "0", "y": "0", "w": "50", "h": "50"},
        {"type": "compare", "before": a, "after": b, "before_label_fr": text, "after_label_en": text},
        {"type": "quote", "text_fr": text, "text_de": text, "source_fr": text, "item": a},
        {"type": "moment", "item": b, "start": "0", "end": "6", "part": "1"},
        {"type": "map", "items": f"{a}, {b}"},
        {"type": "timeline", "items": f"{b} {a}"},
    ], line


def build(client, session, number: int, text: str, a: str, b: str):
    """An exhibit whose every text field, page title and block text is `text`, made through the forms."""
    values = {
        "slug": f"hostile-{number}",
        "language": "fr",
        "title_fr": f"Titre {text}",
        "title_de": text,
        "summary_fr": text,
        "summary_lb": text,
        "tags": f"mot {text}".replace(",", " "),
        "credit_role": ["creator"],
        "credit_name": [f"Nom {text}"],
    }
    assert client.post("/workspace/exhibits", data=form(client, **values), follow_redirects=False).status_code == 303
    exhibit = editing.load(session, f"hostile-{number}")

    def latest() -> str:
        return str(revisions.latest_number(session, EXHIBIT, exhibit.id))

    base = f"/workspace/exhibits/{exhibit.slug}"
    assert post(client, f"{base}/pages", revision=latest(), title_fr="page", title_en=text).status_code == 303
    found, line = block_forms(text, a, b)
    for values in found:
        response = post(client, f"{base}/pages/page/blocks", revision=latest(), at="99", width="wide", **values, **line)
        assert response.status_code == 303, (values["type"], parse(response.text).find_all(class_="field-error"))
    return exhibit


def check(client, path: str, text: str, shown: bool = True, status: int = 200) -> list[str]:
    response = client.get(path)
    assert response.status_code == status, path
    if shown and text.strip() and "<" in text:
        visible = text.replace("\u200b", "").replace("\ufeff", "").strip().split()[0]
        assert visible in parse(response.text).text.replace("\u200b", ""), (path, text)
    return [f"{path}: {problem}" for problem in problems(response.text)]


def test_hostile_text_through_every_form_stays_text(client, session, curator, figures):
    a = make_item(session, identifier="XSS-A").identifier
    b = make_item(session, identifier="XSS-B", kind="interview").identifier
    login(client, curator)
    found: list[str] = []
    loads = 0
    for number, text in enumerate(HOSTILE):
        exhibit = build(client, session, number, text, a, b)
        document = blocks.load(exhibit.document)
        assert exhibit.summaries["lb"] == text.strip() and document.pages[0].titles["en"] == text.strip()
        assert document.pages[0].blocks[5].text["de"] == text.strip()
        base = f"/workspace/exhibits/{exhibit.slug}"
        paths = [base, f"{base}/history", f"{base}/pages/page"]
        paths += [f"{base}/pages/page/blocks/{n}" for n in range(9)] if number % 5 == 0 else []
        for path in paths:
            found += check(client, path, text, shown=not path.endswith("/blocks/1"))
            loads += 1
        # A hostile identifier comes back in the refused form as text.
        refused = post(client, f"{base}/pages/page/blocks", revision="0", at="0", type="item", item=text[:64])
        assert refused.status_code in (409, 422)
        found += [f"refused form: {problem}" for problem in problems(refused.text)]
    found += check(client, "/workspace/exhibits", HOSTILE[0]) + check(client, "/workspace", HOSTILE[0], shown=False)
    figures.append(f"exhibit editor: {len(HOSTILE)} hostile strings through every form, {loads} pages checked")
    assert not found, found[:20]
