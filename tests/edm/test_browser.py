"""The Europeana tiers in a real headless Chromium: the catalog filtered through its form, the item's tiers block,
and axe finding nothing on either page, at desktop and phone widths."""

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.item import write as item_write
from tests.web.browsing import axe_failures, launched, logged_in, require_chromium, served

require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "a europeana curator password"


def _fill(session: Session) -> None:
    account_service.create(session, "lea", "curator", PASSWORD, display_name="Léa Muller")
    for identifier, columns in (("EDM-B1", {}), ("EDM-B2", {"dc_type": "Maison ouvrière"})):
        item = item_write.new(session, identifier, "building", "draft")
        item_write.set_columns(item, {"language": "fr", "titles": {"fr": f"Maison {identifier}"}, **columns})


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("edm"), _fill) as (base, _):
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched() as browser:
        yield browser


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    page = logged_in(browser, server, "lea", PASSWORD)
    yield page
    page.context.close()


def test_the_tiers_catalog_filters_and_its_pages_are_accessible(page: Page, server: str):
    page.goto(f"{server}/workspace/europeana?lang=en")
    page.get_by_label("Metadata tier").select_option("A")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.edm-tiers tbody tr")).to_have_count(1)
    expect(page.locator("table.edm-tiers tbody")).to_contain_text("EDM-B2")
    paths = ["/workspace/europeana", "/workspace/europeana?content=7", "/workspace/items/EDM-B1"]
    failures = axe_failures(page, server, paths)
    assert not failures, "\n".join(failures)
