"""What the browser tests share: Chromium (a test module skips, with the reason, when it is missing, except in CI
where it must run), a live server over a freshly migrated database, logging in through the login form, and axe over
a list of pages at a desktop and a phone width."""

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.main import create_app
from tests.migrate import upgrade
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # No network here: a name outside this machine (a map's tiles) fails at once instead of after the resolver's
    # 5-second wait; a test that checks such a request still sees it (page.route runs first).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
WIDTHS = (1280, 320)


def require_chromium() -> None:
    """Skip the calling test module when Chromium is missing, except in CI, where the tests then fail."""
    if not CHROMIUM and os.environ.get("CI") != "true":
        pytest.skip(
            "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
        )


@contextmanager
def launched() -> Iterator[Any]:
    """A headless Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def served(workdir: Path, fill: Callable[[Session], Any], **settings: Any) -> Iterator[tuple[str, Any]]:
    """The app live over a new migrated SQLite database that `fill` fills: (its base URL, what `fill` returned)."""
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    defaults = {"media_dir": workdir / "media", "index_dir": workdir / "index", "secret_key_file": workdir / "secret"}
    defaults["badge_key_file"] = workdir / "badge_key.pem"
    engine = make_engine(url)
    with Session(engine) as session:
        made = fill(session)
        session.commit()
    engine.dispose()
    with live_server(create_app(Settings(database_url=url, **(defaults | settings)))) as base:
        yield base, made


def logged_in(browser: Any, base: str, name: str, password: str) -> Any:
    """A new page of its own browser context, logged in as `name` through the login form."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("Login name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    return page


def axe_failures(page: Any, base: str, paths: list[str], lang: str = "en") -> list[str]:
    """What axe finds on each page at each width, and the pages wider than the screen (none: an empty list)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in paths:
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} at {width} px:\n{results.generate_report()}")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                failures.append(f"{path} is {scroll} px wide at {width} px")
    return failures
