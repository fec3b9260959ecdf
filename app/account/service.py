"""Users: create, find, list, change role, (de)activate, set a password, authenticate.

Functions take the session first and never commit. Whatever weakens or changes an account's access
(role change, deactivation, new password) revokes its login sessions, and is recorded in the audit log.
"""

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.account import passwords
from app.account import sessions as login_sessions
from app.account.models import User
from app.account.roles import ADMIN, ROLES
from app.audit import service as audit
from app.clock import utcnow
from app.i18n import gettext as _

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class AccountError(ValueError):
    """A change that cannot be made; `str(error)` says why, `field` which form field it is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def clean_name(name: str) -> str:
    """The login name as stored (lower case, trimmed), or AccountError."""
    cleaned = (name or "").strip().lower()
    if not NAME.match(cleaned):
        raise AccountError(
            _(
                "A login name has 2 to 64 characters: letters a-z, digits, “.”, “-” and “_”, "
                "starting with a letter or a digit."
            ),
            "name",
        )
    return cleaned


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(
            _("“{role}” is not a role. Choose one of: {roles}.").format(role=role, roles=", ".join(ROLES)), "role"
        )
    return role


def get(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def get_by_name(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == (name or "").strip().lower()))


def list_users(session: Session) -> list[User]:
    """Every account, by role then name."""
    order = {role: n for n, role in enumerate(ROLES)}
    return sorted(session.scalars(select(User)).all(), key=lambda user: (order.get(user.role, 9), user.name))


def create(
    session: Session,
    name: str,
    role: str,
    password: str,
    *,
    display_name: str | None = None,
    email: str | None = None,
    actor: User | None = None,
    address: str | None = None,
) -> User:
    """A new active account; AccountError for a bad or taken name, an unknown role or a weak password."""
    name = clean_name(name)
    check_role(role)
    if get_by_name(session, name) is not None:
        raise AccountError(_("The login name “{name}” is already taken.").format(name=name), "name")
    if (problem := passwords.problem(password)) is not None:
        raise AccountError(problem, "password")
    user = User(
        name=name,
        role=role,
        display_name=(display_name or "").strip() or name,
        email=(email or "").strip() or None,
        password_hash=passwords.hash_password(password),
    )
    session.add(user)
    session.flush()
    audit.record(session, "user.create", actor=actor, target=user, details={"role": role}, address=address)
    return user


def set_role(session: Session, user: User, role: str, *, actor: User | None = None, address: str | None = None) -> None:
    """Change the role and end the user's sessions (their pages were made for the old role)."""
    check_role(role)
    if role == user.role:
        return
    _keep_an_admin(session, user, leaving=role != ADMIN)
    audit.record(
        session, "user.role", actor=actor, target=user, details={"from": user.role, "to": role}, address=address
    )
    user.role = role
    login_sessions.revoke_all(session, user)


def set_active(
    session: Session, user: User, active: bool, *, actor: User | None = None, address: str | None = None
) -> None:
    """Deactivate (sessions and tokens stop working at once) or reactivate an account."""
    if active == user.active:
        return
    if not active:
        _keep_an_admin(session, user, leaving=True)
        login_sessions.revoke_all(session, user)
    user.active = active
    audit.record(session, "user.activate" if active else "user.deactivate", actor=actor, target=user, address=address)


def _keep_an_admin(session: Session, user: User, leaving: bool) -> None:
    """Refuse to remove the last active administrator: nobody could manage accounts any more."""
    if not leaving or user.role != ADMIN or not user.active:
        return
    others = session.scalar(
        select(func.count()).select_from(User).where(User.role == ADMIN, User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise AccountError(
            _("{name} is the last active administrator: make someone else administrator first.").format(name=user.name),
            "role",
        )


def set_password(session: Session, user: User, password: str) -> None:
    """Store a new password and end every session of the account; AccountError when too weak."""
    if (problem := passwords.problem(password)) is not None:
        raise AccountError(problem, "password")
    user.password_hash = passwords.hash_password(password)
    login_sessions.revoke_all(session, user)


def login_candidate(session: Session, name: str, password: str) -> User | None:
    """The user a login form names (None when the password is too long to be checked)."""
    return get_by_name(session, name) if len(password) <= passwords.MAX_LENGTH else None


def authenticate(user: User | None, password: str) -> User | None:
    """`user` when active and `password` is theirs (rehashed when the parameters changed), else None.
    Reads nothing from the database: the caller may hold no transaction during the Argon2 check."""
    valid = passwords.verify(user.password_hash if user else None, password[: passwords.MAX_LENGTH])
    if not valid or user is None or not user.active:
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = utcnow()
    return user
