"""Exhibit pages in a real headless Chromium: axe-core finds no WCAG 2.1 AA violation on the list, a cover page and
a page with every block type, in every language and at 320 px; the zoom block opens on its region; the hostile
strings of the XSS test run nowhere."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.config import LANGUAGES, Settings
from app.db import make_engine
from app.exhibit.models import ExhibitAgent
from app.interview.models import Cue
from app.main import create_app
from app.media.service import attach
from tests.exhibit.conftest import every_block
from tests.exhibit.test_pages_xss import hostile_pages
from tests.factories import make_agent, make_exhibit, make_item, make_place, run_jobs
from tests.media.recording.files import write_sound
from tests.migrate import upgrade
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
    )

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from tests.security.test_xss import CHECK, HOSTILE  # noqa: E402
from tests.web.test_browser import CHROMIUM_ARGS, WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser
PHOTO = Path(__file__).parent.parent / "fixtures" / "media" / "photo.jpg"
PAGES = {
    "exhibits": "/exhibits",
    "cover page": "/exhibits/la-cite-ouvriere",
    "every block": "/exhibits/la-cite-ouvriere/les-cites",
}


def seed(session: Session, settings: Settings, workdir: Path) -> None:
    """Two items with a photograph, an interview with its recording and cues, an exhibit with every block type,
    and an exhibit carrying every hostile string."""
    thil = make_place(session, "Thil", latitude=49.47, longitude=5.90)
    a = make_item(
        session, identifier="EX-A", title="Cité Bel-Air", date_text="1910", date_earliest=1910, place_id=thil.id
    )
    b = make_item(
        session,
        identifier="EX-B",
        title="Haut-fourneau",
        date_text="1880",
        date_earliest=1880,
        latitude=49.49,
        longitude=5.93,
    )
    photos = [attach(session, item, PHOTO, settings, background=False) for item in (a, b)]
    photos[0].alt_texts, photos[1].alt_texts = {"fr": "La cité vue du ciel"}, {"fr": "Le haut-fourneau"}
    oral = make_item(session, identifier="EX-OH", kind="interview", title="Souvenirs de la mine")
    attach(session, oral, write_sound(workdir / "talk.m4a", "aac", 6.0, 22_050), settings)
    run_jobs(session, settings)
    session.add_all(
        Cue(item_id=oral.id, position=n, start_seconds=n * 1.5, end_seconds=n * 1.5 + 1.5, language="fr", text=t)
        for n, t in enumerate(["Je suis née à Villerupt.", "Près des hauts-fourneaux.", "Mon père était mineur."])
    )
    pages = [
        {
            "key": "les-cites",
            "titles": {"fr": "Les cités", "de": "Die Siedlungen", "en": "The estates"},
            "blocks": every_block("EX-A", "EX-B", "EX-OH"),
        },
        {"key": "la-suite", "titles": {"fr": "La suite"}, "blocks": [{"type": "text", "body": {"fr": "Fin."}}]},
    ]
    exhibit = make_exhibit(
        session,
        pages=pages,
        slug="la-cite-ouvriere",
        titles={"fr": "La cité ouvrière"},
        tags=["sidérurgie"],
        cover_media_id=photos[0].id,
    )
    session.add(ExhibitAgent(exhibit_id=exhibit.id, agent_id=make_agent(session, "Nadia Benali").id, role="creator"))
    for number, text in enumerate(HOSTILE):
        pages = hostile_pages(text, "EX-A", "EX-B", "EX-OH")
        make_exhibit(session, pages=pages, slug=f"hostile-{number}", titles={"fr": text}, summaries={"fr": text})


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("exhibit-browser")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    app = create_app(settings)
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session, settings, workdir)
        session.commit()
    engine.dispose()
    with live_server(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_exhibit_pages_have_no_wcag_21_aa_violations_and_fit_320_px(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for lang in LANGUAGES:
        for name, path in PAGES.items():
            page.goto(f"{server}{path}?lang={lang}")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{name} ({lang}):\n{results.generate_report()}")
    assert not failures, "\n".join(failures)
    page.set_viewport_size({"width": 320, "height": 640})
    for lang in LANGUAGES:
        for path in PAGES.values():
            page.goto(f"{server}{path}?lang={lang}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} in {lang} is {width}px wide"


def test_the_zoom_block_opens_on_its_region(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR").new_page()
    page.goto(f"{server}/exhibits/la-cite-ouvriere/les-cites")
    page.locator(".xb-zoom .zoom-button").click()
    page.wait_for_function("() => document.querySelector('.xb-zoom .zoomable').viewer.world.getItemCount() === 1")
    page.wait_for_timeout(500)
    bounds = page.evaluate(
        """() => {
          const viewer = document.querySelector('.xb-zoom .zoomable').viewer;
          const image = viewer.world.getItemAt(0);
          const rect = image.viewportToImageRectangle(viewer.viewport.getBounds(true));
          const size = image.getContentSize();
          return [rect.x / size.x, rect.y / size.y, (rect.x + rect.width) / size.x, (rect.y + rect.height) / size.y];
        }"""
    )
    # The region 10,20,30,40 (percent) is in view, and the view is not the whole image.
    left, top, right, bottom = bounds
    assert left <= 0.101 and top <= 0.201 and right >= 0.399 and bottom >= 0.599, bounds
    assert right - left < 0.9 or bottom - top < 0.9, bounds


def test_hostile_text_runs_nowhere_in_the_exhibit_pages(server, browser):
    page = browser.new_context().new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for number, text in enumerate(HOSTILE):
        for path in (f"/exhibits/hostile-{number}", f"/exhibits/hostile-{number}/page"):
            page.goto(f"{server}{path}")
            found = page.evaluate(CHECK)
            assert not found["ran"] and not found["bad"], (path, found["bad"])
            assert " ".join(text.split())[:20] in " ".join(found["text"].split()), (path, text)
    page.goto(f"{server}/exhibits")
    assert not page.evaluate(CHECK)["bad"]
    assert not dialogs


def test_the_map_block_is_a_map_of_numbered_points_on_screen_and_a_drawing_in_print(server, browser):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())  # no tiles: the points still show
    page.goto(f"{server}/exhibits/la-cite-ouvriere/les-cites")
    block = page.locator(".xb-map")
    block.locator(".points-map.map-ready").wait_for()
    assert block.locator(".map-number").all_inner_texts() == ["1", "2"]
    assert not block.locator(".xb-map-drawing").is_visible()
    page.emulate_media(media="print")
    assert block.locator(".xb-map-drawing").is_visible() and not block.locator(".points-map").is_visible()
