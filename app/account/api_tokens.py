"""Personal API tokens: `Authorization: Bearer vm_...` acts as the token's user on the JSON API.

Only the SHA-256 is kept; the token is shown once when created (web page or `museum users token`).
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.account import tokens
from app.account.models import ApiToken, User
from app.audit import service as audit
from app.clock import utcnow
from app.db import try_write

PREFIX_LENGTH = 10  # "vm_" and 7 random characters: enough to tell tokens apart in a list
USE_NOTE_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class Created:
    record: ApiToken
    token: str


def create(
    session: Session, user: User, name: str, *, actor: User | None = None, address: str | None = None
) -> Created:
    """A new token for `user`, named `name` (what it is for)."""
    token = tokens.new_api_token()
    record = ApiToken(
        user=user,
        name=(name or "").strip()[:100] or "API",
        prefix=token[:PREFIX_LENGTH],
        token_hash=tokens.digest(token),
    )
    session.add(record)
    session.flush()
    audit.record(
        session,
        "token.create",
        actor=actor or user,
        target=user,
        details={"token": record.prefix, "name": record.name},
        address=address,
    )
    return Created(record, token)


def resolve(session: Session, token: str) -> ApiToken | None:
    """The live token (not revoked, its user active) for a bearer value, else None."""
    record = session.scalar(select(ApiToken).where(ApiToken.token_hash == tokens.digest(token)))
    if record is None or record.revoked_at is not None or not record.user.active:
        return None
    return record


def note_use(session: Session, record: ApiToken) -> None:
    """Update `last_used_at`, at most every few minutes; never fails the request."""
    now = utcnow()
    if record.last_used_at is not None and now - record.last_used_at < USE_NOTE_EVERY:
        return
    if try_write(session, update(ApiToken).where(ApiToken.id == record.id).values(last_used_at=now)):
        set_committed_value(record, "last_used_at", now)  # written already: not dirty


def listing(session: Session, user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        ).all()
    )


def get_own(session: Session, user: User, token_id: int) -> ApiToken | None:
    record = session.get(ApiToken, token_id)
    return record if record is not None and record.user_id == user.id else None


def revoke(session: Session, record: ApiToken, *, actor: User | None = None, address: str | None = None) -> None:
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        audit.record(
            session,
            "token.revoke",
            actor=actor or record.user,
            target=record.user,
            details={"token": record.prefix},
            address=address,
        )
