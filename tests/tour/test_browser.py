"""Tour pages in a real headless Chromium: no WCAG 2.1 AA violation in every language and nothing wider than
320 px; a saved tour opens with the server gone (pages, images and sound from the phone); the next stop's
distance from a position the browser is given; without JavaScript the tour is plain pages."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.config import LANGUAGES, Settings
from app.db import make_engine
from app.main import create_app
from app.tour import geometry
from tests.migrate import upgrade
from tests.tour.conftest import MICHEVILLE, build_tour, make_places
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
    )

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.web.test_browser import CHROMIUM_ARGS, WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser
PAGES = {
    "tours": "/tours",
    "tour": "/tours/route-du-fer",
    "stop": "/tours/route-du-fer/stops/2",
}
# Where the visitor stands: the Bassompierre mine (stop 2); stop 3 is the next one.
STANDING = {"latitude": 49.422137, "longitude": 5.949176}


def museum(workdir):
    """A museum of its own with the published tour of tests/tour/conftest.py (images and a sound)."""
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    app = create_app(settings)
    engine = make_engine(url)
    with Session(engine) as session:
        build_tour(session, settings, make_places(session, settings))
        session.commit()
    engine.dispose()
    return app


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with live_server(museum(tmp_path_factory.mktemp("tour-browser"))) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_tour_pages_have_no_wcag_21_aa_violations_and_fit_320_px(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for lang in LANGUAGES:
            for name, path in PAGES.items():
                page.goto(f"{server}{path}?lang={lang}")
                results = axe.run(page, options=options)
                if results.violations_count:
                    failures.append(f"{name} ({lang}, {width} px):\n{results.generate_report()}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    failures.append(f"{name} ({lang}) is {scroll} px wide at {width} px")
    assert not failures, "\n".join(failures)


def test_the_next_stop_distance_comes_from_the_position_the_phone_gives(server, browser):
    context = browser.new_context(geolocation=STANDING, permissions=["geolocation"], locale="en-GB")
    page = context.new_page()
    page.goto(f"{server}/tours/route-du-fer/stops/2?lang=en")
    panel = page.locator("#tour-next")
    assert panel.is_visible()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    panel.locator("button[data-locate]").click()
    page.wait_for_function("() => document.querySelector('#tour-next').dataset.metres")
    metres = int(page.eval_on_selector("#tour-next", "panel => panel.dataset.metres"))
    expected = geometry.distance_m((STANDING["latitude"], STANDING["longitude"]), MICHEVILLE)
    assert abs(metres - expected) < 1
    assert f"{round(expected / 1000, 1):g} km" in panel.locator(".tour-next-distance").inner_text()
    assert not requests  # the position went nowhere
    context.close()


def test_a_saved_tour_opens_with_the_server_gone(tmp_path, browser):
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="fr-FR")
    page = context.new_page()
    with live_server(museum(tmp_path)) as base:
        page.goto(f"{base}/tours/route-du-fer")
        page.locator("#tour-offline button[data-save]").click()
        page.wait_for_function("() => document.querySelector('#tour-offline').dataset.state === 'saved'", timeout=20000)
        said = page.locator(".tour-offline-state").inner_text()
        assert "enregistré" in said or "saved" in said
        assert page.locator("#tour-offline button[data-remove]").is_visible()
    # The server is stopped: nothing answers on its port any more.
    for number in (1, 2, 3):
        page.goto(f"{base}/tours/route-du-fer/stops/{number}")
        assert page.locator("h1").is_visible()
    page.goto(f"{base}/tours/route-du-fer/stops/2")
    page.wait_for_function("() => document.querySelector('.tour-stop-image img').complete")
    assert page.eval_on_selector(".tour-stop-image img", "img => img.naturalWidth") > 0
    assert page.evaluate("() => fetch(document.querySelector('audio').src).then(r => r.status)") == 200
    page.reload()
    assert page.locator("h1").inner_text() == "La mine"
    page.goto(f"{base}/tours/route-du-fer")
    assert page.locator(".tour-stops > li").count() == 3
    page.goto(f"{base}/tours")
    assert page.locator(".tour-list a").count() == 1
    page.goto(f"{base}/tours/route-du-fer")
    # "Remove from this phone" forgets it: the tour no longer opens offline.
    page.locator("#tour-offline button[data-remove]").click()
    page.wait_for_function("() => document.querySelector('#tour-offline').dataset.state === 'removed'")
    with pytest.raises(Exception, match="ERR_"):
        page.goto(f"{base}/tours/route-du-fer/stops/3")
    context.close()


def test_without_javascript_the_tour_is_plain_pages(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/tours/route-du-fer?lang=en")
    assert not page.locator("#tour-offline").is_visible() and not page.locator("#tour-next").is_visible()
    page.locator(".tour-stops a").nth(1).click()
    assert page.locator("h1").inner_text() == "The mine"
    page.locator("a[rel=next]").click()
    assert page.url.endswith("/tours/route-du-fer/stops/3")
    context.close()
