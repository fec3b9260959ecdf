"""Recording and reading audit events. `record` adds a row in the caller's transaction (never commits).

Actions are dotted names; the ones in use are listed in `ACTIONS` with their labels for the log page.
The workspace records its own (`item.publish`, `item.delete`, `collection.publish`...) with the same function.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.models import AuditEvent
from app.i18n import lazy_gettext as _l
from app.pagination import Page

ACTIONS = {
    "login": _l("Login"),
    "login.failed": _l("Failed login"),
    "logout": _l("Logout"),
    "user.create": _l("Account created"),
    "user.role": _l("Role changed"),
    "user.deactivate": _l("Account deactivated"),
    "user.activate": _l("Account reactivated"),
    "password.reset_link": _l("Password reset link created"),
    "password.reset": _l("Password reset"),
    "password.change": _l("Password changed"),
    "token.create": _l("API token created"),
    "token.revoke": _l("API token revoked"),
    "session.revoke": _l("Session revoked"),
    "item.publish": _l("Publication"),
    "item.send_back": _l("Sent back to its curator"),
    "item.withdraw": _l("Withdrawal"),
    "item.delete": _l("Deletion"),
    "collection.publish": _l("Collection published"),
    "collection.send_back": _l("Collection sent back to its curator"),
    "collection.withdraw": _l("Collection withdrawn"),
    "tour.publish": _l("Tour published"),
    "tour.send_back": _l("Tour sent back to its curator"),
    "tour.withdraw": _l("Tour withdrawn"),
    "contribution.approve": _l("Contribution approved"),
    "contribution.reject": _l("Contribution rejected"),
    "interview.access": _l("Interview access changed"),
    "interview.languages": _l("Interview languages changed"),
    "interview.consent": _l("Interview consent recorded"),
    "interview.release_form": _l("Interview release form stored"),
    "interview.redaction": _l("Interview passage redacted"),
    "interview.unredaction": _l("Interview redaction removed"),
    "interview.opened": _l("Interview opened on its seal date"),
    "interview.request_approved": _l("Access request approved"),
    "interview.request_refused": _l("Access request refused"),
    "interview.listened": _l("Interview heard through a private link"),
    "cohort.create": _l("Cohort created"),
    "trainee.create": _l("Trainee added"),
    "trainee.forget": _l("Trainee forgotten on request"),
}


def record(
    session: Session,
    action: str,
    *,
    actor=None,
    target=None,
    target_type: str | None = None,
    details: dict | None = None,
    address: str | None = None,
    actor_name: str | None = None,
) -> AuditEvent:
    """Add an event; `actor` is a User (or None for the system), `target` any row with an `id`."""
    event = AuditEvent(
        action=action,
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "name", actor_name),
        target_type=target_type or (_type_of(target) if target is not None else None),
        target_id=str(target.id) if target is not None else None,
        target_label=_label(target),
        details=details or {},
        client_address=address,
    )
    session.add(event)
    return event


def _type_of(target) -> str:
    return type(target).__tablename__.removesuffix("s")


def _label(target) -> str | None:
    for attribute in ("name", "identifier", "slug"):
        if getattr(target, attribute, None):
            return str(getattr(target, attribute))[:255]
    return None


def listing(session: Session, page: int, per_page: int, action: str | None = None) -> Page[AuditEvent]:
    """A page of events, newest first, optionally of one action."""
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.scalars(
        query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(list(rows), total, page, per_page)
