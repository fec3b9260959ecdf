"""Keeping the PostgreSQL search tables in step with the database inside the change's own transaction.

At each flush the ids of the records whose documents may have changed are collected on the session (the same
`changed_ids` as the Whoosh outbox, app/search/sync.py); just before the commit their documents are read again
and written on the session's connection. They commit with the change or not at all, and a search made after
the commit, by any server, finds it: no job, no worker, no lag.
"""

import weakref
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from app.search import registry
from app.search.pg import passages, store
from app.search.sync import DIRECT, DIRECT_IDS, applied

BESIDE_IDS = "search.direct_beside"  # {companion name: ids} whose rows the commit writes (exhibits)

_installed: "weakref.WeakSet" = weakref.WeakSet()


def install(target) -> None:
    """Write the search tables at the commits of `target`: a sessionmaker, a Session subclass or one session."""
    if target in _installed:
        return
    owner = weakref.ref(target.class_ if isinstance(target, sessionmaker) else target)
    for name, listener in (
        ("after_begin", _direct),
        ("after_flush", _collect),
        ("before_commit", _write),
        ("after_soft_rollback", _forget),
    ):
        event.listen(target, name, _owned(owner, listener))
    _installed.add(target)


def _owned(owner: weakref.ref, listener: Callable) -> Callable:
    """`listener`, for the sessions of `owner` only. SQLAlchemy keeps a sessionmaker's listeners by the id of its
    Session class, which a later class may get once the first is gone: that class's sessions (another app's, with
    the Whoosh outbox) must not have their index jobs taken over by this engine."""

    def called(session: Session, *args) -> None:
        made_by = owner()
        if made_by is not None and (session is made_by or (isinstance(made_by, type) and isinstance(session, made_by))):
            listener(session, *args)

    return called


def add(session: Session, ids) -> None:
    """Write these records' documents at the session's commit (for writes that bypass the ORM)."""
    session.info.setdefault(DIRECT_IDS, set()).update(ids)


def _direct(session: Session, _transaction, _connection) -> None:
    session.info[DIRECT] = True


def _collect(session: Session, _flush_context) -> None:
    ids = registry.source().changed_ids(session)
    for found in registry.passages():
        ids |= found.changed_ids(session)
    add(session, ids)
    beside = session.info.setdefault(BESIDE_IDS, {})
    for companion in registry.companions():
        beside.setdefault(companion.name, set()).update(companion.changed_ids(session))


def _write(session: Session) -> None:
    session.flush()  # the last changes, whose ids _collect adds
    ids = session.info.pop(DIRECT_IDS, set())
    beside = {name: found for name, found in session.info.pop(BESIDE_IDS, {}).items() if found}
    if ids:
        store.apply(session.connection(), session, ids)
    if ids or beside:
        passages.apply(session.connection(), session, ids, beside)  # the moments and the exhibits
        applied(session, ids)


def _forget(session: Session, previous: SessionTransaction) -> None:
    # A savepoint rolled back leaves the ids: writing a record's document again is harmless, missing one is not.
    if previous.parent is None:
        session.info.pop(DIRECT_IDS, None)
        session.info.pop(BESIDE_IDS, None)
