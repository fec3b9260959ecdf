"""Rendering the workspace's item form and history pages with everything they show."""

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account.permissions import PERMISSIONS
from app.agent.models import ROLES, TRAINEE_ROLES, Agent
from app.config import CONTENT_LANGUAGES
from app.edm import tiers as edm_tiers
from app.i18n import lazy_gettext as _l
from app.item import fields
from app.item.fields import ROLE_LABELS
from app.item.kinds import KINDS, PUBLISHED, STATUS_LABELS
from app.item.models import Item
from app.item.publishing import image_name, images_without_alt
from app.item.rights import RIGHTS
from app.media.models import Media
from app.place.models import Place
from app.revision import service as revision_service
from app.revision.models import ItemRevision
from app.subject.models import Subject
from app.web.render import render
from app.workspace import forms, labels
from app.workspace import service as workspace
from app.workspace.workflow import STEP_LABELS, STEPS

SUGGESTIONS = 300
NOTICES = {
    "created": _l("The item has been created as a draft."),
    "saved": _l("Your changes have been saved."),
    "uploaded": _l("The files have been added."),
    "media": _l("The media have been updated."),
    "restored": _l("The version has been restored: it is now the latest one."),
    "submit": _l("The item has been submitted for review."),
    "publish": _l("The item is published: visitors can see it."),
    "send_back": _l("The item has been sent back to its curator."),
    "withdraw": _l("The item has been withdrawn: visitors no longer see it."),
    "to_draft": _l("The item is a draft again."),
}


def number(text) -> int:
    """A revision number sent by a form (-1 when missing, unreadable or beyond storage, which is always stale)."""
    try:
        value = int(str(text))
    except ValueError:
        return -1
    return value if 0 <= value <= forms.MAX_NUMBER else -1


def _names(session: Session, model) -> list[str]:
    return list(session.scalars(select(model.name).order_by(model.name).limit(SUGGESTIONS)))


def steps_allowed(request: Request, item: Item) -> list[str]:
    """The workflow steps this user may take on the item now."""
    role = request.state.identity.role
    return [step for step in STEPS if PERMISSIONS[f"workspace.item_{step}"].allows(role, item.status)]


def _may(request: Request, route: str, item: Item | None) -> bool:
    return item is None or PERMISSIONS[route].allows(request.state.identity.role, item.status)


def _last_step(session: Session, item: Item | None) -> ItemRevision | None:
    if item is None:
        return None
    return next((r for r in revision_service.history(session, item.id) if r.action in STEPS), None)


def item_form(
    request: Request,
    session: Session,
    item: Item | None,
    raw: dict,
    errors: dict | None = None,
    *,
    base: int | None = None,
    stale: list | None = None,
    done: str = "",
    media_errors: list | None = None,
    status: int = 200,
):
    """The item form (new when `item` is None), filled with `raw`, with errors and notices."""
    latest = revision_service.latest_number(session, item.id if item else None)
    return render(
        request,
        "workspace/item.html",
        {
            "item": item,
            "raw": raw,
            "errors": errors or {},
            "revision": latest if base is None or stale else base,
            "stale": stale or [],
            "notice": NOTICES.get(done),
            "media_errors": media_errors or [],
            "kinds": KINDS,
            "statuses": STATUS_LABELS,
            "content_languages": CONTENT_LANGUAGES,
            "detail_fields": fields.detail_fields(),
            "rights": RIGHTS,
            "roles": ROLES,
            "trainee_roles": TRAINEE_ROLES,
            "role_labels": ROLE_LABELS,
            "collections": workspace.collections(session),
            "labels": labels,
            "places": _names(session, Place),
            "agents": _names(session, Agent),
            "subjects": _names(session, Subject),
            "editable": _may(request, "workspace.item_update", item),
            "steps": steps_allowed(request, item) if item else [],
            "step_labels": STEP_LABELS,
            "last_step": _last_step(session, item),
            "may_delete": item is not None and _may(request, "workspace.item_delete", item),
            "missing_alt": _missing_alt(session, item),
            "tiers": edm_tiers.tiers(item) if item else None,
        },
        status_code=status,
    )


def _missing_alt(session: Session, item: Item | None) -> list[tuple[Media, str]]:
    """The images the item cannot be published without an alternative text for, each with its name."""
    if item is None or item.status == PUBLISHED:
        return []
    return [(media, image_name(media)) for media in images_without_alt(session, item)]


def history(
    request: Request, session: Session, item: Item, *, stale: list | None = None, done: str = "", status: int = 200
):
    """The item's revisions, newest first, each with its changes and a restore button."""
    revisions = revision_service.history(session, item.id)
    return render(
        request,
        "workspace/history.html",
        {
            "item": item,
            "revisions": revisions,
            "latest": revisions[0].number if revisions else 0,
            "labels": labels,
            "step_labels": STEP_LABELS,
            "statuses": STATUS_LABELS,
            "stale": stale or [],
            "notice": NOTICES.get(done),
            "may_restore": _may(request, "workspace.item_restore", item),
        },
        status_code=status,
    )
