"""The plaques in a real headless Chromium: the workspace's plaque page has no axe-core violation in any language
nor at 320 px, and the label sheet and the plaque print from the browser on A4 and A5 pages."""

import io
import os
import shutil
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.clock import utcnow
from app.config import LANGUAGES, Settings
from app.db import make_engine
from app.main import create_app
from app.plaque import visits
from tests.factories import make_exhibit, make_item
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
PASSWORD = "a plaque printing password"
RECORDS = quote("PA00106443\nVIL-0007\nhauts-fourneaux\nhauts-fourneaux/la-coulee\nNOWHERE")
SHEET = quote("PA00106443\nVIL-0007\nhauts-fourneaux\nhauts-fourneaux/la-coulee")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("plaques")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        account_service.create(session, "nadia", "curator", PASSWORD, display_name="Nadia Benali")
        titles = {"fr": "Église Sainte-Barbe", "de": "Kirche Sankt Barbara"}
        make_item(session, identifier="PA00106443", title="Église Sainte-Barbe", titles=titles)
        make_item(session, identifier="VIL-0007", title="Cité ouvrière Bel-Air, maisons jumelées de la rue Carnot")
        pages = [{"key": "la-coulee", "titles": {"fr": "La coulée", "de": "Der Abstich"}, "blocks": []}]
        make_exhibit(session, slug="hauts-fourneaux", pages=pages, titles={"fr": "Les hauts-fourneaux"})
        for _ in range(3):
            visits.record(session, "/items/PA00106443", utcnow().date())
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


def test_the_plaque_page_is_accessible_in_every_language_and_on_a_phone(server, page):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for lang in LANGUAGES:
        for query in ("", f"records={RECORDS}&"):
            page.goto(f"{server}/workspace/plaques?{query}lang={lang}")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{lang} {query[:8]}:\n{results.generate_report()}")
    assert not failures, "\n".join(failures)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{server}/workspace/plaques?records={RECORDS}&lang=de")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # The QR codes show: each image loaded from its own address.
    sizes = page.locator("img.plaque-qr").evaluate_all("images => images.map(image => image.naturalWidth)")
    assert len(sizes) == 4 and all(size > 0 for size in sizes)


def test_the_form_chooses_records_and_leads_to_the_sheet(server, page):
    page.goto(f"{server}/workspace/plaques?lang=en")
    page.get_by_label("Records, one a line").fill("hauts-fourneaux/la-coulee")
    # Picked as in the exhibit editor: typing part of a title suggests items, choosing one adds it to the list.
    page.get_by_label("Find an item to add").fill("Sainte-Barbe")
    expect(page.locator("#items-list option[value=PA00106443]")).to_have_count(1)
    page.get_by_label("Find an item to add").fill("PA00106443")
    expect(page.get_by_label("Records, one a line")).to_have_value("hauts-fourneaux/la-coulee\nPA00106443")
    page.get_by_role("button", name="Show their QR codes and plaques").click()
    assert page.get_by_text("Visits from the QR code: 3 in the last 30 days, 3 in all.").is_visible()
    page.get_by_role("link", name="Print an A4 sheet of labels").click()
    assert page.locator("article.label").count() == 2
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = axe.run(page, options=options)
    assert not results.violations_count, results.generate_report()


@pytest.mark.parametrize("layout, records, size", [("sheet", SHEET, (595, 842)), ("plaque", "PA00106443", (420, 595))])
def test_the_browser_prints_the_sheet_and_the_plaque_on_their_paper(server, page, layout, records, size):
    page.goto(f"{server}/workspace/plaques/print?layout={layout}&records={records}")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages} == {size}
    assert len(reader.pages) == 1  # four labels fit one sheet
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Église Sainte-Barbe" in text and "Kirche Sankt Barbara" in text and "Villerupt.com" in text
    assert "Download the PDF" not in text and "Télécharger le PDF" not in text  # the links stay on screen
