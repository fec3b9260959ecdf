"""The task board in a real headless Chromium: a trainee takes the next task and logs time, a supervisor sees it in
the review queue; axe finds nothing on the board, a task page and the review queue."""

from collections.abc import Iterator

import pytest

from app.account import service as account_service
from app.task.models import Task
from tests.web.browsing import axe_failures, launched, logged_in, require_chromium, served

require_chromium()
pytestmark = pytest.mark.browser
PASSWORD = "a task board password"


def fill(session) -> None:
    account_service.create(session, "lea", "curator", PASSWORD, display_name="Léa Trainee")
    account_service.create(session, "sam", "supervisor", PASSWORD, display_name="Sam Supervisor")
    session.add_all(
        [
            Task(type="catalogue_item", title="Cataloguer la photo de l'usine", difficulty=1),
            Task(type="translate", title="Traduire « La gare »", language="de", difficulty=2),
            Task(type="transcribe", title="Transcrire 10:00–15:00", start_seconds=600, end_seconds=900),
        ]
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("task-board"), fill) as (base, _made):
        yield base


@pytest.fixture(scope="module")
def browser():
    with launched() as browser:
        yield browser


def test_a_trainee_takes_the_next_task_and_a_supervisor_reviews_it(browser, server: str):
    trainee = logged_in(browser, server, "lea", PASSWORD)
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
    supervisor = logged_in(browser, server, "sam", PASSWORD)
    supervisor.goto(f"{server}/workspace/tasks/review?lang=en")
    assert "Cataloguer la photo de l'usine" in supervisor.content()
    failures += axe_failures(supervisor, server, ["/workspace/tasks/review", task_path, "/workspace/tasks/new"])
    assert not failures, "\n".join(failures)
