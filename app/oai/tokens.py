"""Stateless resumption tokens: the request and the position reached, signed with the app's secret key.

Nothing is kept on the server: a token holds the list's arguments and the (datestamp, id) of the last
record sent, so the next batch starts right after it whatever changed in between (keyset, not offset).
"""

import base64
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

LIFETIME = timedelta(hours=48)  # the protocol asks nothing; harvesters pausing overnight need at least a day


class BadToken(ValueError):
    """A token that was not ours, was altered, or has expired."""


@dataclass(frozen=True)
class Position:
    """Where a list resumes: its arguments, the last record sent, and when the token expires."""

    verb: str
    prefix: str
    set: str | None
    start: str | None  # `from`, ISO
    until: str | None
    stamp: str  # the last record's datestamp (ISO, microseconds) and id
    last_id: int
    expires: str


def encode(position: Position, key: str) -> str:
    """The signed token of `position`."""
    body = base64.urlsafe_b64encode(json.dumps(asdict(position), separators=(",", ":")).encode()).decode()
    return f"{body}.{_signature(body, key)}"


def decode(token: str, key: str, now: datetime) -> Position:
    """The position of a token we signed and that has not expired, else BadToken."""
    body, _dot, signature = token.rpartition(".")
    if not body or not hmac.compare_digest(signature, _signature(body, key)):
        raise BadToken("not signed by this museum")
    try:
        position = Position(**json.loads(base64.urlsafe_b64decode(body.encode())))
        expires = datetime.fromisoformat(position.expires)
    except (ValueError, TypeError) as error:
        raise BadToken("unreadable") from error
    if expires <= now:
        raise BadToken("expired")
    return position


def _signature(body: str, key: str) -> str:
    digest = hmac.new(("oai-token:" + key).encode(), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
