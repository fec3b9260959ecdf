"""The queue's rules: transactional enqueue, dedupe by key, claims, leases, retries, inspection."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.clock import utcnow
from app.job import service as job_service
from app.job.models import DONE, FAILED, PENDING, RUNNING, Job
from tests.job.helpers import advance_clock, enqueue, load


def count_jobs(session_factory) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(Job))


def test_job_enqueued_in_a_rolled_back_transaction_does_not_exist(session_factory):
    with session_factory() as session:
        job_service.enqueue(session, "test.noop", {"n": 1})
        session.rollback()
    assert count_jobs(session_factory) == 0

    with session_factory.begin() as session:
        job_service.enqueue(session, "test.noop", {"n": 1})
    assert count_jobs(session_factory) == 1


def test_enqueue_with_a_key_reuses_the_pending_job(session_factory):
    later = utcnow() + timedelta(minutes=5)
    with session_factory.begin() as session:
        first = job_service.enqueue(session, "test.noop", {"n": 1}, key="item:1", run_after=later)
        again = job_service.enqueue(session, "test.noop", {"n": 1}, key="item:1", run_after=later)
        other = job_service.enqueue(session, "test.noop", {"n": 2}, key="item:2")
    assert again.id == first.id != other.id

    soon = enqueue(session_factory, "test.noop", {"n": 1}, key="item:1")
    assert soon == first.id
    assert count_jobs(session_factory) == 2
    # The earlier of the two wishes wins: the work is wanted now.
    assert load(session_factory, first.id).run_after < later


def test_enqueue_with_the_key_of_a_running_job_queues_a_new_one_that_waits_for_it(session_factory):
    running = enqueue(session_factory, "test.noop", key="item:1")
    assert job_service.claim(session_factory, worker_id="a").id == running

    # The running job may have read the data before this change: the change needs a new run...
    queued = enqueue(session_factory, "test.noop", key="item:1")
    assert queued != running
    assert enqueue(session_factory, "test.noop", key="item:1") == queued
    # ...but not at the same time as the running one, which could then overwrite its result.
    assert job_service.claim(session_factory, worker_id="b") is None

    assert job_service.complete(session_factory, running)
    assert job_service.claim(session_factory, worker_id="b").id == queued


def test_enqueue_after_the_keyed_job_is_done_queues_a_new_one(session_factory):
    first = enqueue(session_factory, "test.noop", key="item:1")
    job_service.claim(session_factory, worker_id="a")
    job_service.complete(session_factory, first)
    assert enqueue(session_factory, "test.noop", key="item:1") != first


def test_claim_takes_the_oldest_due_job_and_leaves_future_ones(session_factory):
    newer = enqueue(session_factory, "test.noop", run_after=utcnow() - timedelta(seconds=1))
    older = enqueue(session_factory, "test.noop", run_after=utcnow() - timedelta(seconds=10))
    enqueue(session_factory, "test.noop", run_after=utcnow() + timedelta(hours=1))

    claimed = [job_service.claim(session_factory, worker_id="a") for _ in range(3)]

    assert [job.id if job else None for job in claimed] == [older, newer, None]
    assert claimed[0].status == RUNNING and claimed[0].attempts == 1
    assert claimed[0].locked_until > utcnow()


def test_job_of_a_crashed_worker_is_claimed_again_once_its_lease_expires(session_factory):
    job_id = enqueue(session_factory, "test.noop")
    crashed = job_service.claim(session_factory, worker_id="crashed", lease=timedelta(minutes=1))
    assert job_service.claim(session_factory, worker_id="other") is None

    advance_clock(session_factory, timedelta(minutes=2))
    retaken = job_service.claim(session_factory, worker_id="other")

    assert retaken.id == job_id and retaken.attempts == 2
    # The first worker, were it only slow, can no longer record anything for that job.
    assert not job_service.complete(session_factory, job_id, attempt=crashed.attempts)
    assert job_service.fail(session_factory, job_id, "late", attempt=crashed.attempts) is None
    assert job_service.complete(session_factory, job_id, attempt=retaken.attempts)
    assert load(session_factory, job_id).status == DONE


def test_crash_during_the_last_attempt_fails_the_job(session_factory):
    job_id = enqueue(session_factory, "test.noop", max_attempts=1)
    job_service.claim(session_factory, worker_id="crashed", lease=timedelta(minutes=1))
    advance_clock(session_factory, timedelta(minutes=2))

    assert job_service.claim(session_factory, worker_id="other") is None
    job = load(session_factory, job_id)
    assert job.status == FAILED
    assert "lease expired on the last attempt" in job.last_error


def test_failed_attempts_back_off_then_fail_for_good_keeping_the_error(session_factory):
    job_id = enqueue(session_factory, "test.noop", max_attempts=3)
    delays = []
    for attempt in (1, 2):
        job_service.claim(session_factory, worker_id="a")
        job = job_service.fail(session_factory, job_id, f"error {attempt}")
        delays.append(round((job.run_after - utcnow()).total_seconds()))
        assert job.status == PENDING
        assert job_service.claim(session_factory, worker_id="a") is None
        advance_clock(session_factory, job_service.backoff(attempt))
    job_service.claim(session_factory, worker_id="a")
    job = job_service.fail(session_factory, job_id, "error 3")

    assert delays == [30, 60]
    assert (job.status, job.attempts, job.last_error) == (FAILED, 3, "error 3")
    assert job.finished_at is not None


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [(1, timedelta(seconds=30)), (2, timedelta(minutes=1)), (5, timedelta(minutes=8)), (20, timedelta(hours=1))],
)
def test_backoff_doubles_up_to_an_hour(attempts, wait):
    assert job_service.backoff(attempts) == wait


def test_stats_list_every_status(session_factory):
    for _ in range(3):
        enqueue(session_factory, "test.noop")
    with session_factory() as session:
        assert job_service.stats(session) == {PENDING: 3, RUNNING: 0, DONE: 0, FAILED: 0}
    job_service.complete(session_factory, job_service.claim(session_factory, worker_id="a").id)
    job_service.claim(session_factory, worker_id="a")
    with session_factory() as session:
        assert job_service.stats(session) == {PENDING: 1, RUNNING: 1, DONE: 1, FAILED: 0}


def failed_job(session_factory, error: str) -> int:
    job_id = enqueue(session_factory, "test.noop", max_attempts=1)
    job_service.claim(session_factory, worker_id="a")
    job_service.fail(session_factory, job_id, error)
    return job_id


def test_failed_jobs_are_listed_newest_first_and_can_be_retried(session_factory):
    first, second, third = (failed_job(session_factory, f"error {n}") for n in (1, 2, 3))
    with session_factory() as session:
        assert [job.id for job in job_service.failed(session, limit=2)] == [third, second]

    with session_factory.begin() as session:
        assert job_service.retry_failed(session, [first, 999]) == [first]
    retried = load(session_factory, first)
    assert (retried.status, retried.attempts, retried.finished_at) == (PENDING, 0, None)
    assert retried.last_error == "error 1"

    with session_factory.begin() as session:
        assert job_service.retry_failed(session) == [second, third]
    assert job_service.claim(session_factory, worker_id="a").id == first


def test_purge_deletes_only_old_done_jobs(session_factory):
    old, recent = enqueue(session_factory, "test.noop"), enqueue(session_factory, "test.noop")
    for job_id in (old, recent):
        job_service.claim(session_factory, worker_id="a")
        job_service.complete(session_factory, job_id)
    failed = failed_job(session_factory, "kept")
    with session_factory.begin() as session:
        session.get(Job, old).finished_at -= timedelta(days=8)
        session.get(Job, failed).finished_at -= timedelta(days=8)

    with session_factory.begin() as session:
        assert job_service.purge_done(session, timedelta(days=7)) == 1
    with session_factory() as session:
        assert sorted(session.scalars(select(Job.id))) == [recent, failed]
