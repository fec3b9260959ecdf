"""Rendering the workspace's tour pages: the list, the tour's form (with its stops, cover and workflow), a stop's
form and the history."""

from fastapi import Request
from sqlalchemy.orm import Session

from app.account.permissions import PERMISSIONS
from app.agent.models import ROLES
from app.config import CONTENT_LANGUAGES
from app.i18n import lazy_gettext as _l
from app.item.fields import ROLE_LABELS
from app.item.kinds import PUBLISHED, STATUS_LABELS
from app.publishing import revisions
from app.publishing.workflow import STEP_LABELS, STEPS
from app.tour import editing, geometry, references
from app.tour.models import Tour
from app.tour.publishing import TOUR, blockers
from app.web.render import render
from app.workspace import tour_labels

NOTICES = {
    "created": _l("The tour has been created as a draft. Add its stops."),
    "saved": _l("Your changes have been saved."),
    "cover": _l("The cover image has been changed."),
    "restored": _l("The version has been restored: it is now the latest one."),
    "stop_added": _l("The stop has been added."),
    "stop_saved": _l("The stop has been saved."),
    "stop_removed": _l("The stop has been removed."),
    "moved": _l("The order has been changed."),
    "submit": _l("The tour has been submitted for review."),
    "publish": _l("The tour is published: visitors can see it."),
    "send_back": _l("The tour has been sent back to its curator."),
    "withdraw": _l("The tour has been withdrawn: visitors no longer see it."),
    "to_draft": _l("The tour is a draft again."),
}


def may(request: Request, route: str, tour: Tour | None) -> bool:
    """Whether this user may use `route` on the tour in its present state."""
    return tour is None or PERMISSIONS[route].allows(request.state.identity.role, tour.status)


def _common(request: Request, session: Session, tour: Tour | None, base, stale) -> dict:
    latest = revisions.latest_number(session, TOUR, tour.id if tour else None)
    return {
        "tour": tour,
        "revision": latest if base is None or stale else base,
        "stale": stale or [],
        "content_languages": CONTENT_LANGUAGES,
        "statuses": STATUS_LABELS,
        "step_labels": STEP_LABELS,
        "labels": tour_labels,
        "editable": may(request, "workspace.tour_update", tour),
    }


def listing(request: Request, session: Session):
    """Every tour with its state."""
    return render(request, "workspace/tours.html", {"tours": editing.listing(session), "statuses": STATUS_LABELS})


def form(
    request: Request,
    session: Session,
    tour: Tour | None,
    raw: dict,
    errors: dict | None = None,
    *,
    base: int | None = None,
    stale: list | None = None,
    done: str = "",
    status: int = 200,
):
    """The tour's form (new when `tour` is None), its stops, cover, publish blockers and workflow."""
    context = _common(request, session, tour, base, stale) | {
        "raw": raw,
        "errors": errors or {},
        "notice": NOTICES.get(str(done)),
        "roles": ROLES,
        "role_labels": ROLE_LABELS,
    }
    if tour is not None:
        points = [(stop.latitude, stop.longitude) for stop in tour.stops]
        context |= {
            "legs": geometry.legs(points),
            "steps": [step for step in STEPS if may(request, f"workspace.tour_{step}", tour)],
            "last_step": next((r for r in revisions.history(session, TOUR, tour.id) if r.action in STEPS), None),
            "covers": editing.cover_choices(session, tour),
            "blockers": blockers(session, tour) if tour.status != PUBLISHED else [],
        }
    return render(request, "workspace/tour.html", context, status_code=status)


def stop_form(
    request: Request,
    session: Session,
    tour: Tour,
    raw: dict,
    *,
    number: int | None = None,
    errors: dict | None = None,
    base: int | None = None,
    stale: list | None = None,
    status: int = 200,
):
    """The form of a new stop (`number` None) or of the stop `number` (1 for the first)."""
    stop = tour.stops[number - 1] if number is not None else None
    context = _common(request, session, tour, base, stale) | {
        "raw": raw,
        "number": number,
        "stop": stop,
        "errors": errors or {},
        "exhibits": references.exhibit_choices(session),
    }
    return render(request, "workspace/tour_stop.html", context, status_code=status)


def history(request: Request, session: Session, tour: Tour, *, stale: list | None = None, done: str = "", status=200):
    """The tour's revisions, newest first, each with its changes and a restore button."""
    found = revisions.history(session, TOUR, tour.id)
    context = _common(request, session, tour, None, stale) | {
        "revisions": found,
        "latest": found[0].number if found else 0,
        "notice": NOTICES.get(done),
        "may_restore": may(request, "workspace.tour_restore", tour),
    }
    return render(request, "workspace/tour_history.html", context, status_code=status)
