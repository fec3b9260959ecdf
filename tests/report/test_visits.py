"""Public visits counted on the server: a public page's successful GET adds one to its section's counter for the
day; errors, the workspace, files, robots count nothing; nothing is kept about the visitor."""

import time
import urllib.request

import pytest
from sqlalchemy import inspect, select

from app.clock import utcnow
from app.report import visits
from app.report.models import SiteVisit
from tests.factories import login, make_exhibit, make_item, make_user

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def counted(session, app=None) -> dict[str, int]:
    """The stored counts, once the app's waiting ones are written (into the test's transaction)."""
    if app is not None:
        app.state.visits.flush(visits.session_source(app))
    session.expire_all()
    return {row.section: row.count for row in session.scalars(select(SiteVisit))}


def get(client, path: str, agent: str = BROWSER):
    return client.get(path, headers={"user-agent": agent})


def test_a_public_page_counts_one_for_its_section_and_day(client, session, app):
    item = make_item(session)
    exhibit = make_exhibit(session, [item])
    for path in ("/", f"/items/{item.identifier}", "/items", f"/exhibits/{exhibit.slug}", "/collections"):
        assert get(client, path).status_code == 200
    get(client, f"/exhibits/{exhibit.slug}/debut")
    assert counted(session, app) == {"home": 1, "item": 2, "exhibit": 2, "collection": 1}
    assert {row.day for row in session.scalars(select(SiteVisit))} == {utcnow().date()}


def test_counts_add_up_over_several_writes(client, session, app):
    for expected in (1, 2, 3):
        get(client, "/tours")
        assert counted(session, app) == {"tour": expected}


@pytest.mark.parametrize(
    "path",
    [
        "/items/NO-SUCH-ITEM",  # 404
        "/workspace",  # refused to a visitor, and not public anyway
        "/static/museum.css",
        "/api/v1/items",
        "/robots.txt",
        "/favicon.ico",
    ],
)
def test_errors_workspace_files_and_api_count_nothing(client, session, app, path):
    get(client, path)
    assert counted(session, app) == {}


def test_a_staff_members_workspace_page_counts_nothing(client, session, app):
    login(client, make_user(session, role="supervisor"))
    assert get(client, "/workspace").status_code == 200
    assert counted(session, app) == {}


@pytest.mark.parametrize(
    "agent", ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "Slackbot-LinkExpanding 1.0"]
)
def test_robots_count_nothing(client, session, app, agent):
    get(client, "/", agent)
    assert counted(session, app) == {}


def test_nothing_is_kept_about_the_visitor(client, session, app):
    plain = client.get("/about")
    counts_before = counted(session, app)
    # No cookie of its own, and one counter of three columns: no address, browser or row per visit.
    assert "visit" not in " ".join(plain.cookies).lower()
    assert counts_before == {"about": 1}
    assert {column["name"] for column in inspect(session.connection()).get_columns("site_visits")} == {
        "day",
        "section",
        "count",
    }


def test_counts_wait_in_memory_and_are_written_at_shutdown(app, session):
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        get(client, "/")
        get(client, "/exhibits")
        assert counted(session) == {}  # not yet written: the counter writes every few seconds
        assert sum(app.state.visits.pending.values()) == 2
    assert counted(session) == {"home": 1, "exhibit": 1}


def test_a_failed_write_keeps_the_counts_for_the_next(session):
    counter = visits.VisitCounter()
    counter.add("home")

    def broken():
        raise RuntimeError("database away")
        yield  # pragma: no cover

    counter.flush(broken)
    assert sum(counter.pending.values()) == 1


def stored(app) -> dict[str, int]:
    with app.state.session_factory() as session:
        return {row.section: row.count for row in session.scalars(select(SiteVisit))}


def test_a_served_app_writes_its_counts_after_responses_in_its_own_transaction(live):
    app, url, _headers = live
    app.state.visits.interval = 0  # every counted visit is due to be written
    for path, expected in (
        ("/", {"home": 1}),
        ("/about", {"home": 1, "about": 1}),
        ("/about", {"home": 1, "about": 2}),
    ):
        with urllib.request.urlopen(urllib.request.Request(f"{url}{path}", headers={"user-agent": BROWSER})) as answer:
            assert answer.status == 200
        deadline = time.monotonic() + 10
        while stored(app) != expected and time.monotonic() < deadline:  # written just after the response
            time.sleep(0.05)
        assert stored(app) == expected
