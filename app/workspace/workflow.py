"""The review workflow: draft → in review → published (→ withdrawn), each step a revision.

Who may take which step is the permission table's business (app/account/permissions.py); this
module only knows which steps lead from which state, and what each one records.
"""

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item.kinds import DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN
from app.item.models import Item
from app.revision import service as revision_service
from app.revision import snapshot

# step -> (the states it starts from, the state it leads to)
STEPS = {
    "submit": ((DRAFT,), IN_REVIEW),
    "publish": ((IN_REVIEW,), PUBLISHED),
    "send_back": ((IN_REVIEW,), DRAFT),
    "withdraw": ((PUBLISHED,), WITHDRAWN),
    "to_draft": ((WITHDRAWN,), DRAFT),
}
STEP_LABELS = {
    "create": _l("Created"), "edit": _l("Edited"), "restore": _l("Restored an earlier version"),
    "baseline": _l("State before the workspace"), "submit": _l("Submitted for review"),
    "publish": _l("Published"), "send_back": _l("Sent back"), "withdraw": _l("Withdrawn"),
    "to_draft": _l("Back to draft"),
}
STEP_DOCS = {
    "submit": "Submit a draft for review.",
    "publish": "Publish an item in review (supervisors and administrators).",
    "send_back": "Send an item in review back to draft, with a comment saying what to change (supervisors and "
                 "administrators).",
    "withdraw": "Take a published item off the public site (supervisors and administrators).",
    "to_draft": "Make a withdrawn item a draft again, to rework it.",
}
# The steps the audit log keeps, under its action names.
AUDITED = {"publish": "item.publish", "send_back": "item.send_back", "withdraw": "item.withdraw"}


class StepRefused(ValueError):
    """A step that cannot be taken now: the item is in another state (409), or a comment is missing (422)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def take(session: Session, item: Item, step: str, user, comment: str = "", address: str | None = None):
    """Move the item to the step's state, with a revision (and an audit event for the audited steps)."""
    sources, target = STEPS[step]
    revision_service.lock(session, item.id)
    session.refresh(item, ["status"])  # as it is now that no one else can change it
    if item.status not in sources:
        raise StepRefused(_("This item is no longer in a state where this can be done: it is now “{status}”.")
                          .format(status=item.status), 409)
    comment = comment.strip()[:2000]
    if step == "send_back" and not comment:
        raise StepRefused(_("Say what should change before it can be published."), 422)
    before = snapshot.take(item)
    item.status = target
    revision = revision_service.record(session, item, user, step, before, comment)
    if step in AUDITED:
        audit.record(session, AUDITED[step], actor=user, target=item, address=address,
                     details={"revision": revision.number, "comment": comment} if comment else
                     {"revision": revision.number})
    return revision


def delete(session: Session, item: Item, user, address: str | None = None) -> None:
    """Delete the item (its media rows, links and revisions go with it); the audit log keeps a trace."""
    audit.record(session, "item.delete", actor=user, target=item, address=address,
                 details={"status": item.status, "title": next(iter(item.titles.values()), "")})
    session.delete(item)
    session.flush()
