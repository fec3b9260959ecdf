"""The map in a real headless Chromium: clusters with their counts (the tiles never load here: the tile server
of these tests refuses connections, as a phone without signal would), clicking a cluster zooms in, single items
open a popup, the view goes into the address, and axe-core finds no WCAG 2.1 AA violation in any language."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy.orm import Session

from app.config import LANGUAGES, Settings
from app.db import make_engine
from app.item import search as item_search
from app.main import create_app
from app.place.models import COMMUNE, Place
from app.search.index import SearchIndex
from tests.factories import make_item
from tests.migrate import upgrade
from tests.web.live import live_server
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, WCAG_TAGS

pytestmark = pytest.mark.browser
DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # the discard port: nothing listens


def seed(session: Session) -> None:
    """Sixty buildings along Villerupt's streets and twenty in Esch-sur-Alzette, across the border."""
    villerupt = Place(
        name="Villerupt", slug="villerupt", kind=COMMUNE, names={"fr": "Villerupt"}, latitude=49.4672, longitude=5.9320
    )
    esch = Place(
        name="Esch-sur-Alzette",
        slug="esch-sur-alzette",
        kind=COMMUNE,
        latitude=49.4958,
        longitude=5.9806,
        names={"fr": "Esch-sur-Alzette", "de": "Esch an der Alzette", "lb": "Esch-Uelzecht"},
    )
    session.add_all([villerupt, esch])
    session.flush()
    for n in range(60):
        make_item(
            session,
            identifier=f"VIL-{n:02d}",
            titles={"fr": f"Maison {n}"},
            place_id=villerupt.id,
            latitude=49.4600 + (n // 8) * 0.002,
            longitude=5.9200 + (n % 8) * 0.003,
        )
    for n in range(5):  # postcards known only by their place: one point for all five
        make_item(
            session, identifier=f"CP-{n}", titles={"fr": f"Carte postale {n}"}, latitude=49.4730, longitude=5.9082
        )
    for n in range(20):
        make_item(
            session,
            identifier=f"ESCH-{n:02d}",
            titles={"fr": f"Haut-fourneau {n}"},
            place_id=esch.id,
            latitude=49.4950 + n * 0.0004,
            longitude=5.9800 + n * 0.0003,
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("map-browser")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(
        database_url=url, media_dir=workdir / "media", index_dir=workdir / "index", map_tile_url=DEAD_TILES, map_zoom=12
    )
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session)
        session.commit()
        SearchIndex(settings.index_dir).rebuild(item_search.documents(session))
    engine.dispose()
    with live_server(create_app(settings)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Importing tests.web.test_browser skipped this module already where Chromium is missing outside CI.
    assert CHROMIUM, "chromium is required in CI (CI=true): install Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def counts(page: Page) -> list[int]:
    page.wait_for_selector("#map[data-features]")
    return [int(text.replace("\u202f", "").replace(" ", "")) for text in page.locator(".map-cluster").all_inner_texts()]


def test_the_map_shows_clusters_with_counts_without_tiles(server, page):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/map?zoom=10")
    found = counts(page)
    assert found and sum(found) == 85, "every item is in a cluster at a town's zoom"
    assert page.locator("#map-status").is_visible()  # the tiles failed, and the page says so
    assert page.locator("#map").get_attribute("aria-hidden") == "true"
    assert not errors


def test_clicking_a_cluster_zooms_in_and_puts_the_view_in_the_address(server, page):
    page.goto(f"{server}/map?zoom=10")
    counts(page)
    page.evaluate("document.getElementById('map').removeAttribute('data-features')")
    page.locator(".map-cluster").first.click()
    page.wait_for_function("new URL(location.href).searchParams.get('zoom') > 10")
    page.wait_for_selector("#map[data-features]")
    assert int(page.evaluate("new URL(location.href).searchParams.get('zoom')")) > 10


def test_a_single_item_opens_a_popup_linking_to_its_page(server, page):
    page.goto(f"{server}/map?lat=49.4600&lon=5.9200&zoom=19")
    page.wait_for_selector(".map-pin")
    page.locator(".map-pin").first.click()
    link = page.locator(".map-popup a")
    assert link.inner_text() == "Maison 0"
    assert link.get_attribute("href").endswith("/items/VIL-00")


def test_items_sharing_one_point_link_to_the_list_from_there(server, page):
    page.goto(f"{server}/map?lat=49.4730&lon=5.9082&zoom=19&lang=en")
    assert counts(page) == [5]
    page.locator(".map-cluster").click()
    link = page.locator(".leaflet-popup a", has_text="5 items here")
    href = link.get_attribute("href")
    assert "lat=49.47300" in href and "lon=5.90820" in href and href.endswith("#list")
    link.click()
    page.wait_for_url("**#list")
    assert page.locator("ol.map-results li a").first.inner_text().startswith("Carte postale")


def test_filtering_keeps_the_view(server, page):
    page.goto(f"{server}/map?lat=49.4958&lon=5.9806&zoom=13")
    counts(page)
    page.locator("#map-q").fill("fourneau")
    page.locator("form.map-filters button[type=submit]").click()
    page.wait_for_url("**q=fourneau**")
    query = page.evaluate("Object.fromEntries(new URL(location.href).searchParams)")
    assert query["lat"] == "49.49580" and query["lon"] == "5.98060" and query["zoom"] == "13"
    assert sum(counts(page)) == 20


def test_the_filters_reach_the_map(server, page):
    page.goto(f"{server}/map?q=fourneau&zoom=10")
    assert sum(counts(page)) == 20


def test_the_map_page_has_no_wcag_21_aa_violations_and_fits_320_px(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for lang in LANGUAGES:
        for path in ("/map", "/map?near=esch-sur-alzette&q=fourneau", "/items/ESCH-03"):
            separator = "&" if "?" in path else "?"
            page.goto(f"{server}{path}{separator}lang={lang}")
            page.wait_for_selector(".map-ready")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} ({lang}):\n{results.generate_report()}")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/map", "/items/ESCH-03"):
        page.goto(f"{server}{path}")
        page.wait_for_selector(".map-ready")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide"
    results = axe.run(page, options=options)
    context.close()
    assert not results.violations_count, results.generate_report()
    assert not failures, "\n".join(failures)
