"""The transcript editor in a real headless Chromium: the keys set a cue's time from the player, axe finds nothing."""

import math
import os
import shutil
import struct
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import LANGUAGES, Settings
from app.db import make_engine
from app.interview.models import Cue, IndexSegment
from app.item import search as item_search
from app.main import create_app
from app.media.service import attach
from app.search.index import SearchIndex
from tests.factories import make_item
from tests.migrate import upgrade
from tests.web.browsing import CHROMIUM_ARGS
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARGS = CHROMIUM_ARGS
PASSWORD = "an editor test password"
IDENTIFIER = "ENTRETIEN-EDITEUR"


def tone(path: Path, seconds: float = 12.0, rate: int = 8000) -> Path:
    """A mono 16-bit WAV of a quiet 440 Hz tone, long enough to seek in."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        samples = (int(3000 * math.sin(2 * math.pi * 440 * n / rate)) for n in range(int(seconds * rate)))
        out.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return path


def seed(session: Session, settings: Settings, workdir: Path) -> None:
    """A draft interview with a twelve-second recording, three cues (the second overlaps) and one segment."""
    account_service.create(session, "nadia", "curator", PASSWORD, display_name="Nadia Benali")
    item = make_item(session, identifier=IDENTIFIER, kind="interview", status="draft", title="Entretien avec Mario")
    rows = [(0.0, 4.0, "Je suis arrivé en 1952."), (3.5, 8.0, "Mon père travaillait à l'usine."), (8.0, 11.0, "Fin.")]
    for position, (start, end, text) in enumerate(rows):
        session.add(
            Cue(item_id=item.id, position=position, start_seconds=start, end_seconds=end, language="fr", text=text)
        )
    session.add(IndexSegment(item_id=item.id, position=0, start_seconds=0.0, language="fr", title="L'arrivée"))
    session.refresh(item, ["media"])
    attach(session, item, tone(workdir / "entretien.wav"), settings, filename="entretien.wav")
    # A second cassette, with a cue of its own: the player loads it for that cue.
    side_b = attach(session, item, tone(workdir / "face-b.wav", 6.0, 11025), settings, filename="face-b.wav")
    session.add(
        Cue(
            item_id=item.id,
            position=3,
            start_seconds=2.0,
            end_seconds=5.0,
            language="fr",
            text="Sur la deuxième cassette.",
            media_id=side_b.id,
        )
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("editor-browser")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        seed(session, settings, workdir)
        session.commit()
        SearchIndex(settings.index_dir).rebuild(item_search.documents(session))
    engine.dispose()
    with live_server(create_app(settings)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM, "chromium is required in CI"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
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


def _player_at(page: Page, seconds: float) -> None:
    page.wait_for_function("() => document.getElementById('cue-player').readyState >= 1")
    page.evaluate(f"document.getElementById('cue-player').currentTime = {seconds}")
    page.wait_for_function(f"() => Math.abs(document.getElementById('cue-player').currentTime - {seconds}) < 0.05")


def test_alt_s_sets_the_focused_cues_start_to_the_players_time_and_saves_it(server, page):
    page.goto(f"{server}/workspace/items/{IDENTIFIER}/transcript?lang=en")
    _player_at(page, 4.25)
    second = page.locator(".cue").nth(1)
    second.locator("textarea[name=text]").focus()
    page.keyboard.press("Alt+s")
    page.wait_for_function("() => document.querySelectorAll('.cue')[1].querySelector('.cue-status').textContent")
    assert second.locator(".cue-status").text_content().startswith("The cue has been saved.")
    assert second.locator("input[name=start]").input_value() == "4.25"
    page.reload()
    assert page.locator(".cue").nth(1).locator("input[name=start]").input_value() == "4.25"
    assert not page.locator(".cue-flags-summary").is_visible()  # it no longer overlaps the first cue
    _player_at(page, 10.5)
    page.locator(".cue").nth(2).locator("input[name=speaker]").focus()
    page.keyboard.press("Alt+e")
    page.wait_for_function("() => document.querySelectorAll('.cue')[2].querySelector('.cue-status').textContent")
    page.reload()
    assert page.locator(".cue").nth(2).locator("input[name=end]").input_value() == "10.5"


def test_clicking_a_cues_time_seeks_the_player(server, page):
    page.goto(f"{server}/workspace/items/{IDENTIFIER}/transcript?lang=en")
    page.wait_for_function("() => document.getElementById('cue-player').readyState >= 1")
    page.locator(".cue").nth(2).locator("a.cue-time").click()
    page.wait_for_function("() => document.getElementById('cue-player').currentTime >= 8")
    assert page.evaluate("document.activeElement.name") == "text"


def test_a_cue_of_the_second_recording_plays_that_recording(server, page):
    page.goto(f"{server}/workspace/items/{IDENTIFIER}/transcript?lang=en")
    page.wait_for_function("() => document.getElementById('cue-player').readyState >= 1")
    first_src = page.evaluate("document.getElementById('cue-player').currentSrc")
    fourth = page.locator(".cue").nth(3)
    assert "Part 2" in fourth.locator("legend").text_content()
    fourth.locator("a.cue-time").click()
    page.wait_for_function("() => document.getElementById('cue-player').dataset.part === '2'")
    page.wait_for_function("() => document.getElementById('cue-player').currentTime >= 2")
    assert page.evaluate("document.getElementById('cue-player').currentSrc") != first_src
    page.evaluate("document.getElementById('cue-player').pause()")
    first = page.locator(".cue").nth(0)
    first.locator("textarea[name=text]").focus()
    page.keyboard.press("Alt+s")  # the first cue goes with part 1, not the recording playing
    assert first.locator(".cue-status").text_content().startswith("This cue goes with part 1")
    page.locator(".cue").nth(0).locator("a.cue-time").click()
    page.wait_for_function("() => document.getElementById('cue-player').dataset.part === '1'")
    assert page.evaluate("document.getElementById('cue-player').currentSrc") == first_src


def test_the_editors_have_no_wcag_21_aa_violations(server, page):
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for lang in LANGUAGES:
        for tail in ("transcript", "index"):
            page.goto(f"{server}/workspace/items/{IDENTIFIER}/{tail}?lang={lang}")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{tail} ({lang}):\n{results.generate_report()}")
    page.set_viewport_size({"width": 320, "height": 640})
    for tail in ("transcript", "index"):
        page.goto(f"{server}/workspace/items/{IDENTIFIER}/{tail}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, tail
    assert not failures, "\n".join(failures)


def test_alt_x_splits_the_cue_at_the_caret(server, page):
    page.goto(f"{server}/workspace/items/{IDENTIFIER}/transcript?lang=en")
    text = page.locator(".cue").nth(0).locator("textarea[name=text]")
    text.focus()
    text.evaluate("element => element.setSelectionRange(8, 8)")
    with page.expect_navigation():
        page.keyboard.press("Alt+x")
    assert page.locator(".notice").text_content().strip() == "The cue has been split in two."
    texts = [t.input_value() for t in page.locator(".cue textarea[name=text]").all()]
    assert texts[:2] == ["Je suis", "arrivé en 1952."]
