"""The timeline in a real headless Chromium: no axe-core WCAG 2.1 AA violation at any level in every language, no
horizontal scrolling at 320 px, arrow keys (and Home/End) moving between periods, and the page without JavaScript."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.config import LANGUAGES, Settings
from app.db import make_engine
from app.item import search as item_search
from app.main import create_app
from app.media.service import attach
from app.search.index import SearchIndex
from tests.factories import make_item
from tests.migrate import upgrade
from tests.timeline.conftest import DATED
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
    )

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from tests.web.test_browser import CHROMIUM_ARGS, WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser
PHOTO = Path(__file__).parent.parent / "fixtures" / "media" / "photo.jpg"
PAGES = {
    "centuries": "/timeline",
    "a century": "/timeline?century=1900",
    "a decade": "/timeline?decade=1930",
    "a year": "/timeline?year=1932",
    "undated": "/timeline?undated=1",
    "filtered": "/timeline?century=1900&kind=building&q=objet",
    "bad level": "/timeline?century=1950",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The timeline's test catalog (tests/timeline/conftest.py), one item with a photograph, served by uvicorn."""
    workdir = tmp_path_factory.mktemp("timeline-browser")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    app = create_app(settings)
    engine = make_engine(url)
    with Session(engine) as session:
        for identifier, (text, earliest, latest) in DATED.items():
            item = make_item(
                session,
                identifier=identifier,
                title=f"Objet {identifier}",
                date_text=text,
                date_earliest=earliest,
                date_latest=latest,
            )
            if identifier == "T-1937":
                attach(session, item, PHOTO, settings, background=False)
        session.commit()
        SearchIndex(settings.index_dir).rebuild(item_search.documents(session))
    engine.dispose()
    with live_server(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    yield context.new_page()
    context.close()


def _url(server: str, path: str, lang: str) -> str:
    return f"{server}{path}{'&' if '?' in path else '?'}lang={lang}"


def test_timeline_pages_have_no_wcag_21_aa_violations_and_fit_320_px(server, page):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for lang in LANGUAGES:
        for name, path in PAGES.items():
            page.goto(_url(server, path, lang))
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{name} ({lang}):\n{results.generate_report()}")
    assert not failures, "\n".join(failures)
    page.set_viewport_size({"width": 320, "height": 640})
    for lang in LANGUAGES:
        for path in PAGES.values():
            page.goto(_url(server, path, lang))
            results = axe.run(page, options=options)
            assert not results.violations_count, results.generate_report()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} in {lang} is {width}px wide"


def _focused(page: Page) -> str:
    return page.evaluate("document.activeElement.textContent.trim().split(/\\s+/).slice(0, 2).join(' ')")


def test_arrow_keys_home_and_end_move_between_periods(server, page):
    page.goto(f"{server}/timeline?decade=1930")
    expect(page.locator("#periods-keys")).to_be_visible()
    periods = page.locator("ul.timeline-periods a")
    assert periods.count() == 2
    periods.first.focus()
    assert _focused(page) == "1932 2"
    page.keyboard.press("ArrowDown")
    assert _focused(page) == "1937 1"
    page.keyboard.press("ArrowDown")  # the last one stays focused
    assert _focused(page) == "1937 1"
    page.keyboard.press("Home")
    assert _focused(page) == "1932 2"
    page.keyboard.press("End")
    assert _focused(page) == "1937 1"
    page.keyboard.press("ArrowLeft")
    assert _focused(page) == "1932 2"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/timeline?year=1932")
    expect(page.get_by_role("heading", level=1)).to_have_text("1932")


def test_tab_reaches_the_periods_in_order_and_the_breadcrumb_leads_back(server, page):
    page.goto(f"{server}/timeline")
    page.locator("ul.timeline-periods a").first.focus()
    page.keyboard.press("Tab")
    assert _focused(page) == "XXe siècle"
    page.keyboard.press("Enter")
    page.wait_for_url("**/timeline?century=1900")
    page.get_by_role("navigation", name="Fil d’Ariane").get_by_role("link", name="Frise chronologique").click()
    page.wait_for_url("**/timeline")
    expect(page.get_by_role("heading", level=1)).to_have_text("Frise chronologique")


def test_the_timeline_works_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(f"{server}/timeline")
        expect(page.locator("#periods-keys")).to_be_hidden()
        page.get_by_role("link", name="XXe siècle").click()
        page.get_by_role("link", name="années 1930").click()
        page.get_by_role("link", name="1937").click()
        expect(page.get_by_role("link", name="Objet T-1937")).to_be_visible()
        page.goto(f"{server}/timeline")
        page.get_by_label("Mots").fill("objet")
        page.get_by_role("button", name="Afficher la frise").click()
        assert "q=objet" in page.url
        page.get_by_role("link", name="2 éléments n'ont pas de date").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sans date")
    finally:
        context.close()
