"""The audit log page, for supervisors and administrators: newest first, by action, page by page."""

from fastapi import APIRouter, HTTPException, Request

from app.audit import service as audit
from app.i18n import gettext as _
from app.pagination import PageNumber
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter(include_in_schema=False)
PER_PAGE = 50


@router.get("/workspace/audit", name="audit.list")
def audit_list(request: Request, session: SessionDep, page: PageNumber = 1, action: str = ""):
    """Logins, role changes, password resets, tokens, publications and deletions."""
    if action and action not in audit.ACTIONS:
        raise HTTPException(400, _("“{action}” is not an action of the log.").format(action=action))
    events = audit.listing(session, page, PER_PAGE, action or None)
    if events.out_of_range:
        raise HTTPException(404)
    return render(request, "audit/list.html", {"events": events, "action": action, "actions": audit.ACTIONS})
