"""Requests to hear an interview that is public only on request: asked by anyone, answered by a curator.

Approval makes a private link `/items/{identifier}/listen/{token}`: the token is random and sent only in
the e-mail (and shown once to the curator); the database keeps its sha256 and the day it expires. Every
use of a link is audited. A refusal says why. Both answers are e-mailed in the requester's language.
"""

import hashlib
import re
import secrets
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.account import mail
from app.audit import service as audit
from app.clock import utcnow
from app.config import Settings
from app.errors import DomainError
from app.i18n import gettext as _
from app.i18n import language
from app.interview import access
from app.interview.models import AccessRequest, Interview
from app.item.models import Item

if TYPE_CHECKING:
    from app.account.models import User

PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
RATE_LIMIT = 5  # requests from one contact address per RATE_WINDOW
RATE_WINDOW = timedelta(hours=1)
_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LIMITS = {"name": 200, "contact": 320, "purpose": 5000}


class RequestRefused(DomainError):
    """A request or an answer that cannot be taken now (too many, already answered...)."""


@dataclass(frozen=True)
class Decision:
    """A curator's answer: the request, and for an approval the private link's token (shown once)."""

    request: AccessRequest
    token: str | None
    mailed: bool


def check(name: str, contact: str, purpose: str) -> dict[str, str]:
    """Messages by field for what is missing or wrong (empty when the request may be recorded)."""
    errors = {}
    if not name.strip():
        errors["name"] = _("Give your name.")
    if not _ADDRESS.fullmatch(contact.strip()):
        errors["contact"] = _("Give an e-mail address, so that the answer can reach you.")
    if len(purpose.strip()) < 10:
        errors["purpose"] = _("Say in a sentence or two why you would like to hear this interview.")
    for field, value in (("name", name), ("contact", contact), ("purpose", purpose)):
        if len(value) > LIMITS[field]:
            errors[field] = _("This is too long: at most {limit} characters.").format(limit=LIMITS[field])
    return errors


def requestable(session: Session, identifier: str, today: date) -> Item | None:
    """The published interview of this identifier when it is open on request only, else None."""
    item = session.scalars(select(Item).where(Item.identifier == identifier, Item.kind == "interview")).first()
    if item is None:
        return None
    return item if access.content_is_granted(item, session.get(Interview, item.id), today) else None


def too_many(session: Session, contact: str) -> bool:
    """Whether this address already sent `RATE_LIMIT` requests within the window."""
    since = utcnow() - RATE_WINDOW
    query = select(func.count()).where(AccessRequest.contact == contact.strip(), AccessRequest.created_at >= since)
    return (session.scalar(query) or 0) >= RATE_LIMIT


def create(session: Session, item: Item, name: str, contact: str, purpose: str, lang: str) -> AccessRequest:
    """Record a checked request (RequestRefused with 429 when the address sent too many)."""
    if too_many(session, contact):
        raise RequestRefused(_("Several requests came from this address within the hour: try again later."), 429)
    request = AccessRequest(
        item_id=item.id, name=name.strip(), contact=contact.strip(), purpose=purpose.strip(), language=lang
    )
    session.add(request)
    session.flush()
    return request


def pending(session: Session) -> list[AccessRequest]:
    """Requests waiting for an answer, oldest first, with their items."""
    query = select(AccessRequest).where(AccessRequest.status == PENDING).order_by(AccessRequest.created_at)
    return list(session.scalars(query.options(selectinload(AccessRequest.item))))


def recent(session: Session, limit: int = 20) -> list[AccessRequest]:
    """The latest answered requests, newest first."""
    query = select(AccessRequest).where(AccessRequest.status != PENDING).order_by(AccessRequest.decided_at.desc())
    return list(session.scalars(query.options(selectinload(AccessRequest.item)).limit(limit)))


