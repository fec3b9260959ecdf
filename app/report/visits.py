"""Public visits, counted on the server for the funders' report: one counter per day and section of the site.

A successful (2xx) GET of a public page adds one to its section's counter for the day (UTC). Nothing is kept
about the visitor: no cookie, no address, no browser, no row per visit; robots are not counted, nor the
workspace, the API, static and media files, IIIF tiles, downloads or error pages. The route's name says the
section, so a path that no public page answers counts nothing.

Cost: the middleware adds one dictionary increment to a counted page, after its response has been sent.
Counts are kept in memory and written every `FLUSH_SECONDS` (and at shutdown) as one additive upsert per
(day, section): several app processes add to the same rows without losing any. A process that is killed
(not stopped) loses at most its last few seconds of counts.
"""

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import anyio.to_thread
from fastapi import FastAPI
from sqlalchemy import Insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.clock import utcnow
from app.db import writer
from app.plaque.visits import ROBOTS
from app.report.models import SiteVisit
from app.web.deps import get_session

FLUSH_SECONDS = 10.0
log = logging.getLogger(__name__)

# The public pages that count, by route name, and the section of the site each belongs to. Files, feeds,
# downloads and the private status pages of a resident's contribution are not visits of a page.
SECTIONS = {
    "home": "home",
    "about": "about",
    "search.results": "search",
    "timeline.page": "timeline",
    "map.page": "map",
    "item.browse": "item",
    "item.detail": "item",
    "collection.list": "collection",
    "collection.detail": "collection",
    "exhibit.list": "exhibit",
    "exhibit.detail": "exhibit",
    "exhibit.page": "exhibit",
    "tour.list": "tour",
    "tour.detail": "tour",
    "tour.stop": "tour",
    "interview.listen": "interview",
    "interview.request_form": "interview",
    "contribution.form": "memory",
}


class VisitCounter:
    """The visits counted since the last write, by (day, section); written by `flush`."""

    def __init__(self, interval: float = FLUSH_SECONDS) -> None:
        self.interval = interval
        self.pending: Counter[tuple[date, str]] = Counter()
        self.lock = threading.Lock()
        self.flushing = False
        self.last_flush = time.monotonic()

    def add(self, section: str) -> None:
        """One visit of `section` today."""
        with self.lock:
            self.pending[(utcnow().date(), section)] += 1

    def due(self) -> bool:
        """Whether counts are waiting and the last write is old enough (and none is under way)."""
        return bool(self.pending) and not self.flushing and time.monotonic() - self.last_flush >= self.interval

    def take(self) -> Counter[tuple[date, str]]:
        """The counts waiting, which are no longer waiting."""
        with self.lock:
            taken, self.pending = self.pending, Counter()
        self.last_flush = time.monotonic()
        return taken

    def give_back(self, counts: Counter[tuple[date, str]]) -> None:
        """Counts a write could not store: kept for the next one."""
        with self.lock:
            self.pending.update(counts)

    def flush(self, sessions: Callable[[], Iterator[Session]]) -> None:
        """Write the waiting counts, adding them to the stored ones; on failure they wait for the next write."""
        counts = self.take()
        if not counts:
            return
        try:
            with contextmanager(sessions)() as session:
                add_counts(session, counts)
        except Exception:
            self.give_back(counts)
            log.exception("visit counts not written; kept for the next write")


def add_counts(session: Session, counts: Counter[tuple[date, str]]) -> None:
    """Add `counts` to the stored counters: one additive upsert (SQLite and PostgreSQL)."""
    rows = [{"day": day, "section": section, "count": count} for (day, section), count in sorted(counts.items())]
    session.execute(upsert(session.get_bind().dialect.name), rows)


def upsert(dialect: str) -> Insert:
    """INSERT ... ON CONFLICT DO UPDATE adding the new count to the stored one, in the dialect's own words."""
    statement = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(SiteVisit)
    return statement.on_conflict_do_update(
        index_elements=["day", "section"], set_={"count": SiteVisit.count + statement.excluded["count"]}
    )


def session_source(app: FastAPI) -> Callable[[], Iterator[Session]]:
    """Where counts are written: the app's own writing session, or the session a test put in place of the
    requests' one (FastAPI's dependency override), so that a test's counts stay in its transaction."""
    override = app.dependency_overrides.get(get_session)
    if override is not None:
        return override
    factory = app.state.session_factory

    def own() -> Iterator[Session]:
        with factory(bind=writer(factory.kw["bind"])) as session:
            yield session
            session.commit()

    return own


class VisitMiddleware:
    """Pure ASGI, innermost: reads the matched route from the scope and the status from the response."""

    def __init__(self, app: ASGIApp, fastapi_app: FastAPI, counter: VisitCounter) -> None:
        self.app, self.fastapi_app, self.counter = app, fastapi_app, counter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, sending)
        if 200 <= status < 300:
            await self.count(scope)

    async def count(self, scope: Scope) -> None:
        section = SECTIONS.get(getattr(scope.get("route"), "name", ""))
        if section is None or is_robot(scope):
            return
        self.counter.add(section)
        # A test's session in place of the requests' one is written to at shutdown only: a write in the middle
        # of a test would be one of the queries it counts.
        if self.counter.due() and get_session not in self.fastapi_app.dependency_overrides:
            self.counter.flushing = True
            try:
                await anyio.to_thread.run_sync(self.counter.flush, session_source(self.fastapi_app))
            finally:
                self.counter.flushing = False


def is_robot(scope: Scope) -> bool:
    """Whether the request's browser says it is a robot (a crawler, a link preview, a script)."""
    for name, value in scope["headers"]:
        if name == b"user-agent":
            return ROBOTS.search(value.decode("latin-1")) is not None
    return False


def install(app: FastAPI) -> VisitCounter:
    """Count the app's public visits (its innermost middleware); `app.state.visits` is the counter."""
    app.state.visits = counter = VisitCounter()
    app.add_middleware(VisitMiddleware, fastapi_app=app, counter=counter)
    return counter
