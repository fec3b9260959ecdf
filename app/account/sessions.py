"""Login sessions: the random token goes into the browser's cookie, its SHA-256 into `login_sessions`.

A session is valid while it is not revoked, was used within `settings.session_idle_minutes`, and is
younger than `settings.session_lifetime_hours`. `last_seen_at` is written at most every `TOUCH_EVERY`,
so browsing does not write to the database on every page.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.account import tokens
from app.account.models import LoginSession, User
from app.clock import utcnow
from app.config import Settings
from app.db import rowcount, try_write

TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class Started:
    """A new session and the token for the cookie (shown only now)."""

    login: LoginSession
    token: str


def start(
    session: Session, user: User, settings: Settings, *, user_agent: str | None = None, address: str | None = None
) -> Started:
    """Open a session for `user`."""
    token = tokens.new_token()
    now = utcnow()
    login = LoginSession(
        user=user,
        token_hash=tokens.digest(token),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=settings.session_lifetime_hours),
        user_agent=(user_agent or "")[:255] or None,
        client_address=address,
    )
    session.add(login)
    session.flush()
    return Started(login, token)


def resolve(session: Session, token: str, settings: Settings) -> LoginSession | None:
    """The valid session for a cookie's token (its user active), else None."""
    login = session.scalar(select(LoginSession).where(LoginSession.token_hash == tokens.digest(token)))
    if login is None or not is_valid(login, settings) or not login.user.active:
        return None
    return login


def is_valid(login: LoginSession, settings: Settings) -> bool:
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    return login.revoked_at is None and login.expires_at > now and login.last_seen_at + idle > now


def touch(session: Session, login: LoginSession) -> None:
    """Note that the session was used, when the last note is old enough; never fails the request."""
    now = utcnow()
    if now - login.last_seen_at < TOUCH_EVERY:
        return
    if try_write(session, update(LoginSession).where(LoginSession.id == login.id).values(last_seen_at=now)):
        set_committed_value(login, "last_seen_at", now)  # written already: not dirty


def revoke(session: Session, login: LoginSession) -> None:
    if login.revoked_at is None:
        login.revoked_at = utcnow()


def revoke_all(session: Session, user: User) -> int:
    """End every open session of `user`; returns how many."""
    result = session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    return rowcount(result)


def active(session: Session, user: User, settings: Settings) -> list[LoginSession]:
    """The user's sessions that still work, most recently used first."""
    rows = session.scalars(
        select(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None))
        .order_by(LoginSession.last_seen_at.desc())
    ).all()
    return [login for login in rows if is_valid(login, settings)]


def get_own(session: Session, user: User, login_id: int) -> LoginSession | None:
    """One of the user's sessions, or None (someone else's is None too)."""
    login = session.get(LoginSession, login_id)
    return login if login is not None and login.user_id == user.id else None
