"""Counting the visits that come from plaques: a public page opened with `?via=qr` adds one to its (page, day)
counter. Nothing is kept about the visitor (no address, no browser, no cookie, no row per visit), and pages that
are not public count nothing.

The public pages that a plaque may open take the dependency `COUNTED`; it counts after the view has answered,
so a refused page (404) never counts, then the page is served as usual: its canonical link names the address
without `?via=qr`.
"""

import re
from collections.abc import AsyncIterator, Iterable
from datetime import date, timedelta

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Insert, case, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db import begin_write, release
from app.plaque import qr, registry
from app.plaque.models import PlaqueVisit
from app.web.deps import SessionDep

RECENT_DAYS = 30
# Link previews and crawlers that follow a printed address are not visitors standing at the plaque.
ROBOTS = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|curl|wget|python", re.IGNORECASE)


def record(session: Session, path: str, day: date) -> None:
    """Add one visit to `path` on `day`: a single upsert (SQLite and PostgreSQL)."""
    session.execute(upsert(session.get_bind().dialect.name, path, day))


def upsert(dialect: str, path: str, day: date) -> Insert:
    """The statement adding one visit, in the dialect's own INSERT ... ON CONFLICT DO UPDATE."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(PlaqueVisit).values(path=path, day=day, count=1)
    return statement.on_conflict_do_update(index_elements=["path", "day"], set_={"count": PlaqueVisit.count + 1})


def counts(session: Session, paths: Iterable[str], today: date) -> dict[str, tuple[int, int]]:
    """{path: (visits in the last 30 days, visits in all)} of the given paths (missing: none yet)."""
    paths = list(paths)
    if not paths:
        return {}
    since = today - timedelta(days=RECENT_DAYS - 1)
    recent = func.sum(case((PlaqueVisit.day >= since, PlaqueVisit.count), else_=0))
    query = select(PlaqueVisit.path, recent, func.sum(PlaqueVisit.count)).where(PlaqueVisit.path.in_(paths))
    return {path: (int(last), int(total)) for path, last, total in session.execute(query.group_by(PlaqueVisit.path))}


def most_visited(session: Session, today: date, limit: int = 50) -> list[tuple[str, int, int]]:
    """(path, visits in the last 30 days, in all) of the pages plaques led to most, the most visited first."""
    since = today - timedelta(days=RECENT_DAYS - 1)
    recent = func.sum(case((PlaqueVisit.day >= since, PlaqueVisit.count), else_=0))
    total = func.sum(PlaqueVisit.count)
    query = select(PlaqueVisit.path, recent, total).group_by(PlaqueVisit.path).order_by(total.desc(), PlaqueVisit.path)
    return [(path, int(last), int(all_)) for path, last, all_ in session.execute(query.limit(limit))]


def from_plaque(request: Request) -> bool:
    """Whether the request is a visitor's GET of a page opened from a QR code."""
    if request.method != "GET" or request.query_params.get(qr.VIA) != qr.QR:
        return False
    return not ROBOTS.search(request.headers.get("user-agent", ""))


async def count_visit(request: Request, session: SessionDep) -> AsyncIterator[None]:
    """After a public page has answered, count it when it was opened from its plaque. The check runs on the event
    loop: every public page takes this dependency, and only a visit from a plaque needs a thread for the database."""
    yield  # an exception of the view (a 404) ends here: nothing is counted
    if from_plaque(request):
        await run_in_threadpool(_count, request, session)


def _count(request: Request, session: Session) -> None:
    route = request.scope.get("route")
    kind = registry.kind_of_route(getattr(route, "name", ""))
    if kind is None:
        return
    plaque = registry.find(session, kind, registry.key_of(request.path_params))
    if plaque is None:
        return
    # The page's reading transaction ends here; the counter is written under the write lock (app/db.py).
    release(session)
    if not session.in_transaction():  # else a caller's savepoint (tests) holds the transaction
        begin_write(session)
    record(session, plaque.path, utcnow().date())


COUNTED = Depends(count_visit, scope="function")
