"""The tour editor in a real headless Chromium: a tour built through the forms, a stop's item picked as one types
(its point then taken from the item), and axe finding nothing on the editor's pages."""

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
from tests.tour.conftest import AUMETZ_MINE, make_places
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
PASSWORD = "a tour editor password"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("tour-editor")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        account_service.create(session, "nadia", "curator", PASSWORD, display_name="Nadia Benali")
        make_places(session, settings)
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
    page.get_by_label("Login name").fill("nadia")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    yield page
    context.close()


def test_a_tour_is_built_with_the_item_picker_and_its_pages_are_accessible(page: Page, server: str):
    page.goto(f"{server}/workspace/tours/new?lang=en")
    page.fill("#f-slug", "browser-tour")
    page.fill("#f-title_fr", "La route du fer")
    page.get_by_role("button", name="Create the draft").click()
    page.wait_for_url("**/workspace/tours/browser-tour?done=created")
    page.get_by_role("link", name="Add a stop").click()
    page.fill("#f-title_fr", "La mine")
    page.locator("#f-item").press_sequentially("Bassomp", delay=30)
    expect(page.locator("#items-list option[value='T-MINE']")).to_have_count(1, timeout=10000)
    page.fill("#f-item", "T-MINE")
    page.get_by_role("button", name="Add the stop").click()
    page.wait_for_url("**/workspace/tours/browser-tour?done=stop_added*")
    expect(page.locator(".tour-editor-stops > li")).to_have_count(1)
    expect(page.locator(".tour-editor-stops .note").first).to_contain_text(f"{AUMETZ_MINE[0]:.5f}")
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in (
        "/workspace/tours",
        "/workspace/tours/browser-tour",
        "/workspace/tours/browser-tour/stops/1",
        "/workspace/tours/browser-tour/history",
        "/workspace/tours/browser-tour/preview",
    ):
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{server}{path}?lang=en")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} at {width} px:\n{results.generate_report()}")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                failures.append(f"{path} is {scroll} px wide at {width} px")
    assert not failures, "\n".join(failures)
