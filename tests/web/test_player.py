"""The interview player in a real headless Chromium: the transcript and the recording follow each other, moments
and clips open where they say, a moment is shared, and the page is accessible in every language and on a phone.

The recording is a real AAC file made with PyAV; its browser copy is made by the recording job's own code
(a batch attachment), so the page plays what visitors get."""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe  # noqa: E402  (after the skip in tests.web.test_browser)
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.interview.models import Cue, IndexSegment
from app.main import create_app
from app.media.service import attach
from tests.factories import make_item
from tests.media.recording.files import write_sound
from tests.migrate import upgrade
from tests.web.live import live_server
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, WCAG_TAGS

pytestmark = pytest.mark.browser

SECONDS = 12.0
STEP = 2.0  # a cue every two seconds: cue-1 at 0 s ... cue-6 at 10 s
PAGE = "/items/OH-PLAY"


def seed(session: Session, settings: Settings, folder) -> None:
    item = make_item(session, identifier="OH-PLAY", kind="interview", language="en", title="Voices of the furnaces")
    sound = write_sound(folder / "voices.m4a", "aac", SECONDS, 22_050)
    attach(session, item, sound, settings, caption="Side A", background=False)
    session.add(Cue(item_id=item.id, position=0, start_seconds=None, language="en", text="Interview no. 7."))
    for n in range(1, 7):
        start = (n - 1) * STEP
        session.add(
            Cue(
                item_id=item.id,
                position=n,
                start_seconds=start,
                end_seconds=start + STEP,
                speaker="Q" if n % 2 else "RM",
                language="en",
                text=f"Passage number {n} about the blast furnace {'and the mine' if n == 4 else ''}",
                translation=f"Passage numéro {n}",
                translation_language="fr",
            )
        )
    session.add(
        IndexSegment(item_id=item.id, position=0, start_seconds=4, end_seconds=8, language="en", title="The mine")
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("player")
    url = f"sqlite:///{folder / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=folder / "media", index_dir=folder / "index")
    app = create_app(settings)
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session, settings, folder)
        session.commit()
    engine.dispose()
    with live_server(app) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM, "chromium is required in CI (CI=true): install Debian's chromium package"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def _open(page: Page, server: str, query: str = "") -> None:
    page.goto(f"{server}{PAGE}?lang=en{query}")
    page.wait_for_function("() => document.querySelector('#player').readyState >= 1")


def _current(page: Page) -> list[str]:
    return page.eval_on_selector_all("#transcript li[aria-current]", "items => items.map(item => item.id)")


def _time(page: Page) -> float:
    return page.evaluate("document.querySelector('#player').currentTime")


def test_clicking_a_cue_seeks_the_recording_there(server, page):
    _open(page, server)
    page.locator("#cue-4 .cue-text").click()
    page.wait_for_function("() => Math.abs(document.querySelector('#player').currentTime - 6) < 0.5")
    assert _current(page) == ["cue-4"]
    page.locator("#cue-2 a.cue-time").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => Math.abs(document.querySelector('#player').currentTime - 2) < 0.5")
    assert page.url.endswith(f"{PAGE}?lang=en&t=2#cue-2") and _current(page) == ["cue-2"]


def test_playing_moves_the_highlight_and_announces_the_passage(server, page):
    _open(page, server)
    page.evaluate("() => { const a = document.querySelector('#player'); a.currentTime = 8.2; }")
    page.wait_for_function("() => document.querySelector('#cue-5').getAttribute('aria-current') === 'true'")
    assert _current(page) == ["cue-5"]
    page.evaluate("() => { const a = document.querySelector('#player'); a.currentTime = 3.5; }")
    page.wait_for_function("() => document.querySelector('#cue-2').getAttribute('aria-current') === 'true'")
    page.evaluate("() => { const a = document.querySelector('#player'); a.muted = true; a.play(); }")
    # Where the listening starts is announced at once; the next passage not before a few seconds.
    page.wait_for_function("() => document.querySelector('#cue-announcer').textContent.includes('Passage number 2')")
    page.wait_for_function("() => document.querySelector('#player').currentTime > 4.2")
    assert _current(page) == ["cue-3"]
    assert "Passage number 3" not in page.locator("#cue-announcer").inner_text()
    page.evaluate("document.querySelector('#player').pause()")
    assert page.evaluate("document.activeElement === document.body")  # following the sound never takes the focus


def test_a_moment_in_the_link_opens_the_player_there_without_playing(server, page):
    _open(page, server, "&t=7")
    page.wait_for_function("() => Math.abs(document.querySelector('#player').currentTime - 7) < 0.5")
    assert _current(page) == ["cue-4"]
    assert page.evaluate("document.querySelector('#player').paused")


def test_a_clip_plays_its_range_and_stops_at_its_end(server, page):
    _open(page, server, "&t=2-3.5")
    assert "Clip from 0:02 to 0:03" in page.locator(".clip-note").inner_text()
    assert "0:02–0:03" in page.locator("#clip-citation").input_value()
    page.evaluate("() => { const a = document.querySelector('#player'); a.muted = true; a.play(); }")
    page.wait_for_function("() => document.querySelector('#player').paused", timeout=10_000)
    assert 3.3 <= _time(page) <= 4.2


def test_share_this_moment_copies_a_link_to_the_current_time(server, page):
    _open(page, server)
    page.evaluate("document.querySelector('#player').currentTime = 6.4")
    page.wait_for_function("() => document.querySelector('#player').currentTime > 6")
    page.get_by_role("button", name="Share this moment").click()
    page.locator(".share-status").filter(has_text="Link to 0:06 copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{server}{PAGE}?t=6.4" == page.locator("input.share-link").input_value()


def test_the_search_filters_as_you_type_and_the_translation_shows_beside(server, page):
    _open(page, server)
    page.get_by_label("Search in this interview").fill("mine")
    page.wait_for_function("() => document.querySelectorAll('#transcript li:not([hidden])').length === 1")
    assert page.locator("#transcript li:not([hidden])").get_attribute("id") == "cue-4"
    page.get_by_role("status").filter(has_text="1 of 7 passages").wait_for()
    assert not page.locator("#cue-4 .cue-translation").is_visible()
    page.get_by_role("link", name="Side by side").click()
    assert page.locator("#cue-4 .cue-translation").is_visible() and "view=both" in page.url


def test_the_player_page_is_accessible_in_every_language_and_on_a_phone(server, page):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for lang in ("fr", "de", "en"):
        for query in ("", "&t=2-3.5&view=both", "&q=furnace"):
            page.goto(f"{server}{PAGE}?lang={lang}{query}")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{lang}{query}:\n{results.generate_report()}")
    page.set_viewport_size({"width": 320, "height": 640})
    for lang in ("fr", "de", "en"):
        page.goto(f"{server}{PAGE}?lang={lang}&view=both")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, lang
        results = axe.run(page, options=options)
        if results.violations_count:
            failures.append(f"{lang} at 320 px:\n{results.generate_report()}")
    assert not failures, "\n".join(failures)
