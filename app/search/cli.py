"""`museum reindex` rebuilds the index from the database; `museum index-check` measures their drift."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from app.config import Settings
    from app.search import health


@click.command("reindex")
@click.option(
    "--procs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that analyse and write documents (default: one per CPU).",
)
def reindex_command(procs: int | None) -> None:
    """Build a fresh index from the database beside the live one, then swap it in (search keeps answering)."""
    # Imported here, not at the top: `museum --help` loads every command module and must stay quick.
    import app.models  # noqa: F401  (every table is mapped before the first query)
    from app.config import Settings
    from app.search import jobs, registry
    from app.search.index import open_index

    settings = Settings()
    procs = procs or os.cpu_count() or 1
    with closing(open_index(settings)) as index, _factory(settings) as factory:
        started = time.monotonic()
        with factory() as session:
            total = registry.source().count(session)
            with click.progressbar(length=total, label="Indexing", file=sys.stderr) as bar:
                snapshot, count = jobs.rebuild(session, index, progress=_Progress(bar), procs=procs)
        with factory.begin() as session:
            jobs.catch_up(session, snapshot)
        moments = index.passages.doc_count() if index.passages is not None else 0
        counts = {name: found.doc_count() for name, found in index.companions.items()}
        beside = "".join(f", {n} {name}(s)" for name, n in counts.items() if n)
    click.echo(f"{count} documents indexed in {time.monotonic() - started:.1f} s ({moments} moments{beside}).")


@click.command("index-check")
@click.option("--fix", is_flag=True, help="Enqueue the items that differ, for the worker to index.")
def index_check_command(fix: bool) -> None:
    """Count the items whose search document differs from the database (0 when healthy; exit code 1 otherwise)."""
    import app.models  # noqa: F401  (every table is mapped before the first query)
    from app.config import Settings
    from app.search import health, sync
    from app.search.index import open_index

    settings = Settings()
    with closing(open_index(settings)) as index:
        state = health.status(index)
        if not state.ok:
            click.echo(state.message, err=True)
            raise click.exceptions.Exit(1)
        with _factory(settings) as factory, factory.begin() as session:
            found = health.drift(session, index)
            if fix:
                sync.enqueue(session, found.ids)
    _print_drift(found, fix)
    if found:
        raise click.exceptions.Exit(1)


def _print_drift(found: health.Drift, fix: bool) -> None:
    click.echo(str(len(found)))
    for label, ids in (
        ("published but not indexed", found.missing),
        ("indexed but not published", found.unpublished),
        ("indexed before their last change", found.outdated),
    ):
        if ids:
            click.echo(f"  {len(ids)} {label}: {_sample(ids)}", err=True)
    if fix and found:
        click.echo(
            f"{len(found)} item(s) enqueued: `museum worker --drain` (or the app's worker) indexes them.", err=True
        )


def _sample(ids: set[int], limit: int = 10) -> str:
    shown = ", ".join(map(str, sorted(ids)[:limit]))
    return shown + (" ..." if len(ids) > limit else "")


class _Progress:
    """Moves the bar to the number of documents written so far."""

    def __init__(self, bar) -> None:
        self.bar, self.done = bar, 0

    def __call__(self, done: int) -> None:
        self.bar.update(done - self.done)
        self.done = done


@contextmanager
def _factory(settings: Settings) -> Iterator[sessionmaker[Session]]:
    from app.db import make_engine, make_session_factory

    engine = make_engine(settings.database_url)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()