def approve(
    session: Session, request: AccessRequest, user: "User | None", settings: Settings, link_url: Callable[[str], str]
) -> Decision:
    """Approve a pending request: a private link valid `access_link_days`, e-mailed to the requester."""
    _still_pending(request)
    token = secrets.token_urlsafe(32)
    request.status, request.token_hash = APPROVED, token_hash(token)
    request.expires_at = utcnow() + timedelta(days=settings.access_link_days)
    _decided(session, request, user, "interview.request_approved")
    with language(request.language):
        body = _(
            "Hello {name},\n\nYour request to hear “{title}” has been approved. The recording and its "
            "transcript are open to you at this private address until {date}:\n\n{url}\n\nPlease do not pass "
            "the address on: it was made for you.\n"
        ).format(name=request.name, title=_title(request.item), date=request.expires_at.date(), url=link_url(token))
        mailed = _send(settings, request, _("Your request has been approved"), body)
    return Decision(request, token, mailed)


def refuse(session: Session, request: AccessRequest, user: "User | None", settings: Settings, reason: str) -> Decision:
    """Refuse a pending request with a reason, which the requester is told."""
    _still_pending(request)
    if not reason.strip():
        raise RequestRefused(_("Say why the request is refused: the requester is told."), 422)
    request.status, request.reason = REFUSED, reason.strip()[:2000]
    _decided(session, request, user, "interview.request_refused")
    with language(request.language):
        body = _("Hello {name},\n\nYour request to hear “{title}” could not be granted, for this reason:\n\n{reason}\n")
        body = body.format(name=request.name, title=_title(request.item), reason=request.reason)
        mailed = _send(settings, request, _("About your request"), body)
    return Decision(request, None, mailed)


def granted_item(session: Session, identifier: str, token: str) -> Item | None:
    """The interview an approved, unexpired link opens (and still on request), else None; the use is audited."""
    found = _open_request(session, identifier, token)
    if found is None:
        return None
    audit.record(session, "interview.listened", target=found.item, details={"request": found.id})
    return found.item


def link_opens(session: Session, identifier: str, token: str) -> bool:
    """Whether the link opens its interview now (for the files its audited page plays: not audited again)."""
    return _open_request(session, identifier, token) is not None


def _open_request(session: Session, identifier: str, token: str) -> AccessRequest | None:
    found = _by_token(session, token)
    if found is None or found.item.identifier != identifier or not link_is_open(found, date.today()):
        return None
    return found


def link_state(session: Session, identifier: str, token: str) -> str:
    """Why a link does not open: "expired" (or refused, or the interview closed since), else "unknown"."""
    found = _by_token(session, token)
    return "expired" if found is not None and found.item.identifier == identifier else "unknown"


def link_is_open(request: AccessRequest, today: date) -> bool:
    """An approved request's link opens while it has not expired and the interview is still on request."""
    if request.status != APPROVED or request.expires_at is None or request.expires_at <= utcnow():
        return False
    return access.content_is_granted(request.item, request.item.interview, today)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _by_token(session: Session, token: str) -> AccessRequest | None:
    query = select(AccessRequest).where(AccessRequest.token_hash == token_hash(token))
    return session.scalars(query.options(selectinload(AccessRequest.item).selectinload(Item.interview))).first()


def _still_pending(request: AccessRequest) -> None:
    if request.status != PENDING:
        raise RequestRefused(_("This request has already been answered."), 409)


def _decided(session: Session, request: AccessRequest, user: "User | None", action: str) -> None:
    request.decided_by_id, request.decided_at = getattr(user, "id", None), utcnow()
    audit.record(session, action, actor=user, target=request.item, details={"request": request.id})


def _title(item: Item) -> str:
    return item.titles.get(item.language) or next(iter(item.titles.values()), item.identifier)


def _send(settings: Settings, request: AccessRequest, subject: str, body: str) -> bool:
    """E-mail the requester; False when no mail server is set or it refused (the curator is told)."""
    if not mail.configured(settings):
        return False
    try:
        mail.send(settings, request.contact, f"{settings.site_name}: {subject}", body)
    except (OSError, smtplib.SMTPException):
        return False
    return True
