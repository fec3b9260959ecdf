"""What routers of every domain take from the request: its database session and its submitted form."""

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from app.db import SAFE_METHODS, writer

OWN = "museum.request_session"  # in a session's `info`: made by get_session (not a test's, which it may not end)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One session per request, committed once after the view returns.

    A writing request's transaction opens at its first statement, not when the request arrives: views that
    receive files check and decode them before they query, or `release` the session first.

    `async` because making a session and closing one that holds no transaction touch no database: only the end
    of a transaction goes to a worker thread (a plain generator cost every request two trips to one).
    """
    writing = request.method not in SAFE_METHODS
    factory = request.app.state.session_factory
    session = factory(bind=writer(factory.kw["bind"])) if writing else factory()
    session.info[OWN] = True
    try:
        yield session
    except BaseException:
        await finish(session, session.rollback)
        raise
    await finish(session, session.commit)


async def finish(session: Session, end: Callable[[], None]) -> None:
    """End the session's transaction with `end` (commit or rollback) and close it; on a worker thread only when
    a transaction is open (its end is database I/O)."""
    if session.in_transaction():
        await run_in_threadpool(_end_and_close, session, end)
    else:
        session.close()


def done_reading(session: Session) -> None:
    """For a view that needs the database no more: commit the request's transaction now, on the view's own thread,
    so that the session closes without a trip to another. A session the request does not own (a test's, inside
    the test's transaction) is left to its owner."""
    if session.info.get(OWN) and session.in_transaction():
        session.commit()


def _end_and_close(session: Session, end: Callable[[], None]) -> None:
    try:
        end()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function": the session is committed when the view returns, before the response is sent, so a
# client that reads the answer finds its change stored (the default scope commits after sending).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]
