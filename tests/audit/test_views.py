"""The audit log page: supervisors and administrators only, newest first, by action, page by page."""

import pytest

from app.audit import service as audit
from tests.factories import login, make_user
from tests.web.html import parse


@pytest.fixture
def events(session):
    admin = make_user(session, "boss", role="admin")
    nadia = make_user(session, "nadia")
    for n in range(60):
        audit.record(session, "login", actor=nadia, target=nadia, address=f"10.0.0.{n}")
    audit.record(session, "user.role", actor=admin, target=nadia, details={"from": "curator", "to": "supervisor"})
    session.flush()
    return admin


def test_the_log_lists_events_newest_first_with_who_what_and_where(client, session, events):
    login(client, events)
    doc = parse(client.get("/workspace/audit?lang=en").text)
    first = doc.find("tbody").find("tr").text
    assert "boss" in first and "Role changed" in first and "user nadia" in first and "to: supervisor" in first
    assert "61 events" in doc.find(class_="page-status").text
    assert len(doc.find("tbody").find_all("tr")) == 50


def test_the_log_is_filtered_by_action_and_paginated(client, session, events):
    login(client, events)
    doc = parse(client.get("/workspace/audit?action=user.role").text)
    assert len(doc.find("tbody").find_all("tr")) == 1
    second = parse(client.get("/workspace/audit?action=login&page=2").text)
    assert len(second.find("tbody").find_all("tr")) == 10
    assert client.get("/workspace/audit?page=9").status_code == 404
    assert client.get("/workspace/audit?action=nonsense").status_code == 400


@pytest.mark.parametrize("role, status", [("supervisor", 200), ("admin", 200), ("curator", 403), ("contributor", 403)])
def test_only_supervisors_and_administrators_read_it(client, session, role, status):
    login(client, make_user(session, role=role))
    assert client.get("/workspace/audit").status_code == status


def test_an_empty_log_says_so(client, session):
    login(client, make_user(session, role="supervisor"))
    assert "Rien n’a encore été enregistré." in client.get("/workspace/audit").text
