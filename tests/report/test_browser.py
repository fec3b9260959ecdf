"""The funders' report in a real headless Chromium: axe finds nothing on the page (its form, tables and SVG
charts), in French and in English, nor on the form shown again with a message."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import Settings
from app.db import make_engine
from app.main import create_app
from tests.migrate import upgrade
from tests.report.fixture import build
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
    )

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.web.test_browser import CHROMIUM_ARGS, WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "a supervisor password"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        account_service.create(session, "claire", "supervisor", PASSWORD, display_name="Claire Weber")
        build(session)
        session.commit()
    engine.dispose()
    with live_server(create_app(settings)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/login?lang=en")
    page.get_by_label("Login name").fill("claire")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    yield page
    context.close()


@pytest.mark.parametrize(
    "query",
    ["from=2026-01-01&to=2026-06-30&lang=en", "from=2026-01-01&to=2026-06-30&lang=fr", "from=soon&lang=de"],
)
@pytest.mark.parametrize("width", [1280, 320])
def test_the_report_page_is_accessible(page: Page, server: str, query: str, width: int):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{server}/workspace/report?{query}")
    assert page.locator("h1").count() == 1
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_form_chooses_the_cohort_and_shows_its_charts(page: Page, server: str):
    page.goto(f"{server}/workspace/report?lang=en")
    page.get_by_label("Cohort").select_option(label="Action fondatrice")
    page.get_by_label("From").fill("2026-01-01")
    page.get_by_label("To").fill("2026-06-30")
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_url("**/workspace/report?**")
    assert page.get_by_role("img", name="Tasks by type").count() == 1
    assert page.locator("td", has_text="77 %").count() == 1
