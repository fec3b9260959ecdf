"""The funders' report in a real headless Chromium: axe finds nothing on the page (its form, tables and SVG
charts), in French and in English, nor on the form shown again with a message."""

from collections.abc import Iterator

import pytest

from app.account import service as account_service
from tests.report.fixture import build
from tests.web.browsing import axe_failures, launched, logged_in, require_chromium, served

require_chromium()
pytestmark = pytest.mark.browser
PASSWORD = "a supervisor password"


def fill(session) -> None:
    account_service.create(session, "claire", "supervisor", PASSWORD, display_name="Claire Weber")
    build(session)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("report"), fill) as (base, _made):
        yield base


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


@pytest.fixture
def page(browser, server):
    page = logged_in(browser, server, "claire", PASSWORD)
    yield page
    page.context.close()


def test_the_report_page_is_accessible_with_its_charts_and_with_a_message(page, server: str):
    period = "/workspace/report?from=2026-01-01&to=2026-06-30"
    failures = []
    for path, lang in ((period, "en"), (period, "fr"), ("/workspace/report?from=soon", "de")):
        page.goto(f"{server}{path}&lang={lang}")
        assert page.locator("h1").count() == 1
        failures += axe_failures(page, server, [path], lang=lang)
    assert not failures, "\n".join(failures)


def test_the_form_chooses_the_cohort_and_shows_its_charts(page, server: str):
    page.goto(f"{server}/workspace/report?lang=en")
    page.get_by_label("Cohort").select_option(label="Action fondatrice")
    page.get_by_label("From").fill("2026-01-01")
    page.get_by_label("To").fill("2026-06-30")
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_url("**/workspace/report?**")
    assert page.get_by_role("img", name="Tasks by type").count() == 1
    assert page.locator("td", has_text="77 %").count() == 1
