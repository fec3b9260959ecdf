"""One-time password-reset links: `/account/reset/<token>`, valid `settings.reset_link_hours`, used once.

`create` returns the link; `museum users reset-password` prints it, or e-mails it when SMTP is set up
(`app.account.mail`). Redeeming sets the new password and ends every session of the account.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.account import service, tokens
from app.account.models import PasswordReset, User
from app.audit import service as audit
from app.clock import utcnow
from app.config import Settings

PATH = "/account/reset/{token}"


@dataclass(frozen=True)
class Link:
    reset: PasswordReset
    token: str

    def url(self, base: str) -> str:
        """The link under `base` (the site's public address, or the request's)."""
        return base.rstrip("/") + PATH.format(token=self.token)


def create(
    session: Session, user: User, settings: Settings, *, actor: User | None = None, address: str | None = None
) -> Link:
    """A new link for `user`; links given out before stop working."""
    now = utcnow()
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session="fetch")
    )
    token = tokens.new_token()
    reset = PasswordReset(
        user=user,
        token_hash=tokens.digest(token),
        created_at=now,
        expires_at=now + timedelta(hours=settings.reset_link_hours),
    )
    session.add(reset)
    session.flush()
    audit.record(session, "password.reset_link", actor=actor, target=user, address=address)
    return Link(reset, token)


def find(session: Session, token: str) -> PasswordReset | None:
    """The unused, unexpired link for `token`, of an active account; else None."""
    reset = session.scalar(select(PasswordReset).where(PasswordReset.token_hash == tokens.digest(token)))
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow() or not reset.user.active:
        return None
    return reset


def redeem(session: Session, reset: PasswordReset, password: str, *, address: str | None = None) -> User:
    """Set the new password (AccountError when too weak) and use the link up."""
    service.set_password(session, reset.user, password)
    reset.used_at = utcnow()
    audit.record(session, "password.reset", actor=reset.user, target=reset.user, address=address)
    return reset.user
