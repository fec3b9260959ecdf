"""Changing an interview's access level, languages and consent: each change audited, reindexed and seen by media.

Every change goes through `changed`: an audit entry, `access_changed_at`, the item's `updated_at` (so the
search index's drift check sees it), an index job through the outbox, and the media visibility cache dropped.
"""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, selectinload

from app.audit import service as audit
from app.clock import utcnow
from app.errors import DomainError
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.interview.models import ACCESS_LEVELS, ON_REQUEST, PUBLIC, SEALED, WITHDRAWN, Interview
from app.item.models import Item
from app.media import visibility
from app.search import sync

if TYPE_CHECKING:
    from app.account.models import User

INTERVIEW = "interview"
LEVEL_LABELS = {
    PUBLIC: _l("Public"),
    ON_REQUEST: _l("On request"),
    SEALED: _l("Sealed until a date"),
    WITHDRAWN: _l("Withdrawn"),
}


class AccessRefused(DomainError):
    """A value the interview panel cannot take, said in the curator's words (next to the field)."""

    status = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def load(session: Session, identifier: str) -> Item | None:
    """An oral-memory item with its interview row and redactions, whatever its status."""
    query = (
        select(Item)
        .where(Item.identifier == identifier, Item.kind == INTERVIEW)
        .options(selectinload(Item.interview), selectinload(Item.redactions), selectinload(Item.media))
    )
    return session.scalars(query).first()


def interview_of(session: Session, item: Item) -> Interview:
    """The item's interview row, made (public, in the item's language) when it has none yet."""
    interview = session.get(Interview, item.id)
    if interview is None:
        interview = Interview(item_id=item.id, access=PUBLIC, languages=[item.language or "fr"])
        session.add(interview)
        if "interview" not in inspect(item).unloaded:  # an item already loaded with no interview now has one
            item.interview = interview
    return interview


def check_access(level: str, sealed_until: date | None, today: date) -> None:
    """AccessRefused unless `level` is known and a seal has a date in the future."""
    if level not in ACCESS_LEVELS:
        raise AccessRefused("access", _("Choose one of the access levels."))
    if level == SEALED and sealed_until is None:
        raise AccessRefused("sealed_until", _("A sealed interview needs the date it opens."))
    if level == SEALED and sealed_until is not None and sealed_until <= today:
        raise AccessRefused("sealed_until", _("The date a seal opens must be in the future."))


def set_access(
    session: Session,
    item: Item,
    level: str,
    sealed_until: date | None,
    *,
    today: date,
    user: "User | None" = None,
    address: str | None = None,
) -> Interview:
    """Give the interview an access level; a seal needs a date in the future (AccessRefused otherwise)."""
    check_access(level, sealed_until, today)
    interview = interview_of(session, item)
    before = {"access": interview.access, "sealed_until": _iso(interview.sealed_until)}
    interview.access, interview.sealed_until = level, sealed_until if level == SEALED else None
    after = {"access": level, "sealed_until": _iso(interview.sealed_until)}
    changed(session, item, "interview.access", user=user, address=address, details={"before": before, "after": after})
    return interview


def check_languages(languages: list[str]) -> list[str]:
    """The language codes cleaned (lower case, once each); AccessRefused when one is no code."""
    cleaned = list(dict.fromkeys(code.strip().lower() for code in languages if code.strip()))
    if not cleaned or any(not (2 <= len(code) <= 8 and code.replace("-", "").isalpha()) for code in cleaned):
        raise AccessRefused("languages", _("Give the languages as codes separated by commas, such as fr, it, pl."))
    return cleaned


def set_languages(
    session: Session, item: Item, languages: list[str], *, user: "User | None" = None, address: str | None = None
) -> Interview:
    """The languages spoken in the interview (codes such as fr, de, lb, it, pl, pt, ar)."""
    cleaned = check_languages(languages)
    interview = interview_of(session, item)
    interview.languages = cleaned
    changed(session, item, "interview.languages", user=user, address=address, details={"languages": cleaned})
    return interview


def check_consent(minute: int | None, note: str) -> None:
    """AccessRefused unless both the minute and what was agreed are given."""
    if minute is None or minute < 0:
        raise AccessRefused("consent_minute", _("Give the minute of the recording where consent is given."))
    if not note.strip():
        raise AccessRefused("consent_note", _("Say what was agreed, in a few words."))


def set_consent(
    session: Session,
    item: Item,
    minute: int | None,
    note: str,
    *,
    user: "User | None" = None,
    address: str | None = None,
) -> Interview:
    """Record that consent was given orally at `minute` of the recording, with what was said."""
    note = note.strip()
    check_consent(minute, note)
    interview = interview_of(session, item)
    interview.consent_minute, interview.consent_note = minute, note[:5000]
    changed(session, item, "interview.consent", user=user, address=address, details={"minute": minute})
    return interview


def has_consent(interview: Interview | None) -> bool:
    """Whether the speakers' consent is on file: a signed release form, or a note of oral consent."""
    if interview is None:
        return False
    return bool(interview.release_form_path) or bool(interview.consent_note and interview.consent_minute is not None)


def changed(
    session: Session,
    item: Item,
    action: str,
    *,
    user: "User | None" = None,
    address: str | None = None,
    details: dict | None = None,
) -> None:
    """What every access change entails: audit, timestamps, reindexing through the outbox, media decisions anew."""
    now = utcnow()
    interview = interview_of(session, item)
    interview.access_changed_at = now
    item.updated_at = now
    audit.record(session, action, actor=user, target=item, address=address, details=details or {})
    session.flush()
    sync.enqueue(session, [item.id])
    visibility.changed(session)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
