"""The portfolio in a real headless Chromium: the trainee publishes their page through the form, and axe finds
nothing on the trainee's page, the public page and the verification page, wide and narrow."""

from collections.abc import Iterator

import pytest

from app.account import service as account_service
from tests.factories import make_exhibit, make_item
from tests.portfolio.factories import make_approved
from tests.trainee.factories import make_trainee
from tests.web.browsing import axe_failures, launched, logged_in, require_chromium, served

require_chromium()
pytestmark = pytest.mark.browser
PASSWORD = "a trainee password"


def fill(session) -> str:
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
    return profile.portfolio_key


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    with served(tmp_path_factory.mktemp("portfolio"), fill) as found:
        yield found


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


def test_the_trainee_publishes_the_portfolio_and_its_pages_are_accessible(browser, server):
    base, key = server
    page = logged_in(browser, base, "lea", PASSWORD)
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
    failures = axe_failures(page, base, ["/workspace/portfolio", f"/portfolio/{key}", "/credentials/verify"])
    assert not failures, "\n".join(failures)
