"""The interview columns of the import format: access level, seal date, and the speakers' consent.

An import must not do what the workspace refuses: an oral memory is published only with its speakers'
consent (a signed release form already stored, or the minute of the recording where consent was given
orally, with what was agreed). A row that would publish an interview without it is rejected, and the
access level travels with the interview, so that exporting a sealed interview and importing it elsewhere
keeps it sealed. Changes are written through the interview's own write path (audited, reindexed).
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.interview import access_service
from app.interview.models import ACCESS_LEVELS, SEALED, Interview
from app.item.kinds import PUBLISHED
from app.item.models import Item

if TYPE_CHECKING:
    from app.transfer.rows import ItemRow

KIND = "interview"
COLUMNS = ("access", "sealed_until", "consent_minute", "consent_note")
NOTE_LENGTH = 5000
CONSENT_MISSING = (
    "an interview is published only with its speakers' consent: give consent_minute and consent_note "
    "(consent given orally at that minute of the recording), store the signed release form in the "
    'workspace first, or import the interview with status "draft"'
)
Add = Callable[[str], None]


def read_access(column: str, text: str, add: Add) -> str | None:
    level = text.strip().lower().replace(" ", "_").replace("-", "_")
    if not level:
        return None
    if level not in ACCESS_LEVELS:
        add(f'{column} "{text[:40]}" is unknown; use one of {", ".join(ACCESS_LEVELS)}')
    return level


def read_day(column: str, text: str, add: Add) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        add(f'{column} "{text[:40]}" is not a date; use YYYY-MM-DD (2051-01-01)')
        return None


def read_minute(column: str, text: str, add: Add) -> int | None:
    if not text:
        return None
    try:
        minute = int(text.strip())
    except ValueError:
        add(f'{column} "{text[:40]}" is not a whole number of minutes')
        return None
    if not 0 <= minute <= 100_000:
        add(f'{column} "{text[:40]}" is out of range (a minute of the recording, 0 or more)')
    return minute


def read_note(column: str, text: str, add: Add) -> str | None:
    if len(text) > NOTE_LENGTH:
        add(f"{column} is {len(text)} characters long; the limit is {NOTE_LENGTH}")
    return text.strip() or None


READERS = {"access": read_access, "sealed_until": read_day, "consent_minute": read_minute, "consent_note": read_note}


def check_row(values: dict[str, Any], add: Add, today: date) -> None:
    """What the row's interview columns must agree on, without the database."""
    given = [column for column in COLUMNS if values.get(column) is not None]
    if given and values.get("kind") not in (None, KIND):
        add(f"{', '.join(given)} only apply to interviews (kind {KIND})")
        return
    level, day = values.get("access"), values.get("sealed_until")
    if level == SEALED and day is None:
        add("a sealed interview needs sealed_until, the date it opens (YYYY-MM-DD)")
    elif level == SEALED and day is not None and day <= today:
        add(f"sealed_until {day.isoformat()} has passed; the date a seal opens must be in the future")
    elif day is not None and level != SEALED:
        add('sealed_until is only for access "sealed"')
    if (values.get("consent_minute") is None) != (values.get("consent_note") is None):
        add("consent_minute and consent_note go together: the minute consent was given, and what was agreed")


def _oral_consent(values: dict[str, Any]) -> bool:
    return values.get("consent_minute") is not None and values.get("consent_note") is not None


def without_consent(session: Session, rows: list["ItemRow"]) -> list["ItemRow"]:
    """The interview rows that would publish an interview whose speakers' consent is not on file.

    A row publishes when it says `status` published, or creates the item (new items are published unless
    the row says otherwise). Consent is on file when the row gives it, or when the stored interview has it.
    """
    candidates = [
        row
        for row in rows
        if row.values.get("kind") == KIND and row.values.get("status", PUBLISHED) == PUBLISHED
        if not _oral_consent(row.values)
    ]
    stored = _stored_consent(session, [row.key for row in candidates])
    return [row for row in candidates if not stored.get(row.key, False)]


def _stored_consent(session: Session, identifiers: list[str]) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for start in range(0, len(identifiers), 500):
        query = (
            select(Item.identifier, Interview)
            .join(Interview, Interview.item_id == Item.id, isouter=True)
            .where(Item.identifier.in_(identifiers[start : start + 500]))
        )
        for identifier, interview in session.execute(query):
            found[identifier] = access_service.has_consent(interview)
    return found


def changed(session: Session, rows: Iterable["ItemRow"]) -> list[tuple[Item, dict[str, Any]]]:
    """The stored items whose interview the rows' columns change, with those rows' values."""
    wanted = {row.key: row.values for row in rows if any(row.values.get(column) is not None for column in COLUMNS)}
    if not wanted:
        return []
    query = select(Item).where(Item.identifier.in_(wanted)).options(selectinload(Item.interview))
    items = session.scalars(query)
    return [(item, wanted[item.identifier]) for item in items if _differs(item, wanted[item.identifier])]


def _differs(item: Item, values: dict[str, Any]) -> bool:
    return _access_differs(item.interview, values) or _consent_differs(item.interview, values)


def _access_differs(interview: Interview | None, values: dict[str, Any]) -> bool:
    level = values.get("access")
    if level is None:
        return False
    return interview is None or (interview.access, interview.sealed_until) != (level, values.get("sealed_until"))


def _consent_differs(interview: Interview | None, values: dict[str, Any]) -> bool:
    if not _oral_consent(values):
        return False
    consent = (values.get("consent_minute"), values.get("consent_note"))
    return interview is None or (interview.consent_minute, interview.consent_note) != consent


def write(session: Session, changes: list[tuple[Item, dict[str, Any]]], today: date) -> None:
    """Give each interview the access level and oral consent its row says (audited, reindexed)."""
    for item, values in changes:
        interview = item.interview
        if _access_differs(interview, values):
            access_service.set_access(session, item, values["access"], values.get("sealed_until"), today=today)
        if _consent_differs(interview, values):
            access_service.set_consent(session, item, values["consent_minute"], values["consent_note"])
