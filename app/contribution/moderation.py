"""The curators' moderation queue: pending contributions first, their files (served to staff only), and the
edit, approve and reject decisions, each recorded in the audit log."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.account.identity import IdentityDep
from app.account.permissions import approval_state
from app.contribution import mailing, publish, service, spam
from app.contribution.forms import OTHER_PLACE, is_id
from app.contribution.licences import LICENCES
from app.contribution.models import NEEDS_INFO, PENDING, STATUSES
from app.contribution.service import ContributionError
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item import service as item_service
from app.item.kinds import PUBLISHED
from app.media.store import serving
from app.pagination import PageNumber, RowId
from app.text import fault
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter(prefix="/workspace/contributions", include_in_schema=False)
STATUS_LABELS = {
    "pending": _l("Waiting for review"),
    "needs_info": _l("Waiting for the resident's answer"),
    "approved": _l("Approved"),
    "rejected": _l("Not published"),
    "withdrawn": _l("Withdrawn"),
}
# An approved contribution's item may still wait for a supervisor: the badge says where it stands.
ITEM_LABELS = {
    "in_review": _l("Approved, awaiting a supervisor's review"),
    "published": _l("Approved and published"),
    "draft": _l("Approved, sent back to draft"),
    "withdrawn": _l("Approved, then withdrawn"),
}
NOTICES = {
    "saved": _l("Your changes are saved."),
    "rejected": _l("The contribution was rejected; the resident sees the reason on their status page."),
    "asked": _l("Your question is on the resident's status page. The contribution comes back here when they answer."),
    "asked_mailed": _l(
        "Your question is on the resident's status page, and was e-mailed to them. "
        "The contribution comes back here when they answer."
    ),
    "in_review": _l(
        "The contribution is approved. Its item now awaits a supervisor's review: it is not published yet."
    ),
}


def state_label(contribution) -> str:
    """Where a contribution stands, for moderators: its status, and its item's state once approved."""
    item = contribution.created_item
    labels, status = (ITEM_LABELS, item.status) if item is not None else (STATUS_LABELS, contribution.status)
    return str(labels.get(status, status))


class ReviewForm(BaseModel):
    title: str = ""
    story: str = ""
    date_text: str = ""
    place: str = ""
    place_text: str = ""
    item: str = ""
    collection: str = ""


@router.get("", name="contribution.queue")
def queue(request: Request, session: SessionDep, status: str = "", page: PageNumber = 1):
    """Contributions to review, pending first, filtered by status."""
    status = status if status in STATUSES else ""
    result = service.listing(session, status or None, page, request.app.state.settings.per_page)
    if result.out_of_range:
        raise HTTPException(404)
    return render(
        request,
        "contribution/queue.html",
        {
            "page": result,
            "status": status,
            "counts": service.counts(session),
            "labels": STATUS_LABELS,
            "state_label": state_label,
        },
    )


@router.get("/{contribution_id}", name="contribution.review")
def review(request: Request, session: SessionDep, contribution_id: RowId, done: str = ""):
    """One contribution with its files, the edit and approve form, the question and reject forms."""
    return _review_page(request, session, _get(session, contribution_id), notice=NOTICES.get(done))


def _review_page(
    request,
    session,
    contribution,
    status: int = 200,
    errors: dict | None = None,
    values=None,
    notice=None,
    alts: dict | None = None,
):
    settings = request.app.state.settings
    values = values or ReviewForm(
        collection=settings.contribution_collection,
        title=contribution.title or "",
        story=contribution.story,
        date_text=contribution.date_text or "",
        place=str(contribution.place_id or (OTHER_PLACE if contribution.place_text else "")),
        place_text=contribution.place_text or "",
        item=contribution.target_item.identifier if contribution.target_item else "",
    )
    return render(
        request,
        "contribution/review.html",
        {
            "contribution": contribution,
            "values": values,
            "errors": errors or {},
            "notice": notice,
            "places": service.place_choices(session),
            "labels": STATUS_LABELS,
            "licences": LICENCES,
            "pending": contribution.status == PENDING,
            "decidable": contribution.status in (PENDING, NEEDS_INFO),
            "kind": publish.MEMORY,
            "alts": alts if alts is not None else {f.id: f.alt_text or "" for f in contribution.files},
            "photo_name": publish.photo_name,
            "collections": service.collection_choices(session),
            "state_label": state_label,
            "publishes": approval_state(request.state.identity.role) == PUBLISHED,
        },
        status_code=status,
    )


def _get(session: Session, contribution_id: int):
    contribution = service.get(session, contribution_id)
    if contribution is None:
        raise HTTPException(404)
    return contribution


@router.get("/{contribution_id}/files/{file_id}", name="contribution.file")
def contribution_file(request: Request, session: SessionDep, contribution_id: RowId, file_id: RowId):
    """A file of a contribution, for the moderators' previews (never cached, never public)."""
    contribution = _get(session, contribution_id)
    file = next((f for f in contribution.files if f.id == file_id), None)
    if file is None:
        raise HTTPException(404)
    headers = {"Cache-Control": "private, no-store", "Content-Security-Policy": "sandbox; default-src 'none'"}
    return serving.respond(request, file.original_path, headers, file.mime_type)


def _alt_texts(contribution, raw, errors: dict) -> dict[int, str]:
    """The photos' alternative texts as sent (`alt_<file id>`), each checked like any text."""
    alts = {f.id: str(raw.get(f"alt_{f.id}", "")) for f in contribution.files if f.media_type == "image"}
    for file_id, value in alts.items():
        if (message := fault(value)) is not None or len(value) > publish.MAX_ALT:
            errors[f"alt_{file_id}"] = message or _("At most {count} characters.").format(count=publish.MAX_ALT)
    return alts


