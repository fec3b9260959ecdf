"""Two `museum serve` processes and two `museum worker` processes over one PostgreSQL database behave as one museum:
what one server signs or counts, the other accepts and counts; what one saves, the other shows at once; every job
is done once, by one of the workers."""

import re
import time
from datetime import timedelta

import httpx2 as httpx
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.job.models import DONE, RUNNING, Job
from app.search.sync import INDEX_JOB
from bench.cluster import Cluster
from tests.factories import PASSWORD, make_item

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
JOB_LINE = re.compile(r"^job (\d+) [\w.-]+: done", re.MULTILINE)


def _token(browser: httpx.Client, page: str) -> str:
    found = TOKEN.search(browser.get(page).text)
    assert found, f"no CSRF token on {page}"
    return found.group(1)


def _login(browser: httpx.Client, server: str, password: str = PASSWORD, name: str = "directrice") -> httpx.Response:
    token = _token(browser, f"{server}/login")
    fields = {"csrf_token": token, "name": name, "password": password}
    return browser.post(f"{server}/login", data=fields, headers={"origin": server})


def _api(browser: httpx.Client, server: str, token: str, path: str, body: dict | None = None) -> httpx.Response:
    headers = {"origin": server, "x-csrf-token": token}
    return browser.post(f"{server}/api/v1/items{path}", json=body or {}, headers=headers)


def test_a_login_and_a_form_token_from_server_a_are_accepted_by_server_b(cluster: Cluster, browser: httpx.Client):
    a, b = cluster.url("a"), cluster.url("b")
    assert _login(browser, a).status_code == 303
    assert browser.get(f"{b}/workspace").status_code == 200
    token = _token(browser, f"{a}/workspace")
    created = _api(browser, b, token, "", {"kind": "building", "titles": {"fr": "Cité ouvrière de Butte"}})
    assert created.status_code == 201, created.text
    assert _api(browser, b, token[::-1], "", {"kind": "building", "titles": {"fr": "Forgé"}}).status_code == 403


def test_failed_logins_are_counted_across_servers(cluster: Cluster, browser: httpx.Client):
    a, b = cluster.url("a"), cluster.url("b")
    assert _login(browser, a).status_code == 303  # the owner's address is known from now on
    # MUSEUM_LOGIN_MAX_FAILURES=4: two failures on each server, and the fourth already waits, on either.
    statuses = [_login(browser, server, "guess", name="guetteur").status_code for server in (a, b, a, b)]
    assert statuses == [400, 400, 400, 429]
    refused = _login(browser, a, "guess", name="guetteur")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert _login(browser, b).status_code == 303  # nobody locks the owner out, on any server


def test_an_item_withdrawn_on_server_a_leaves_server_b_at_once(cluster: Cluster, browser: httpx.Client):
    a, b = cluster.url("a"), cluster.url("b")
    assert "Haut-fourneau de la Paix" in browser.get(f"{b}/exhibits/forges/debut").text
    assert browser.get(f"{b}/items/DEP-0001").status_code == 200
    assert _login(browser, b).status_code == 303
    withdrawn = _api(browser, a, _token(browser, f"{a}/workspace"), "/DEP-0001/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert browser.get(f"{b}/items/DEP-0001").status_code == 404
    page = browser.get(f"{b}/exhibits/forges/debut")
    assert page.status_code == 200 and "Haut-fourneau de la Paix" not in page.text


def test_jobs_enqueued_through_server_a_are_each_done_once_by_one_worker(cluster: Cluster, browser: httpx.Client):
    a = cluster.url("a")
    assert _login(browser, a).status_code == 303
    token = _token(browser, f"{a}/workspace")
    for number in range(12):
        body = {"kind": "building", "titles": {"fr": f"Maison de mineur {number}"}}
        assert _api(browser, a, token, "", body).status_code == 201
    jobs = _all_done(cluster)
    done_by = [int(job_id) for worker in ("w1", "w2") for job_id in JOB_LINE.findall(cluster.log(worker))]
    assert sorted(done_by) == sorted({job.id for job in jobs})
    assert all(job.attempts == 1 for job in jobs)


def test_server_b_finds_what_server_a_published_once_a_worker_indexed_it(cluster: Cluster, browser: httpx.Client):
    a, b = cluster.url("a"), cluster.url("b")
    assert _login(browser, a).status_code == 303
    token = _token(browser, f"{a}/workspace")
    body = {"kind": "building", "titles": {"fr": "Lavoir de Cantebonne"}}
    identifier = _api(browser, a, token, "", body).json()["identifier"]
    assert _api(browser, a, token, f"/{identifier}/submit").status_code == 200
    assert _api(browser, a, token, f"/{identifier}/publish").status_code == 200
    _all_done(cluster)
    assert all(_found_within(browser, server, "Cantebonne", identifier, seconds=10) for server in (a, b))


def test_a_job_left_running_by_a_dead_worker_is_done_by_another_once_its_lease_ran_out(
    cluster: Cluster, browser: httpx.Client
):
    engine = create_engine(cluster.environment["MUSEUM_DATABASE_URL"])
    with Session(engine) as session:
        item = make_item(session, identifier="DEP-0002", title="Chevalement de la mine Bassompierre")
        # As a worker killed after its claim leaves it: running, its attempt counted, its lease over.
        job = Job(kind=INDEX_JOB, payload={"item_ids": [item.id]}, status=RUNNING, attempts=1)
        job.locked_until = utcnow() - timedelta(seconds=1)
        session.add(job)
        session.commit()
        job_id = job.id
    engine.dispose()
    done = {job.id: job for job in _all_done(cluster)}
    assert done[job_id].attempts == 2
    assert [w for w in ("w1", "w2") if str(job_id) in JOB_LINE.findall(cluster.log(w))] in (["w1"], ["w2"])
    # Server b's Whoosh reader sees the worker's write at its next search, or within a few seconds (observed:
    # not always at once, see the report; MUSEUM_SEARCH_ENGINE=postgres has no reader to refresh).
    assert _found_within(browser, cluster.url("b"), "Bassompierre", "DEP-0002", seconds=10)


def _found_within(browser: httpx.Client, server: str, words: str, identifier: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if identifier in browser.get(f"{server}/api/v1/search", params={"q": words}).text:
            return True
        time.sleep(0.5)
    return False


def _all_done(cluster: Cluster, seconds: float = 60) -> list[Job]:
    """Every job, once none is left pending or running (the workers poll every second)."""
    engine = create_engine(cluster.environment["MUSEUM_DATABASE_URL"])
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            with engine.connect() as connection:
                jobs = list(connection.execute(select(Job)))
            if all(job.status == DONE for job in jobs if job.run_after <= utcnow() + timedelta(seconds=1)):
                return [job for job in jobs if job.status == DONE]
            time.sleep(0.5)
    finally:
        engine.dispose()
    pytest.fail("the workers did not run the jobs within a minute")
