"""The transcript import page in headless Chromium: a curator checks the real transcript; axe-core in every language."""

import pytest

# The live server, the browser and the accessibility check of the other page tests (skipped without Chromium).
from tests.interview.helpers import WATSON
from tests.web.test_browser import WCAG_TAGS, Axe, _accessible_and_narrow, _log_in, browser, server  # noqa: F401

pytestmark = pytest.mark.browser


def test_a_curator_checks_the_real_transcript_and_the_page_is_accessible(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _log_in(server, page)
        page.goto(f"{server}/workspace/items/FTF-WATSON?lang=en")
        page.get_by_role("link", name="Import or download the transcript and index").click()
        page.get_by_label("File to import").set_input_files(str(WATSON))
        page.get_by_role("button", name="Check only").click()
        report = page.locator(".import-report")
        report.wait_for()
        assert "Check only: nothing has been changed." in page.get_by_role("status").inner_text()
        assert "Line 143: A time code cannot be read." in report.inner_text()
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        with_report = Axe().run(page, options=options)
        assert not with_report.violations_count, with_report.generate_report()
        failures = _accessible_and_narrow(page, server, {"import": "/workspace/items/FTF-WATSON/transcript/import"})
    finally:
        context.close()
    assert not failures, "\n".join(failures)
