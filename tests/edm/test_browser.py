"""The Europeana tiers in a real headless Chromium: the catalog filtered through its form, the item's tiers block,
and axe finding nothing on either page, at desktop and phone widths."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import Settings
from app.db import make_engine
from app.item import write as item_write
from app.main import create_app
from tests.migrate import upgrade
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
PASSWORD = "a europeana curator password"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("edm")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        account_service.create(session, "lea", "curator", PASSWORD, display_name="Léa Muller")
        for identifier, columns in (("EDM-B1", {}), ("EDM-B2", {"dc_type": "Maison ouvrière"})):
            item = item_write.new(session, identifier, "building", "draft")
            item_write.set_columns(item, {"language": "fr", "titles": {"fr": f"Maison {identifier}"}, **columns})
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
    page.get_by_label("Login name").fill("lea")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    yield page
    context.close()


def test_the_tiers_catalog_filters_and_its_pages_are_accessible(page: Page, server: str):
    page.goto(f"{server}/workspace/europeana?lang=en")
    page.get_by_label("Metadata tier").select_option("A")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.edm-tiers tbody tr")).to_have_count(1)
    expect(page.locator("table.edm-tiers tbody")).to_contain_text("EDM-B2")
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in ("/workspace/europeana", "/workspace/europeana?content=7", "/workspace/items/EDM-B1"):
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{server}{path}{'&' if '?' in path else '?'}lang=en")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} at {width} px:\n{results.generate_report()}")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                failures.append(f"{path} is {scroll} px wide at {width} px")
    assert not failures, "\n".join(failures)
