"""`museum worker` runs background jobs; `museum jobs` shows and repairs the queue."""

from __future__ import annotations

import signal
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

import click

from app.clock import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from app.job.registry import JobContext
    from app.job.worker import BackgroundWorker, Outcome


@click.command("worker")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(min=1), help="Jobs run at once.")
@click.option("--once", is_flag=True, help="Run at most one due job, then exit.")
@click.option("--drain", is_flag=True, help="Exit once no job is due.")
def worker_command(threads: int, once: bool, drain: bool) -> None:
    """Run background jobs until Ctrl-C or SIGTERM, printing one line per job."""
    # Imported here, not at the top: `museum --help` loads every command module and must stay quick.
    import app.models  # noqa: F401  (every table is mapped before the first query)
    from app.config import Settings
    from app.db import make_engine, make_session_factory
    from app.interview import sealing
    from app.job import registry
    from app.task import jobs as task_jobs

    settings = Settings()
    engine = make_engine(settings.database_url)
    context = registry.JobContext.from_settings(settings)
    try:
        session_factory = make_session_factory(engine)
        sealing.at_worker_start(session_factory, settings.sealed_check_minutes, periodic=not (once or drain))
        task_jobs.at_worker_start(session_factory, periodic=not (once or drain))
        if once:
            _run_one(session_factory, context)
        else:
            _run_threads(session_factory, context, threads, drain)
    finally:
        context.search_index.close()
        engine.dispose()


def _run_one(session_factory: sessionmaker[Session], context: JobContext) -> None:
    from app.job import registry
    from app.job.worker import default_worker_id, run_once

    registry.load_handlers()
    if not run_once(session_factory, context, worker_id=default_worker_id(), report=_Printer()):
        click.echo("No job is due.")


def _run_threads(session_factory: sessionmaker[Session], context: JobContext, threads: int, drain: bool) -> None:
    from app.job.worker import BackgroundWorker

    printer = _Printer()
    worker = BackgroundWorker(session_factory, context, threads, drain=drain, report=printer)
    if not drain:
        click.echo(f"Worker running with {threads} thread(s); Ctrl-C or SIGTERM stops it after the running jobs.")
    _run_until_stopped(worker)
    if drain:
        click.echo(printer.summary())
    if worker.errors:
        click.echo(f"{worker.errors} error(s) while claiming or recording jobs: see above.", err=True)
        raise click.exceptions.Exit(1)


def _run_until_stopped(worker: BackgroundWorker) -> None:
    # SIGTERM (systemd, docker stop) ends the worker like Ctrl-C: running jobs finish first.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, lambda *_: worker.stop(timeout=0)) if in_main_thread else None
    worker.start()
    try:
        worker.join()
    except KeyboardInterrupt:
        click.echo("Stopping once the running jobs are finished...", err=True)
        worker.stop()
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)


class _Printer:
    """Prints one line per job from the worker threads, and counts them."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, outcome: Outcome) -> None:
        with self._lock:
            self.counts[outcome.status] += 1
            click.echo(f"job {outcome.job_id} {outcome.kind}: {_describe_outcome(outcome)}")

    def summary(self) -> str:
        from app.job.models import DONE, FAILED, PENDING

        done, retry, failed = self.counts[DONE], self.counts[PENDING], self.counts[FAILED]
        return f"{sum(self.counts.values())} jobs run: {done} done, {retry} to retry later, {failed} failed."


def _describe_outcome(outcome: Outcome) -> str:
    from app.job.models import DONE, FAILED, PENDING

    error = _summary(outcome.error)
    if outcome.status == DONE:
        return f"done in {outcome.seconds:.2f} s"
    if outcome.status == PENDING:
        assert outcome.run_after is not None, "a job left pending has a time to be retried at"
        wait = max(0, round((outcome.run_after - utcnow()).total_seconds()))
        return f"attempt {outcome.attempts}/{outcome.max_attempts} failed, retry in {wait} s: {error}"
    if outcome.status == FAILED:
        return f"failed after {outcome.attempts}/{outcome.max_attempts} attempts: {error}"
    return "taken over by another worker (its lease had expired)"


@click.group("jobs", invoke_without_command=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=0), help="Failures shown.")
@click.pass_context
def jobs_command(ctx: click.Context, limit: int) -> None:
    """Count jobs by status and show the latest failures with their errors."""
    if ctx.invoked_subcommand is not None:
        return
    from app.job import service as job_service

    with _session() as session:
        counts, failures = job_service.stats(session), job_service.failed(session, limit)
    for status, count in counts.items():
        click.echo(f"{status:<8} {count}")
    if failures:
        click.echo("\nLatest failures (museum jobs retry [ID...] puts them back in the queue):")
    for job in failures:
        click.echo(
            f"  job {job.id} {job.kind}, {job.attempts}/{job.max_attempts} attempts, "
            f"{job.finished_at:%Y-%m-%d %H:%M:%S} UTC"
        )
        click.echo(f"    {_summary(job.last_error)}")


@jobs_command.command("retry")
@click.argument("ids", nargs=-1, type=int)
def retry_command(ids: tuple[int, ...]) -> None:
    """Put failed jobs back in the queue: those given by id, or all of them."""
    from app.job import service as job_service

    with _session() as session:
        retried = job_service.retry_failed(session, list(ids) or None)
    click.echo(f"{len(retried)} failed job(s) back in the queue.")
    if missing := sorted(set(ids) - set(retried)):
        click.echo(f"Not failed or not found: {', '.join(map(str, missing))}", err=True)
        raise click.exceptions.Exit(1)


@jobs_command.command("purge")
@click.option("--older-than", "days", default=7, show_default=True, type=click.IntRange(min=0), help="Days.")
def purge_command(days: int) -> None:
    """Delete the jobs done more than some days ago (failed jobs stay until retried)."""
    from app.job import service as job_service

    with _session() as session:
        deleted = job_service.purge_done(session, timedelta(days=days))
    click.echo(f"{deleted} done job(s) deleted.")


@contextmanager
def _session() -> Iterator[Session]:
    """A session on the configured database, committed at the end."""
    import app.models  # noqa: F401  (every table is mapped before the first query)
    from app.config import Settings
    from app.db import make_engine, make_session_factory

    engine = make_engine(Settings().database_url)
    try:
        with make_session_factory(engine).begin() as session:
            yield session
    finally:
        engine.dispose()


def _summary(error: str | None) -> str:
    return (error or "").split("\n", 1)[0]
