"""`museum worker` and `museum jobs` against the test's own database."""

import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from app.config import ROOT
from app.job import registry
from app.job import service as job_service
from app.job.cli import jobs_command, worker_command
from app.job.models import DONE, FAILED, PENDING
from tests.job.helpers import effect_counts, enqueue, load, wait_until


@pytest.fixture
def cli_env(job_database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("MUSEUM_DATABASE_URL", job_database_url)
    monkeypatch.setenv("MUSEUM_MEDIA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("MUSEUM_INDEX_DIR", str(tmp_path / "index"))
    # The command loads the handlers the way production does: from HANDLER_MODULES.
    monkeypatch.setattr(registry, "HANDLER_MODULES", ("tests.job.handlers",))


def invoke(command, *args: str, exit_code: int = 0):
    result = CliRunner().invoke(command, list(args))
    assert result.exit_code == exit_code, result.output
    return result.output


def test_worker_drain_runs_every_due_job_then_exits(cli_env, session_factory):
    for n in range(3):
        enqueue(session_factory, "test.record", {"n": n})
    broken = enqueue(session_factory, "test.fail", {"message": "cannot read scan.tif"}, max_attempts=2)

    output = invoke(worker_command, "--drain", "--threads", "2")

    assert effect_counts(session_factory) == {0: 1, 1: 1, 2: 1}
    assert output.count(": done in ") == 3
    assert f"job {broken} test.fail: attempt 1/2 failed, retry in 30 s: ValueError: cannot read scan.tif" in output
    assert "4 jobs run: 3 done, 1 to retry later, 0 failed." in output
    assert load(session_factory, broken).status == PENDING


def test_worker_once_runs_a_single_job(cli_env, session_factory):
    first, second = enqueue(session_factory, "test.noop"), enqueue(session_factory, "test.noop")

    assert f"job {first} test.noop: done in" in invoke(worker_command, "--once")
    assert load(session_factory, second).status == PENDING
    invoke(worker_command, "--once")
    assert "No job is due." in invoke(worker_command, "--once")


def test_jobs_shows_counts_and_failures_and_retry_puts_them_back(cli_env, session_factory):
    enqueue(session_factory, "test.noop")
    broken = enqueue(session_factory, "test.fail", {"message": "colour profile unreadable"}, max_attempts=1)
    invoke(worker_command, "--drain")

    output = invoke(jobs_command)

    assert "pending  0\nrunning  0\ndone     1\nfailed   1\n" in output
    assert f"job {broken} test.fail, 1/1 attempts" in output
    assert "ValueError: colour profile unreadable" in output
    assert "Traceback" not in output

    assert "1 failed job(s) back in the queue." in invoke(jobs_command, "retry", str(broken))
    assert load(session_factory, broken).status == PENDING
    assert "failed   0" in invoke(jobs_command)


def test_jobs_retry_says_which_jobs_were_not_failed(cli_env, session_factory):
    done = enqueue(session_factory, "test.noop")
    invoke(worker_command, "--drain")

    output = invoke(jobs_command, "retry", str(done), "999", exit_code=1)

    assert "0 failed job(s) back in the queue." in output
    assert f"Not failed or not found: {done}, 999" in output
    assert load(session_factory, done).status == DONE


def test_jobs_purge_deletes_old_done_jobs(cli_env, session_factory):
    enqueue(session_factory, "test.noop")
    invoke(worker_command, "--drain")

    assert "0 done job(s) deleted." in invoke(jobs_command, "purge")
    assert "1 done job(s) deleted." in invoke(jobs_command, "purge", "--older-than", "0")
    assert "done     0" in invoke(jobs_command)


def test_worker_fails_jobs_of_kinds_no_module_registers(cli_env, session_factory):
    job_id = enqueue(session_factory, "search.index_item", max_attempts=1)

    output = invoke(worker_command, "--drain")

    assert "no handler registered for job kind 'search.index_item'" in output
    assert load(session_factory, job_id).status == FAILED


def test_worker_drain_exits_1_when_the_database_fails(cli_env, monkeypatch):
    def broken_claim(*args, **kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(job_service, "claim", broken_claim)

    output = invoke(worker_command, "--drain", exit_code=1)

    assert "1 error(s) while claiming or recording jobs" in output


def start_worker_process(database_url: str, *options: str) -> subprocess.Popen:
    """`museum worker` in a process of its own, with the test handlers registered."""
    script = f"import tests.job.handlers; from app.job.cli import worker_command; worker_command({list(options)!r})"
    env = {**os.environ, "MUSEUM_DATABASE_URL": database_url}
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def test_worker_runs_until_sigterm_then_exits_cleanly(cli_env, session_factory, job_database_url):
    worker = start_worker_process(job_database_url, "--threads", "2")
    try:
        enqueue(session_factory, "test.record", {"n": 1})
        wait_until(lambda: effect_counts(session_factory) == {1: 1}, timeout=30)
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=30)[0]

    assert worker.returncode == 0
    assert "Worker running with 2 thread(s)" in output
    assert "test.record: done in" in output


def test_two_worker_processes_run_each_job_exactly_once(cli_env, session_factory, job_database_url):
    with session_factory.begin() as session:
        for n in range(300):
            job_service.enqueue(session, "test.record", {"n": n})
    workers = [start_worker_process(job_database_url, "--drain") for _ in range(2)]
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0]
    assert effect_counts(session_factory) == {n: 1 for n in range(300)}
    assert sum(output.count(": done in ") for output in outputs) == 300
