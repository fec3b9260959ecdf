"""What routers of every domain take from the request: its database session and its submitted form."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app.db import SAFE_METHODS, writer


def get_session(request: Request) -> Iterator[Session]:
    """One session per request, committed once after the view returns.

    A writing request's transaction opens at its first statement, not when the request arrives: views that
    receive files check and decode them before they query, or `release` the session first.
    """
    writing = request.method not in SAFE_METHODS
    factory = request.app.state.session_factory
    with factory(bind=writer(factory.kw["bind"])) if writing else factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# scope="function": the session is committed when the view returns, before the response is sent, so a
# client that reads the answer finds its change stored (the default scope commits after sending).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def _form(request: Request) -> FormData:
    return await request.form()


FormDep = Annotated[FormData, Depends(_form)]
