"""Keeping robots out without third-party services: a signed form stamp, a honeypot and a rate limit.

The form carries a stamp, `<issued>.<key>.<signature>`: when it was rendered and the idempotency key
of this contribution, signed with the site's secret key (HMAC-SHA256, as the CSRF tokens). A stamp
younger than `MIN_FILL_SECONDS` means a robot filled the form; an older one than `MAX_AGE_SECONDS`
a form left open too long. A stamp is used once: every form processed with it is recorded as an attempt,
refused or not. The sender's address is kept only as a keyed hash, to count its recent attempts.
"""

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.contribution.models import ContributionAttempt

MIN_FILL_SECONDS = 4
MAX_AGE_SECONDS = 2 * 24 * 3600
RATE_LIMIT = 5  # contributions per address per RATE_WINDOW
RATE_WINDOW = timedelta(hours=1)
HONEYPOT = "website"
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_ISSUED = re.compile(r"^[0-9]{1,12}$")


@dataclass(frozen=True)
class Stamp:
    issued: int
    key: str


def _sign(secret: str, issued: int, key: str) -> str:
    return hmac.new(secret.encode(), f"contribution-form|{issued}|{key}".encode(), hashlib.sha256).hexdigest()


def new_stamp(secret: str, issued: int | None = None, key: str | None = None) -> str:
    """A stamp for a freshly rendered form (a new idempotency key unless one is given)."""
    issued = int(time.time()) if issued is None else issued
    key = key or secrets.token_urlsafe(24)
    return f"{issued}.{key}.{_sign(secret, issued, key)}"


def read_stamp(secret: str, value: str) -> Stamp | None:
    """The stamp's time and key when it is ours and untouched, else None."""
    issued, _dot, rest = (value or "").partition(".")
    key, _dot, signature = rest.rpartition(".")
    if not _ISSUED.match(issued) or not _KEY.match(key):
        return None
    if not hmac.compare_digest(signature, _sign(secret, int(issued), key)):
        return None
    return Stamp(int(issued), key)


def too_fast(stamp: Stamp, now: float | None = None) -> bool:
    return (now or time.time()) - stamp.issued < MIN_FILL_SECONDS


def expired(stamp: Stamp, now: float | None = None) -> bool:
    return (now or time.time()) - stamp.issued > MAX_AGE_SECONDS


def status_token(secret: str, key: str) -> str:
    """The secret of the private status link, derived from the idempotency key: a repeated submission of
    the same form finds the same link again, and only the site can compute it."""
    return hmac.new(secret.encode(), f"contribution-status|{key}".encode(), hashlib.sha256).hexdigest()[:43]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def address_hash(secret: str, address: str | None) -> str | None:
    """A keyed hash of the client's address: enough to count, useless to find the address again."""
    if not address:
        return None
    return hmac.new(secret.encode(), f"contribution-address|{address}".encode(), hashlib.sha256).hexdigest()


def rate_limited(session: Session, hashed: str | None) -> bool:
    """Whether this address already sent `RATE_LIMIT` forms within the window, refused ones included."""
    if hashed is None:
        return False
    since = utcnow() - RATE_WINDOW
    recent = session.scalar(
        select(func.count())
        .select_from(ContributionAttempt)
        .where(ContributionAttempt.address_hash == hashed, ContributionAttempt.created_at >= since)
    )
    return (recent or 0) >= RATE_LIMIT


def claim(session: Session, stamp: Stamp, hashed: str | None) -> bool:
    """Use up the stamp (False when it was already used) and count the attempt toward the address's limit."""
    try:
        with session.begin_nested():
            session.add(ContributionAttempt(stamp_key=stamp.key, address_hash=hashed))
    except IntegrityError:
        return False
    return True


def renewed(secret: str, stamp: Stamp) -> str:
    """A new stamp for the form sent again after a refusal: a new key, the time the person already spent kept."""
    return new_stamp(secret, issued=stamp.issued)
