"""The exported copy in a real headless Chromium, opened from file:// and from a plain static web server: its
pages, its search (Pagefind over HTTP, the records list from the file system) and axe finding nothing."""

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.web.browsing import WCAG_TAGS, launched, require_chromium

require_chromium()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser
CHURCH = "PA00106443"  # « Église Sainte-Barbe » in the demo


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the standard library's name)
        pass


@pytest.fixture(scope="module")
def http_base(site) -> Iterator[str]:
    """The copy served by the standard library's static file server, as any web server would."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site.root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched() as browser:
        yield browser


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _bases(site, http_base) -> dict[str, str]:
    return {"file": site.root.as_uri(), "http": http_base}


@pytest.mark.parametrize("origin", ["file", "http"])
def test_the_copy_is_browsed_from_home_to_an_item(page: Page, site, http_base, origin):
    base = _bases(site, http_base)[origin]
    page.goto(f"{base}/index.html")
    expect(page.locator("main h1")).to_be_visible()
    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Parcourir les éléments").click()
    expect(page).to_have_url(f"{base}/items/index.html")
    page.locator("main .card-title a").first.click()
    expect(page.locator("main h1")).to_be_visible()
    assert page.url.endswith("/index.html") and "/items/" in page.url
    images = page.locator("main img")
    for index in range(images.count()):
        # A lazy image loads once scrolled to; `complete` is also true for a broken one, whose width stays 0.
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete", arg=image.element_handle())
        assert page.evaluate("(img) => img.naturalWidth > 0", image.element_handle()), index


@pytest.mark.parametrize("origin", ["file", "http"])
@pytest.mark.parametrize("words", ["église", "EGLISE sainte-barbe"])
def test_the_search_box_finds_a_church_with_or_without_its_accent(page: Page, site, http_base, origin, words):
    base = _bases(site, http_base)[origin]
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{base}/index.html")
    page.locator("details.site-menu summary").click() if not page.locator("#search-q-header").is_visible() else None
    page.locator("#search-q-header").fill(words)
    page.locator("#search-q-header").press("Enter")
    results = page.locator("#static-search ol a")
    expect(results.first).to_be_visible()
    hrefs = [results.nth(index).get_attribute("href") for index in range(results.count())]
    assert f"../items/{CHURCH}/index.html" in hrefs
    page.locator(f"#static-search a[href='../items/{CHURCH}/index.html']").click()
    expect(page.locator("main h1")).to_have_text("Église Sainte-Barbe")
    used_pagefind = any("/pagefind/" in url for url in fetched)
    assert used_pagefind == (origin == "http")


def test_a_word_found_nowhere_says_so(page: Page, site):
    page.goto(f"{site.root.as_uri()}/search/index.html?q=xylophonezzz")
    expect(page.locator("#static-search .result-count")).to_have_text("Aucun élément ne correspond à « xylophonezzz ».")


@pytest.mark.parametrize("origin", ["file", "http"])
def test_axe_finds_nothing_on_home_an_item_and_the_search_page(page: Page, site, http_base, origin):
    base = _bases(site, http_base)[origin]
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in (
        "index.html",
        f"items/{CHURCH}/index.html",
        "items/FTF-WATSON-1991/index.html",
        "search/index.html?q=%C3%A9glise",
    ):
        page.goto(f"{base}/{path}")
        if "search" in path:
            expect(page.locator("#static-search ol a").first).to_be_visible()
        results = axe.run(page, options=options)
        if results.violations_count:
            failures.append(f"{path}:\n{results.generate_report()}")
    assert failures == []


@pytest.mark.parametrize("origin", ["file", "http"])
def test_the_zoom_viewer_opens_on_the_level_0_tiles(page: Page, site, http_base, origin):
    base = _bases(site, http_base)[origin]
    tiles, failed = [], []
    page.on("requestfinished", lambda request: tiles.append(request.url) if "/iiif/3/" in request.url else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{base}/items/FTF-PHOTO-WATSON-1/index.html")
    page.locator(".zoom-button").first.click()
    expect(page.locator(".zoom-viewer")).to_be_visible()
    page.wait_for_function("() => document.querySelector('.zoom-viewer canvas') !== null")
    page.wait_for_timeout(1500)
    assert tiles and all(url.endswith("/0/default.jpg") for url in tiles)
    assert failed == []
