"""Login throttling: failed logins counted per login name, per client address, and per name *and* address.

After `settings.login_max_failures` failures in a row, a count makes logins wait `settings.login_lock_seconds`,
twice as long after each further failure, never more than `settings.login_max_wait_seconds`: guessing stays
slow, and nobody can lock an account out for long. From an address the account has logged in from before
(a known address), only that name-and-address count applies, so an attacker's failures elsewhere never
keep the owner out. A successful login clears the name's counts; an address's count fades after a quiet day.
"""

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.account.models import LoginSession, LoginThrottle, User
from app.clock import utcnow
from app.config import Settings

FORGET_AFTER = timedelta(days=1)
PAIR = "pair"


def _name(name: str) -> str:
    return (name or "").strip().lower()[:64]


def _keys(name: str, address: str | None, known: bool = False) -> list[tuple[str, str]]:
    """The counts a login touches; from a known address, only its own name-and-address count."""
    keys = [] if known else [("name", _name(name))]
    if address:
        keys.append((PAIR, f"{address[:64]}|{_name(name)}"))
        if not known:
            keys.append(("address", address[:255]))
    return keys


def _row(session: Session, scope: str, key: str) -> LoginThrottle | None:
    return session.scalar(select(LoginThrottle).where(LoginThrottle.scope == scope, LoginThrottle.key == key))


def is_known(session: Session, name: str, address: str | None) -> bool:
    """Whether this name has logged in successfully from this address before."""
    if not address:
        return False
    query = (
        select(LoginSession.id)
        .join(User)
        .where(User.name == _name(name), LoginSession.client_address == address)
        .limit(1)
    )
    return session.scalar(query) is not None


def locked_until(session: Session, name: str, address: str | None, known: bool = False) -> datetime | None:
    """When logins for this name from this address may be tried again, if they must wait."""
    now = utcnow()
    ends = [
        row.locked_until
        for scope, key in _keys(name, address, known)
        if (row := _row(session, scope, key)) is not None and row.locked_until and row.locked_until > now
    ]
    return max(ends, default=None)


def failed(
    session: Session, name: str, address: str | None, settings: Settings, known: bool = False
) -> datetime | None:
    """Count a failure in every count; returns the end of the wait it starts for this request, if any."""
    now = utcnow()
    ends = []
    for scope, key in _keys(name, address):
        row = _counted(session, scope, key, now)
        over = row.failures - settings.login_max_failures
        if over >= 0:
            row.locked_until = now + _wait(settings, over)
            if (scope, key) in _keys(name, address, known):
                ends.append(row.locked_until)
    session.flush()
    return max(ends, default=None)


def _counted(session: Session, scope: str, key: str, now: datetime) -> LoginThrottle:
    row = _row(session, scope, key) or _created(session, scope, key, now)
    if now - row.last_failure_at > FORGET_AFTER:
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    return row


def _wait(settings: Settings, over: int) -> timedelta:
    """The wait after `over` failures past the limit: doubling, capped."""
    return timedelta(seconds=min(settings.login_lock_seconds * 2 ** min(over, 20), settings.login_max_wait_seconds))


def _created(session: Session, scope: str, key: str, now: datetime) -> LoginThrottle:
    """A new count, or the one another request created at the same moment (PostgreSQL runs both at once)."""
    row = LoginThrottle(scope=scope, key=key, failures=0, last_failure_at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        existing = _row(session, scope, key)
        if existing is None:  # the insert failed for another reason than a concurrent one
            raise
        return existing
    return row


def succeeded(session: Session, name: str, address: str | None = None) -> None:
    """A good password clears the name's counts (not the address's: one account must not unlock guessing)."""
    for scope, key in _keys(name, address):
        if scope != "address" and (row := _row(session, scope, key)) is not None:
            session.delete(row)
