"""Rendering the workspace's collection pages: the list, the form (with cover and workflow), the history."""

from fastapi import Request
from sqlalchemy.orm import Session

from app.account.permissions import PERMISSIONS
from app.collection import editing
from app.collection.models import Collection
from app.collection.publishing import COLLECTION
from app.config import CONTENT_LANGUAGES
from app.i18n import lazy_gettext as _l
from app.item.kinds import STATUS_LABELS
from app.publishing import revisions
from app.publishing.workflow import STEP_LABELS, STEPS
from app.web.render import render
from app.workspace import collection_labels

NOTICES = {
    "created": _l("The collection has been created as a draft."),
    "saved": _l("Your changes have been saved."),
    "cover": _l("The cover image has been changed."),
    "submit": _l("The collection has been submitted for review."),
    "publish": _l("The collection is published: visitors can see it."),
    "send_back": _l("The collection has been sent back to its curator."),
    "withdraw": _l("The collection has been withdrawn: visitors no longer see it."),
    "to_draft": _l("The collection is a draft again."),
}


def _may(request: Request, route: str, collection: Collection | None) -> bool:
    return collection is None or PERMISSIONS[route].allows(request.state.identity.role, collection.status)


def steps_allowed(request: Request, collection: Collection) -> list[str]:
    """The workflow steps this user may take on the collection now."""
    return [step for step in STEPS if _may(request, f"workspace.collection_{step}", collection)]


def _last_step(session: Session, collection: Collection | None):
    if collection is None:
        return None
    return next((r for r in revisions.history(session, COLLECTION, collection.id) if r.action in STEPS), None)


def listing(request: Request, session: Session):
    """Every collection with its state and number of items."""
    return render(
        request, "workspace/collections.html", {"collections": editing.listing(session), "statuses": STATUS_LABELS}
    )


def form(
    request: Request,
    session: Session,
    collection: Collection | None,
    raw: dict,
    errors: dict | None = None,
    *,
    base: int | None = None,
    stale: list | None = None,
    done: str = "",
    status: int = 200,
):
    """The collection form (new when `collection` is None), its cover choice and workflow buttons."""
    latest = revisions.latest_number(session, COLLECTION, collection.id if collection else None)
    return render(
        request,
        "workspace/collection.html",
        {
            "collection": collection,
            "raw": raw,
            "errors": errors or {},
            "stale": stale or [],
            "revision": latest if base is None or stale else base,
            "notice": NOTICES.get(str(done)),
            "content_languages": CONTENT_LANGUAGES,
            "statuses": STATUS_LABELS,
            "labels": collection_labels,
            "step_labels": STEP_LABELS,
            "editable": _may(request, "workspace.collection_update", collection),
            "steps": steps_allowed(request, collection) if collection else [],
            "last_step": _last_step(session, collection),
            "covers": editing.cover_choices(session, collection) if collection else [],
        },
        status_code=status,
    )


def history(request: Request, session: Session, collection: Collection):
    """The collection's revisions, newest first, each with its changes."""
    found = revisions.history(session, COLLECTION, collection.id)
    return render(
        request,
        "workspace/collection_history.html",
        {
            "collection": collection,
            "revisions": found,
            "labels": collection_labels,
            "step_labels": STEP_LABELS,
            "statuses": STATUS_LABELS,
        },
    )
