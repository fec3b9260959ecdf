"""The cohort and trainee pages in a real headless Chromium: axe finds nothing on the cohort list, a cohort's page
and a trainee's form, at a desktop and a phone width."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.trainee.models import CohortSupervisor
from tests.migrate import upgrade
from tests.trainee.factories import make_cohort, make_trainee
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
PASSWORD = "a supervisor's password"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, int]]:
    workdir = tmp_path_factory.mktemp("trainees")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        claire = account_service.create(session, "claire", "supervisor", PASSWORD, display_name="Claire Weber")
        cohort = make_cohort(session, slug="promo", name="Promotion 2026", ends_on=None)
        trainee = account_service.create(session, "nadia", "curator", PASSWORD, display_name="Nadia B.")
        profile = make_trainee(session, user=trainee, cohort=cohort, outcome="job", origin="LU")
        session.add(CohortSupervisor(cohort_id=cohort.id, user_id=claire.id))
        session.commit()
        profile_id = profile.id
    engine.dispose()
    with live_server(create_app(settings)) as base:
        yield base, profile_id


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    base, _profile = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("Login name").fill("claire")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    yield page
    context.close()


def test_the_cohort_and_trainee_pages_are_accessible(page: Page, server):
    base, profile_id = server
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in (
        "/workspace/cohorts",
        "/workspace/cohorts/promo",
        f"/workspace/trainees/{profile_id}",
        "/workspace/trainees/new",
        "/workspace/cohorts/new",
    ):
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{base}{path}?lang=en")
            assert page.locator("h1").count() == 1
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} at {width} px:\n{results.generate_report()}")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                failures.append(f"{path} is {scroll} px wide at {width} px")
    assert not failures, "\n".join(failures)
