"""Workers run each job's handler in its own transaction, survive failures, and share the queue."""

import threading
import time
from datetime import timedelta

from app.job import service as job_service
from app.job.models import DONE, FAILED, PENDING, RUNNING
from app.job.worker import LOST, BackgroundWorker, Outcome, run, run_once
from tests.job.handlers import slow_release, slow_started
from tests.job.helpers import advance_clock, effect_counts, enqueue, load, wait_until


def test_job_runs_once_and_is_done(session_factory, job_context):
    job_id = enqueue(session_factory, "test.record", {"n": 7})
    outcomes: list[Outcome] = []

    assert run_once(session_factory, job_context, worker_id="w", report=outcomes.append)
    assert not run_once(session_factory, job_context, worker_id="w")

    job = load(session_factory, job_id)
    assert (job.status, job.attempts, job.locked_until) == (DONE, 1, None)
    assert job.finished_at is not None
    assert effect_counts(session_factory) == {7: 1}
    assert [(o.job_id, o.kind, o.status) for o in outcomes] == [(job_id, "test.record", DONE)]


def test_failing_handler_is_retried_with_backoff_then_failed_with_its_error(session_factory, job_context):
    job_id = enqueue(session_factory, "test.fail", {"message": "no such file"}, max_attempts=3)
    outcomes: list[Outcome] = []
    for _ in range(3):
        assert run_once(session_factory, job_context, worker_id="w", report=outcomes.append)
        # The next try waits for its backoff.
        assert not run_once(session_factory, job_context, worker_id="w")
        advance_clock(session_factory, timedelta(hours=1))

    assert [(o.status, o.attempts) for o in outcomes] == [(PENDING, 1), (PENDING, 2), (FAILED, 3)]
    assert outcomes[0].run_after is not None and outcomes[2].run_after is None
    job = load(session_factory, job_id)
    assert job.status == FAILED
    assert job.last_error.startswith("ValueError: no such file\n")
    assert "Traceback" in job.last_error


def test_handler_writes_are_rolled_back_when_it_fails(session_factory, job_context):
    job_id = enqueue(session_factory, "test.record_then_fail", {"n": 1}, max_attempts=1)

    run_once(session_factory, job_context, worker_id="w")

    assert effect_counts(session_factory) == {}
    job = load(session_factory, job_id)
    assert job.status == FAILED
    assert job.last_error.startswith("RuntimeError: failed half-way through 1")


def test_job_of_unknown_kind_fails_with_a_clear_error(session_factory, job_context):
    job_id = enqueue(session_factory, "nobody.handles_this", max_attempts=1)

    run_once(session_factory, job_context, worker_id="w")

    job = load(session_factory, job_id)
    assert job.status == FAILED
    first_line = job.last_error.splitlines()[0]
    assert "no handler registered for job kind 'nobody.handles_this'" in first_line
    assert "HANDLER_MODULES" in first_line


def test_worker_whose_lease_was_taken_over_before_it_started_does_not_run_the_job(
    session_factory, job_context, monkeypatch
):
    job_id = enqueue(session_factory, "test.record", {"n": 1})

    def claim_then_stall(session_factory, **options):
        job = real_claim(session_factory, **options)
        advance_clock(session_factory, timedelta(hours=1))
        real_claim(session_factory, worker_id="other")
        return job

    real_claim = job_service.claim
    monkeypatch.setattr(job_service, "claim", claim_then_stall)
    outcomes: list[Outcome] = []

    assert run_once(session_factory, job_context, worker_id="stalled", report=outcomes.append)

    assert [o.status for o in outcomes] == [LOST]
    assert effect_counts(session_factory) == {}
    job = load(session_factory, job_id)
    assert (job.status, job.attempts) == (RUNNING, 2)


