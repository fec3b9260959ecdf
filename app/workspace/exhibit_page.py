"""Rendering the workspace's exhibit pages: the list, the exhibit's form (with its pages, cover and workflow),
a page's editor, a block's form and the history."""

from fastapi import Request
from sqlalchemy.orm import Session

from app.account.permissions import PERMISSIONS
from app.account.roles import REVIEWERS
from app.agent.models import ROLES
from app.config import CONTENT_LANGUAGES
from app.exhibit import blocks, editing
from app.exhibit.models import Exhibit
from app.exhibit.publishing import EXHIBIT, blockers
from app.i18n import lazy_gettext as _l
from app.item.fields import ROLE_LABELS
from app.item.kinds import PUBLISHED, STATUS_LABELS
from app.publishing import revisions
from app.publishing.workflow import STEP_LABELS, STEPS
from app.web.render import render
from app.workspace import exhibit_labels

NOTICES = {
    "created": _l("The exhibit has been created as a draft."),
    "saved": _l("Your changes have been saved."),
    "cover": _l("The cover image has been changed."),
    "restored": _l("The version has been restored: it is now the latest one."),
    "page_added": _l("The page has been added."),
    "page_removed": _l("The page has been removed."),
    "moved": _l("The order has been changed."),
    "block_added": _l("The block has been added."),
    "block_removed": _l("The block has been removed."),
    "submit": _l("The exhibit has been submitted for review."),
    "publish": _l("The exhibit is published: visitors can see it."),
    "send_back": _l("The exhibit has been sent back to its curator."),
    "withdraw": _l("The exhibit has been withdrawn: visitors no longer see it."),
    "to_draft": _l("The exhibit is a draft again."),
}


def may(request: Request, route: str, exhibit: Exhibit | None) -> bool:
    """Whether this user may use `route` on the exhibit in its present state."""
    return exhibit is None or PERMISSIONS[route].allows(request.state.identity.role, exhibit.status)


def may_feature(request: Request) -> bool:
    """Supervisors and administrators put an exhibit forward on the home page."""
    return request.state.identity.role in REVIEWERS


def _common(request: Request, session: Session, exhibit: Exhibit | None, base, stale) -> dict:
    latest = revisions.latest_number(session, EXHIBIT, exhibit.id if exhibit else None)
    return {
        "exhibit": exhibit,
        "revision": latest if base is None or stale else base,
        "stale": stale or [],
        "content_languages": CONTENT_LANGUAGES,
        "statuses": STATUS_LABELS,
        "labels": exhibit_labels,
        "step_labels": STEP_LABELS,
        "editable": may(request, "workspace.exhibit_update", exhibit),
        "preview": _preview(request, exhibit),
    }


def _preview(request: Request, exhibit: Exhibit | None) -> str | None:
    """The address of the exhibit's preview, exactly as visitors will see it (app/exhibit/views.py)."""
    return str(request.url_for("workspace.exhibit_preview", slug=exhibit.slug)) if exhibit else None


def listing(request: Request, session: Session):
    """Every exhibit with its state."""
    return render(request, "workspace/exhibits.html", {"exhibits": editing.listing(session), "statuses": STATUS_LABELS})


def form(
    request: Request,
    session: Session,
    exhibit: Exhibit | None,
    raw: dict,
    errors: dict | None = None,
    *,
    base: int | None = None,
    stale: list | None = None,
    done: str = "",
    status: int = 200,
):
    """The exhibit's form (new when `exhibit` is None), its pages, cover, publish blockers and workflow."""
    context = _common(request, session, exhibit, base, stale) | {
        "raw": raw,
        "errors": errors or {},
        "notice": NOTICES.get(str(done)),
        "roles": ROLES,
        "role_labels": ROLE_LABELS,
        "may_feature": may_feature(request),
    }
    if exhibit is not None:
        context |= {
            "document": blocks.load(exhibit.document),
            "steps": [step for step in STEPS if may(request, f"workspace.exhibit_{step}", exhibit)],
            "last_step": next((r for r in revisions.history(session, EXHIBIT, exhibit.id) if r.action in STEPS), None),
            "covers": editing.cover_choices(session, exhibit),
            "blockers": blockers(session, exhibit) if exhibit.status != PUBLISHED else [],
        }
    return render(request, "workspace/exhibit.html", context, status_code=status)


def page_editor(
    request: Request,
    session: Session,
    exhibit: Exhibit,
    page: blocks.Page,
    *,
    errors: dict | None = None,
    raw_titles: dict | None = None,
    stale: list | None = None,
    done: str = "",
    status: int = 200,
):
    """One page of the exhibit: its titles, its blocks with their buttons, and the form adding one."""
    document = blocks.load(exhibit.document)
    context = _common(request, session, exhibit, None, stale) | {
        "document": document,
        "page": page,
        "position": next(n for n, found in enumerate(document.pages) if found.key == page.key),
        "raw_titles": raw_titles if raw_titles is not None else dict(page.titles),
        "errors": errors or {},
        "notice": NOTICES.get(str(done)),
        "block_types": blocks.BLOCK_TYPES,
    }
    return render(request, "workspace/exhibit_page.html", context, status_code=status)


def block_form(
    request: Request,
    session: Session,
    exhibit: Exhibit,
    page: blocks.Page,
    kind: str,
    raw: dict,
    *,
    index: int | None = None,
    at: int = 0,
    errors: dict | None = None,
    base: int | None = None,
    stale: list | None = None,
    status: int = 200,
):
    """The form of a new block of `kind` (inserted at `at`) or of the block at `index` of the page."""
    context = _common(request, session, exhibit, base, stale) | {
        "page": page,
        "kind": kind,
        "raw": raw,
        "index": index,
        "at": at,
        "errors": errors or {},
        "widths": blocks.WIDTHS,
        "images": editing.images_of(session, raw.get("item")) if kind == "zoom" else [],
    }
    return render(request, "workspace/exhibit_block.html", context, status_code=status)


def history(
    request: Request, session: Session, exhibit: Exhibit, *, stale: list | None = None, done: str = "", status=200
):
    """The exhibit's revisions, newest first, each with its changes and a restore button."""
    found = revisions.history(session, EXHIBIT, exhibit.id)
    context = _common(request, session, exhibit, None, stale) | {
        "revisions": found,
        "latest": found[0].number if found else 0,
        "notice": NOTICES.get(done),
        "may_restore": may(request, "workspace.exhibit_restore", exhibit),
    }
    return render(request, "workspace/exhibit_history.html", context, status_code=status)
