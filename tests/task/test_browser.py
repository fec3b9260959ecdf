"""The task board in a real headless Chromium: a trainee takes the next task and logs time, a supervisor sees it in
the review queue; axe finds nothing on the board, a task page and the review queue."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import Settings
from app.db import make_engine
from app.main import create_app
from app.task.models import Task
from tests.migrate import upgrade
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
    )

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from tests.web.test_browser import CHROMIUM_ARGS, WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "a task board password"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("task-board")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        account_service.create(session, "lea", "curator", PASSWORD, display_name="Léa Trainee")
        account_service.create(session, "sam", "supervisor", PASSWORD, display_name="Sam Supervisor")
        session.add_all(
            [
                Task(type="catalogue_item", title="Cataloguer la photo de l'usine", difficulty=1),
                Task(type="translate", title="Traduire « La gare »", language="de", difficulty=2),
                Task(type="transcribe", title="Transcrire 10:00–15:00", start_seconds=600, end_seconds=900),
            ]
        )
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


def logged_in(browser: Browser, server: str, name: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server}/login?lang=en")
    page.get_by_label("Login name").fill(name)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    return page


def axe_failures(page: Page, server: str, paths: list[str]) -> list[str]:
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    failures = []
    for path in paths:
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{server}{path}{'&' if '?' in path else '?'}lang=en")
            results = axe.run(page, options=options)
            if results.violations_count:
                failures.append(f"{path} at {width} px:\n{results.generate_report()}")
            if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
                failures.append(f"{path} is {scroll} px wide at {width} px")
    return failures


def test_a_trainee_takes_the_next_task_and_a_supervisor_reviews_it(browser: Browser, server: str):
    trainee = logged_in(browser, server, "lea")
    trainee.goto(f"{server}/workspace/tasks?lang=en")
    trainee.get_by_role("button", name="Give me the next task").click()
    trainee.wait_for_url("**/workspace/tasks/*?done=claimed")
    task_path = trainee.url.split(server)[1].split("?")[0]
    trainee.get_by_label("Or enter minutes spent (1 to 600)").fill("25")
    trainee.get_by_role("button", name="Log the time").click()
    trainee.wait_for_url("**?done=minutes")
    failures = axe_failures(
        trainee, server, ["/workspace/tasks", "/workspace/tasks?type=translate&state=open", task_path]
    )
    trainee.get_by_role("button", name="Submit for review").click()
    trainee.wait_for_url("**?done=submitted")
    supervisor = logged_in(browser, server, "sam")
    supervisor.goto(f"{server}/workspace/tasks/review?lang=en")
    assert "Cataloguer la photo de l'usine" in supervisor.content()
    failures += axe_failures(supervisor, server, ["/workspace/tasks/review", task_path, "/workspace/tasks/new"])
    assert not failures, "\n".join(failures)
