"""The review workflow of items (the generic one, app/publishing/workflow.py), and deleting an item.

Who may take which step is the permission table's business (app/account/permissions.py).
"""

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.item.models import Item
from app.item.publishing import ITEM
from app.publishing.workflow import STEP_LABELS, STEPS, StepRefused, take

__all__ = ["AUDITED", "STEPS", "STEP_DOCS", "STEP_LABELS", "StepRefused", "delete", "take"]

STEP_DOCS = {
    "submit": "Submit a draft for review.",
    "publish": "Publish an item in review (supervisors and administrators).",
    "send_back": "Send an item in review back to draft, with a comment saying what to change (supervisors and "
    "administrators).",
    "withdraw": "Take a published item off the public site (supervisors and administrators).",
    "to_draft": "Make a withdrawn item a draft again, to rework it.",
}
# The steps the audit log keeps, under its action names.
AUDITED = ITEM.audited


def delete(session: Session, item: Item, user, address: str | None = None) -> None:
    """Delete the item (its media rows, links and revisions go with it); the audit log keeps a trace."""
    audit.record(
        session,
        "item.delete",
        actor=user,
        target=item,
        address=address,
        details={"status": item.status, "title": next(iter(item.titles.values()), "")},
    )
    session.delete(item)
    session.flush()
