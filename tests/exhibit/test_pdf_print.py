"""An exhibit page printed from a browser (Chromium's print media): no navigation, each item's address and QR code
beside it; on screen the addresses and codes stay hidden. And the HTML every exhibit page carries for it."""

import base64
import io
import os
import shutil

import pytest
from PIL import Image

from tests.account.routes import item_with_image
from tests.factories import make_exhibit
from tests.plaque.helpers import decode_png
from tests.web.html import parse

CHROMIUM = shutil.which("chromium")


def printable_exhibit(session, settings):
    item, image = item_with_image(session, settings, "published")
    image.alt_texts = {"fr": "La façade de l'usine"}
    pages = [{"key": "l-usine", "titles": {"fr": "L'usine"}, "blocks": [{"type": "item", "item": item.identifier}]}]
    return make_exhibit(session, pages=pages, slug="usine", titles={"fr": "L'usine"}), item


def test_exhibit_pages_carry_the_print_stylesheet_and_each_items_address(client, session, settings):
    _exhibit, item = printable_exhibit(session, settings)
    for path in ("/exhibits/usine", "/exhibits/usine/l-usine"):
        doc = parse(client.get(path).text)
        sheets = [link.get("href") or "" for link in doc.find_all("link", rel="stylesheet")]
        assert any("/static/css/exhibit-print.css" in href for href in sheets), path
    doc = parse(client.get("/exhibits/usine/l-usine").text)
    printed = doc.find("p", class_="print-link")
    code = printed.find("img", class_="qr-code")
    assert "print-only" in (printed.get("class") or "") and code.get("alt") == ""  # the address is written beside it
    assert printed.find(class_="print-link-url").text == f"http://testserver/items/{item.identifier}"
    # A small PNG (one pixel a module, drawn without smoothing in print) that reads back as the item's address.
    data = base64.b64decode(code.get("src").removeprefix("data:image/png;base64,"))
    assert len(data) < 600
    big = Image.open(io.BytesIO(data)).resize((290, 290), Image.Resampling.NEAREST)
    assert decode_png(_png(big)) == f"http://testserver/items/{item.identifier}?via=qr"
    cover = parse(client.get("/exhibits/usine").text)
    assert cover.find("a", href="http://testserver/exhibits/usine.pdf")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM and os.environ.get("CI") != "true", reason="chromium is not installed")
def test_a_printed_exhibit_page_has_no_navigation_and_shows_the_qr_codes(live):
    from playwright.sync_api import sync_playwright

    app, url, _headers = live
    settings = app.state.settings
    with app.state.session_factory() as session:
        _exhibit, item = printable_exhibit(session, settings)
        session.commit()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(f"{url}/exhibits/usine/l-usine?lang=fr")
            assert page.locator(".site-header").is_visible()
            assert not page.locator(".print-link").first.is_visible()
            page.emulate_media(media="print")
            for hidden in (".site-header", ".site-footer", ".breadcrumb", ".exhibit-steps"):
                assert not page.locator(hidden).first.is_visible(), hidden
            assert page.locator(".qr-code").first.is_visible()
            assert page.locator(".print-link-url").first.inner_text() == f"{url}/items/{item.identifier}"
            assert page.locator(".xb img").first.evaluate("img => img.getBoundingClientRect().height") <= 11 * 96 / 2.54
        finally:
            browser.close()


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
