"""Passwords: Argon2id hashes (argon2-cffi with its RFC 9106 defaults), checks and generated passwords."""

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.i18n import gettext as _

MIN_LENGTH = 10
MAX_LENGTH = 1024  # hashing a megabyte-long "password" would be a cheap denial of service
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; always spends the time of one Argon2 check."""
    try:
        return _hasher.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)  # one value: the dummy hash
def _dummy() -> str:
    """Checked when the login name is unknown, so that a wrong name takes as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than today's (it is redone at the next login)."""
    return _hasher.check_needs_rehash(password_hash)


def problem(password: str) -> str | None:
    """Why a new password cannot be used, or None."""
    if len(password) < MIN_LENGTH:
        return _("The password must be at least {count} characters long.").format(count=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _("The password must be at most {count} characters long.").format(count=MAX_LENGTH)
    if not password.strip():
        return _("The password cannot be only spaces.")
    return None


def generate() -> str:
    """A password to give out once: 20 random URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)