def _edits(session: Session, form: ReviewForm, errors: dict) -> publish.Edits:
    edits = publish.Edits(title=form.title, story=form.story, date_text=form.date_text)
    if is_id(form.place):
        edits.place_id = int(form.place)
    else:
        edits.place_text = form.place_text if form.place == OTHER_PLACE else ""
    if form.item.strip():
        edits.target = item_service.get_public(session, form.item.strip())
        if edits.target is None:
            errors["item"] = _("No published item has this identifier.")
    else:
        edits.detach = True
    if not form.story.strip():
        errors["story"] = _("The story cannot be empty.")
    for name, value in form.model_dump().items():
        if (message := fault(value)) is not None:
            errors[name] = message
    if edits.place_id is not None and edits.place_id not in {p.id for p in service.place_choices(session)}:
        errors["place"] = _("Choose a place from the list.")
    if form.collection and form.collection not in {c.slug for c in service.collection_choices(session)}:
        errors["collection"] = _("Choose a collection from the list.")
    return edits


def _corrected(request, session, contribution_id: int, form: ReviewForm, raw, approve: bool):
    """(the contribution with the moderator's corrections applied, None), or (None, the form again with errors)."""
    contribution = _get(session, contribution_id)
    errors: dict[str, str] = {}
    edits = _edits(session, form, errors)
    edits.alt_texts = _alt_texts(contribution, raw, errors)
    if approve and not form.title.strip():
        errors["title"] = _("Give the published item a title.")
    if contribution.status != PENDING:
        errors["form"] = _("This contribution has already been decided.")
    if errors:
        status = 409 if "form" in errors else 400
        return None, _review_page(request, session, contribution, status, errors, form, alts=edits.alt_texts)
    publish.apply(contribution, edits)
    return contribution, None


@router.post("/{contribution_id}/edit", name="contribution.edit")
def edit(
    request: Request, session: SessionDep, contribution_id: RowId, form: Annotated[ReviewForm, Form()], raw: FormDep
):
    """Save a moderator's corrections (and the photos' alternative texts) without deciding yet."""
    contribution, refused = _corrected(request, session, contribution_id, form, raw, approve=False)
    return refused or _back(request, contribution_id, "saved")


@router.post("/{contribution_id}/approve", name="contribution.approve")
def approve(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    contribution_id: RowId,
    form: Annotated[ReviewForm, Form()],
    raw: FormDep,
):
    """Approve the contribution (with the moderator's corrections): open the new memory's page once published,
    or come back here when a curator's approval left it in review. Every photo needs an alternative text."""
    contribution, refused = _corrected(request, session, contribution_id, form, raw, approve=True)
    if refused is not None:
        return refused
    try:
        item = publish.approve(
            session,
            contribution,
            identity.user,
            request.app.state.settings,
            status=approval_state(identity.role),
            collection=form.collection or None,
        )
    except publish.AltTextMissing as missing:
        return _review_page(request, session, contribution, 422, {"alt": str(missing)}, form)
    _wake_worker(request, session)
    if item.status != PUBLISHED:
        return _back(request, contribution_id, item.status)
    return RedirectResponse(request.url_for("item.detail", identifier=item.identifier), status_code=303)


@router.post("/{contribution_id}/reject", name="contribution.reject")
def reject(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    contribution_id: RowId,
    reason: Annotated[str, Form()] = "",
):
    """Refuse the contribution with a reason the resident will read."""
    contribution = _get(session, contribution_id)
    if not reason.strip() or len(reason) > 5000 or fault(reason):
        return _review_page(
            request,
            session,
            contribution,
            400,
            {
                "reason": fault(reason)
                or _("Explain to the resident, in a few kind words, why their memory is not published.")
            },
        )
    try:
        service.reject(session, contribution, identity.user, reason)
    except ContributionError:
        return _review_page(
            request, session, contribution, 409, {"form": _("This contribution has already been decided.")}
        )
    return _back(request, contribution_id, "rejected")


@router.post("/{contribution_id}/ask", name="contribution.ask")
def ask(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    contribution_id: RowId,
    question: Annotated[str, Form()] = "",
):
    """Ask the resident for more information: the question shows on their status page (and is e-mailed when
    they gave an address); they edit their memory and send it again."""
    contribution = _get(session, contribution_id)
    if not question.strip() or len(question) > 5000 or fault(question):
        message = fault(question) or _("Write your question to the resident: what should they add or explain?")
        return _review_page(request, session, contribution, 400, {"question": message})
    try:
        service.ask_for_information(session, contribution, identity.user, question)
    except ContributionError:
        return _review_page(
            request, session, contribution, 409, {"form": _("This contribution has already been decided.")}
        )
    mailed = mailing.send_info_request(request.app.state.settings, contribution, _status_url(request, contribution))
    return _back(request, contribution_id, "asked_mailed" if mailed else "asked")


def _status_url(request: Request, contribution) -> str:
    token = spam.status_token(request.app.state.secret_key, contribution.idempotency_key)
    return str(request.url_for("contribution.status", token=token))


def _back(request: Request, contribution_id: int, done: str) -> RedirectResponse:
    url = request.url_for("contribution.review", contribution_id=contribution_id).include_query_params(done=done)
    return RedirectResponse(url, status_code=303)


def _wake_worker(request: Request, session: Session) -> None:
    if request.app.state.worker is not None:
        request.app.state.worker.wake_after_commit(session)
