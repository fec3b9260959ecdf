"""Visits from plaques: a public page opened with `?via=qr` adds one to its (page, day) counter, keeps nothing
about the visitor, counts nothing for pages that are not public, and the curators see the counts."""

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from app.clock import utcnow
from app.plaque import visits
from app.plaque.models import PlaqueVisit
from tests.factories import login, make_user
from tests.interview.factories import make_interview
from tests.plaque.helpers import church, furnaces
from tests.web.html import parse


def counted(session) -> dict[tuple[str, object], int]:
    session.expire_all()
    return {(row.path, row.day): row.count for row in session.scalars(select(PlaqueVisit))}


def test_each_visit_from_a_plaque_adds_one_to_the_pages_count_of_the_day(client, session):
    item = church(session)
    path = f"/items/{item.identifier}"
    for expected in (1, 2, 3):
        assert client.get(f"{path}?via=qr").status_code == 200
        assert counted(session) == {(path, utcnow().date()): expected}


def test_the_page_is_served_as_usual_with_its_canonical_address(client, session):
    item = church(session)
    page = parse(client.get(f"/items/{item.identifier}?via=qr").text)
    assert page.find("link", rel="canonical").get("href") == f"http://testserver/items/{item.identifier}"


def test_exhibits_and_their_pages_count_under_their_own_addresses(client, session):
    exhibit = furnaces(session)
    client.get(f"/exhibits/{exhibit.slug}?via=qr")
    client.get(f"/exhibits/{exhibit.slug}/la-coulee?via=qr")
    client.get(f"/exhibits/{exhibit.slug}/la-coulee?via=qr&lang=de")
    today = utcnow().date()
    assert counted(session) == {
        (f"/exhibits/{exhibit.slug}", today): 1,
        (f"/exhibits/{exhibit.slug}/la-coulee", today): 2,
    }


def test_nothing_is_kept_about_the_visitor(client, session):
    item = church(session)
    path = f"/items/{item.identifier}"
    plain = client.get(path)
    client.cookies.clear()
    marked = client.get(f"{path}?via=qr", headers={"user-agent": "Mozilla/5.0 (Linux; Android 14) Mobile"})
    # The same cookies as any visit (none of them about plaques), and one counter of three columns, no visitor row.
    assert set(marked.cookies) == set(plain.cookies)
    assert {column["name"] for column in inspect(session.connection()).get_columns("plaque_visits")} == {
        "path",
        "day",
        "count",
    }
    assert counted(session) == {(path, utcnow().date()): 1}


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_pages_that_are_not_public_count_nothing(client, session, status):
    item = church(session, status=status)
    exhibit = furnaces(session, status=status)
    for address in (f"/items/{item.identifier}", f"/exhibits/{exhibit.slug}", f"/exhibits/{exhibit.slug}/la-coulee"):
        assert client.get(f"{address}?via=qr").status_code == 404
    assert counted(session) == {}


def test_unknown_and_restricted_pages_count_nothing(client, session):
    exhibit = furnaces(session)
    withdrawn = make_interview(session, "withdrawn")
    for address in ("/items/NOWHERE", f"/items/{withdrawn.identifier}", f"/exhibits/{exhibit.slug}/no-such-page"):
        assert client.get(f"{address}?via=qr").status_code == 404
    assert counted(session) == {}


@pytest.mark.parametrize(
    "query, headers",
    [
        ("", {}),
        ("?via=QR", {}),
        ("?via=qrcode", {}),
        ("?via=qr", {"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}),
        ("?via=qr", {"user-agent": "WhatsApp link preview"}),
    ],
)
def test_other_visits_and_robots_are_not_counted(client, session, query, headers):
    item = church(session)
    assert client.get(f"/items/{item.identifier}{query}", headers=headers).status_code == 200
    assert counted(session) == {}


def test_other_pages_with_the_mark_count_nothing(client, session):
    church(session)
    for address in ("/", "/items", "/exhibits", "/search?q=eglise"):
        client.get(f"{address}{'&' if '?' in address else '?'}via=qr")
    assert counted(session) == {}


def test_counts_of_the_last_30_days_and_in_all(session):
    today = utcnow().date()
    for days_ago in (0, 0, 29, 30, 400):
        visits.record(session, "/items/A", today - timedelta(days=days_ago))
    visits.record(session, "/items/B", today)
    assert visits.counts(session, ["/items/A", "/items/B", "/items/C"], today) == {
        "/items/A": (3, 5),
        "/items/B": (1, 1),
    }
    assert visits.most_visited(session, today) == [("/items/A", 3, 5), ("/items/B", 1, 1)]


def test_curators_see_the_counts_on_the_plaque_page(client, session):
    item = church(session)
    for _ in range(3):
        client.get(f"/items/{item.identifier}?via=qr")
    visits.record(session, f"/items/{item.identifier}", utcnow().date() - timedelta(days=45))
    login(client, make_user(session, role="curator"))
    page = parse(client.get(f"/workspace/plaques?records={item.identifier}&lang=en").text)
    assert "Visits from the QR code: 3 in the last 30 days, 4 in all." in page.text
    table = page.find("table", class_="plaque-visits")
    assert "Église Sainte-Barbe" in table.text and "3 4" in table.find("tbody").text.replace("Église Sainte-Barbe", "")


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_a_visit_is_one_upsert_in_each_database(dialect):
    # The PostgreSQL suite runs these tests on a real server (MUSEUM_TEST_DATABASE_URL); here, the statement each
    # dialect is sent: one INSERT that adds one to the day's row when it exists.
    from sqlalchemy.dialects import postgresql, sqlite

    compiled = str(
        visits.upsert(dialect, "/items/A", utcnow().date()).compile(
            dialect=postgresql.dialect() if dialect == "postgresql" else sqlite.dialect()
        )
    )
    assert compiled.startswith("INSERT INTO plaque_visits (path, day, count)")
    assert "ON CONFLICT (path, day) DO UPDATE SET count = (plaque_visits.count + " in compiled
