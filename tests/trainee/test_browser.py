"""The cohort and trainee pages in a real headless Chromium: axe finds nothing on the cohort list, a cohort's page
and a trainee's form, at a desktop and a phone width."""

from collections.abc import Iterator

import pytest

from app.account import service as account_service
from app.trainee.models import CohortSupervisor
from tests.trainee.factories import make_cohort, make_trainee
from tests.web.browsing import axe_failures, launched, logged_in, require_chromium, served

require_chromium()
pytestmark = pytest.mark.browser
PASSWORD = "a supervisor's password"


def fill(session) -> int:
    claire = account_service.create(session, "claire", "supervisor", PASSWORD, display_name="Claire Weber")
    cohort = make_cohort(session, slug="promo", name="Promotion 2026", ends_on=None)
    trainee = account_service.create(session, "nadia", "curator", PASSWORD, display_name="Nadia B.")
    profile = make_trainee(session, user=trainee, cohort=cohort, outcome="job", origin="LU")
    session.add(CohortSupervisor(cohort_id=cohort.id, user_id=claire.id))
    return profile.id


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, int]]:
    with served(tmp_path_factory.mktemp("trainees"), fill) as found:
        yield found


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


def test_the_cohort_and_trainee_pages_are_accessible(browser, server):
    base, profile_id = server
    page = logged_in(browser, base, "claire", PASSWORD)
    paths = ["/workspace/cohorts", "/workspace/cohorts/promo", f"/workspace/trainees/{profile_id}"]
    paths += ["/workspace/trainees/new", "/workspace/cohorts/new"]
    for path in paths:
        page.goto(f"{base}{path}?lang=en")
        assert page.locator("h1").count() == 1, path
    failures = axe_failures(page, base, paths)
    assert not failures, "\n".join(failures)
