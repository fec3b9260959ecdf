"""The review workflow of any registered kind: draft → in review → published (→ withdrawn), each step a revision.

Who may take which step is the permission table's business (app/account/permissions.py); this
module only knows which steps lead from which state, and what each one records.
"""

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.publishing import revisions
from app.publishing.kinds import kind_of
from app.publishing.states import DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN
from app.search import sync

# step -> (the states it starts from, the state it leads to)
STEPS = {
    "submit": ((DRAFT,), IN_REVIEW),
    "publish": ((IN_REVIEW,), PUBLISHED),
    "send_back": ((IN_REVIEW,), DRAFT),
    "withdraw": ((PUBLISHED,), WITHDRAWN),
    "to_draft": ((WITHDRAWN,), DRAFT),
}
STEP_LABELS = {
    "create": _l("Created"),
    "edit": _l("Edited"),
    "restore": _l("Restored an earlier version"),
    "baseline": _l("State before the workspace"),
    "submit": _l("Submitted for review"),
    "publish": _l("Published"),
    "send_back": _l("Sent back"),
    "withdraw": _l("Withdrawn"),
    "to_draft": _l("Back to draft"),
    "transcript_import": _l("Transcript or index imported"),
}
COMMENT_LIMIT = 2000


class StepRefused(ValueError):
    """A step that cannot be taken now: the record is in another state (409), or a comment is missing (422)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def check_publishable(session: Session, record) -> None:
    """Refuse (422) to publish a record its kind finds incomplete (an image without alternative text...)."""
    blockers = kind_of(record).blockers
    if blockers is not None and (found := blockers(session, record)):
        raise StepRefused(" ".join(found), 422)


def take(session: Session, record, step: str, user, comment: str = "", address: str | None = None):
    """Move the record to the step's state, with a revision (and an audit event for the kind's audited steps)."""
    kind = kind_of(record)
    sources, target = STEPS[step]
    revisions.lock(session, kind, record.id)
    session.refresh(record, ["status"])  # as it is now that no one else can change it
    if record.status not in sources:
        raise StepRefused(str(kind.moved_on).format(status=record.status), 409)
    comment = comment.strip()[:COMMENT_LIMIT]
    if step == "send_back" and not comment:
        raise StepRefused(_("Say what should change before it can be published."), 422)
    if target == PUBLISHED:
        check_publishable(session, record)
    before = kind.take(record)
    record.status = target
    if kind.stepped is not None:
        kind.stepped(record, step)
    revision = revisions.record(session, record, user, step, before, comment)
    if kind.indexed_items is not None:
        sync.enqueue(session, kind.indexed_items(session, record))
    if step in kind.audited:
        details = {"revision": revision.number} | ({"comment": comment} if comment else {})
        audit.record(session, kind.audited[step], actor=user, target=record, address=address, details=details)
    return revision
