"""Login throttling: failed logins counted per login name and per client address, in the database.

After `settings.login_max_failures` failures in a row, that name (or address) must wait
`settings.login_lock_seconds`, then twice as long after each further failure (at most a day).
A successful login clears the name's count; an address's count fades after a quiet day.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.account.models import LoginThrottle
from app.config import Settings
from app.item.models import utcnow

MAX_LOCK = timedelta(days=1)
FORGET_AFTER = timedelta(days=1)


def _keys(name: str, address: str | None) -> list[tuple[str, str]]:
    keys = [("name", (name or "").strip().lower()[:255])]
    if address:
        keys.append(("address", address[:255]))
    return keys


def _row(session: Session, scope: str, key: str) -> LoginThrottle | None:
    return session.scalar(select(LoginThrottle).where(LoginThrottle.scope == scope, LoginThrottle.key == key))


def locked_until(session: Session, name: str, address: str | None) -> datetime | None:
    """When logins for this name or from this address may be tried again, if they must wait."""
    now = utcnow()
    ends = [row.locked_until for scope, key in _keys(name, address)
            if (row := _row(session, scope, key)) is not None and row.locked_until and row.locked_until > now]
    return max(ends, default=None)


def failed(session: Session, name: str, address: str | None, settings: Settings) -> datetime | None:
    """Count a failure; returns the end of the wait it starts, if it starts one."""
    now = utcnow()
    ends = []
    for scope, key in _keys(name, address):
        row = _row(session, scope, key) or _created(session, scope, key, now)
        if now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        over = row.failures - settings.login_max_failures
        if over >= 0:
            row.locked_until = now + min(timedelta(seconds=settings.login_lock_seconds * 2 ** min(over, 20)), MAX_LOCK)
            ends.append(row.locked_until)
    session.flush()
    return max(ends, default=None)


def _created(session: Session, scope: str, key: str, now: datetime) -> LoginThrottle:
    """A new count, or the one another request created at the same moment (PostgreSQL runs both at once)."""
    row = LoginThrottle(scope=scope, key=key, failures=0, last_failure_at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return _row(session, scope, key)
    return row


def succeeded(session: Session, name: str) -> None:
    """A good password clears the name's count (not the address's: one account must not unlock guessing)."""
    row = _row(session, "name", (name or "").strip().lower()[:255])
    if row is not None:
        session.delete(row)
