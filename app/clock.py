"""The time the museum stores: naive UTC datetimes, the same on SQLite and PostgreSQL."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now in UTC, without tzinfo (what every `DateTime` column holds)."""
    return datetime.now(UTC).replace(tzinfo=None)