def test_two_threads_drain_200_jobs_running_each_exactly_once(session_factory, job_context):
    with session_factory.begin() as session:
        for n in range(200):
            job_service.enqueue(session, "test.record", {"n": n})
    outcomes: list[Outcome] = []
    worker = BackgroundWorker(session_factory, job_context, threads=2, drain=True, report=outcomes.append)

    worker.start()
    assert worker.join(timeout=60)

    assert effect_counts(session_factory) == {n: 1 for n in range(200)}
    with session_factory() as session:
        assert job_service.stats(session)[DONE] == 200
    assert sorted(o.status for o in outcomes) == [DONE] * 200
    assert len({o.worker_id for o in outcomes}) == 2


def test_background_worker_runs_a_job_promptly_when_woken_and_stops_cleanly(session_factory, job_context):
    worker = BackgroundWorker(session_factory, job_context, threads=2, poll_interval=60)
    worker.start()
    try:
        time.sleep(0.05)  # both threads are now asleep for a minute
        enqueue(session_factory, "test.record", {"n": 1})
        worker.wake()
        assert wait_until(lambda: effect_counts(session_factory) == {1: 1}) < 2
    finally:
        assert worker.stop(timeout=5)


def test_background_worker_wakes_when_the_session_that_enqueued_commits(session_factory, job_context):
    worker = BackgroundWorker(session_factory, job_context, poll_interval=60)
    worker.start()
    try:
        time.sleep(0.05)
        with session_factory.begin() as session:
            job_service.enqueue(session, "test.record", {"n": 2})
            worker.wake_after_commit(session)
        assert wait_until(lambda: effect_counts(session_factory) == {2: 1}) < 2
    finally:
        assert worker.stop(timeout=5)


def test_stop_lets_the_running_job_finish(session_factory, job_context):
    slow_started.clear()
    slow_release.clear()
    job_id = enqueue(session_factory, "test.slow", {"n": 1})
    worker = BackgroundWorker(session_factory, job_context, poll_interval=0.01)
    worker.start()
    assert slow_started.wait(5)

    assert not worker.stop(timeout=0.1)
    assert load(session_factory, job_id).status == RUNNING
    slow_release.set()
    assert worker.join(timeout=5)
    assert load(session_factory, job_id).status == DONE


def test_work_a_handler_does_before_using_its_session_blocks_no_other_writer(session_factory, job_context):
    slow_started.clear()
    slow_release.clear()
    enqueue(session_factory, "test.slow", {"n": 1})
    worker = BackgroundWorker(session_factory, job_context)
    worker.start()
    try:
        assert slow_started.wait(5)
        # On SQLite a held write lock would make this wait for busy_timeout, then fail.
        started = time.monotonic()
        enqueue(session_factory, "test.record", {"n": 2})
        assert time.monotonic() - started < 1
        slow_release.set()
        wait_until(lambda: effect_counts(session_factory) == {1: 1, 2: 1})
    finally:
        assert worker.stop(timeout=5)


def test_run_keeps_going_when_the_database_fails(session_factory, job_context, monkeypatch, caplog):
    def flaky_claim(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("database went away")
        return real_claim(*args, **kwargs)

    calls, real_claim = [], job_service.claim
    monkeypatch.setattr(job_service, "claim", flaky_claim)
    enqueue(session_factory, "test.record", {"n": 3})
    stop = threading.Event()
    errors: list[int] = []
    thread = threading.Thread(
        target=lambda: errors.append(run(session_factory, job_context, stop=stop, poll_interval=0.01))
    )
    thread.start()
    try:
        wait_until(lambda: effect_counts(session_factory) == {3: 1})
    finally:
        stop.set()
        thread.join(5)

    assert errors == [1]
    assert "could not claim or record a job" in caplog.text


def test_drain_ends_when_the_database_fails(session_factory, job_context, monkeypatch):
    def broken_claim(*args, **kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(job_service, "claim", broken_claim)
    worker = BackgroundWorker(session_factory, job_context, threads=2, drain=True)

    worker.start()

    assert worker.join(timeout=5)
    assert worker.errors == 2
