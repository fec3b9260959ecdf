"""The portfolio in a real headless Chromium: the trainee publishes their page through the form, and axe finds
nothing on the trainee's page, the public page and the verification page, wide and narrow."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import Settings
from app.db import make_engine
from app.main import create_app
from tests.factories import make_exhibit, make_item
from tests.migrate import upgrade
from tests.portfolio.factories import make_approved
from tests.trainee.factories import make_trainee
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
PASSWORD = "a trainee password"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    workdir = tmp_path_factory.mktemp("portfolio")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url,
        media_dir=workdir / "media",
        index_dir=workdir / "index",
        badge_key_file=workdir / "badge_key.pem",
        secret_key_file=workdir / "secret_key",
    )
    engine = make_engine(url)
    with Session(engine) as session:
        user = account_service.create(session, "lea", "curator", PASSWORD, display_name="Léa Example")
        session.flush()
        profile = make_trainee(session, user, example=True)
        item, exhibit = make_item(session, title="Cité ouvrière"), make_exhibit(session)
        reviewer = account_service.create(session, "sup", "supervisor", PASSWORD, display_name="Sophie Martin")
        session.flush()
        make_approved(
            session,
            profile,
            "catalogue_item",
            reviewer=reviewer,
            minutes=60,
            target_kind="item",
            target_id=item.id,
            review_comment="Très bien.",
        )
        make_approved(
            session,
            profile,
            "write_exhibit_page",
            reviewer=reviewer,
            minutes=90,
            target_kind="exhibit",
            target_id=exhibit.id,
        )
        key = profile.portfolio_key
        session.commit()
    engine.dispose()
    with live_server(create_app(settings)) as base:
        yield base, key


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    base, _key = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("Login name").fill("lea")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    yield page
    context.close()


def test_the_trainee_publishes_the_portfolio_and_its_pages_are_accessible(page: Page, server):
    base, key = server
    page.get_by_role("link", name="My portfolio").click()
    page.wait_for_url("**/workspace/portfolio")
    page.goto(f"{base}/workspace/portfolio?lang=en")
    page.get_by_label("Public name").fill("Léa E.")
    page.get_by_label("Publish my portfolio page").check()
    for section in ("Approved work", "Tasks and hours by type", "Competences shown", "Reviewers' comments"):
        page.get_by_role("checkbox", name=section, exact=True).check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_url("**/workspace/portfolio?saved=1")
    page.goto(f"{base}/portfolio/{key}?lang=en")
    assert "Cité ouvrière" in page.content() and "Fictional example" in page.content()
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in ("/workspace/portfolio", f"/portfolio/{key}", "/credentials/verify"):
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{base}{path}?lang=en")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} at {width} px:\n{results.generate_report()}")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                failures.append(f"{path} is {scroll} px wide at {width} px")
    assert not failures, "\n".join(failures)
