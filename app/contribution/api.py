"""Moderating contributions through the JSON API (curators and above, with a personal API token)."""

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Query, Request
from sqlalchemy.orm import Session

from app.account.identity import IdentityDep
from app.account.permissions import approval_state
from app.api.schemas import problems
from app.contribution import mailing, publish, service, spam
from app.contribution.models import Contribution
from app.contribution.schemas import (
    ApproveIn,
    AskIn,
    ContributionFileOut,
    ContributionList,
    ContributionOut,
    RejectIn,
)
from app.contribution.service import ContributionError
from app.i18n import gettext as _
from app.item.publishing import ITEM
from app.pagination import PageNumber, RowId
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1/contributions", tags=["contributions"], responses=problems(401, 403, 404, 409))


def present(request: Request, contribution: Contribution) -> dict:
    """A contribution as the API shows it to moderators: never its contact details or address hash."""
    return ContributionOut(
        id=contribution.id,
        status=contribution.status,
        title=contribution.title,
        story=contribution.story,
        language=contribution.language,
        date=contribution.date_text,
        place=contribution.place.name if contribution.place else contribution.place_text,
        about_item=contribution.target_item.identifier if contribution.target_item else None,
        about_item_title=ITEM.title(contribution.target_item) if contribution.target_item else None,
        credit=contribution.credit_name,
        rights=contribution.rights,
        files=[
            ContributionFileOut(
                type=f.media_type,
                mime_type=f.mime_type,
                size_bytes=f.size_bytes,
                width=f.width,
                height=f.height,
                duration_seconds=f.duration_seconds,
            )
            for f in contribution.files
        ],
        created_at=contribution.created_at,
        rejection_reason=contribution.rejection_reason,
        info_request=contribution.info_request,
        versions=len(contribution.versions),
        item=contribution.created_item.identifier if contribution.created_item else None,
        item_status=contribution.created_item.status if contribution.created_item else None,
        url=str(request.url_for("api.contribution", contribution_id=contribution.id)),
    ).model_dump()


def _get(session: Session, contribution_id: int) -> Contribution:
    contribution = service.get(session, contribution_id)
    if contribution is None:
        raise HTTPException(404, _("No contribution has the number {number}.").format(number=contribution_id))
    return contribution


@router.get("", response_model=ContributionList, name="api.contributions")
def list_contributions(
    request: Request,
    session: SessionDep,
    status: str | None = None,
    page: PageNumber = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 24,
):
    """Contributions, pending first; `status` is pending, approved, rejected or withdrawn."""
    result = service.listing(session, status, page, per_page)
    return {
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "contributions": [present(request, c) for c in result.items],
    }


@router.get("/{contribution_id}", response_model=ContributionOut, name="api.contribution")
def get_contribution(request: Request, session: SessionDep, contribution_id: RowId):
    """One contribution."""
    return present(request, _get(session, contribution_id))


@router.post("/{contribution_id}/approve", response_model=ContributionOut, name="api.contribution.approve")
def approve(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    contribution_id: RowId,
    body: Annotated[ApproveIn | None, Body()] = None,
):
    """Make a pending contribution a memory item; `title`, `story` and `date` correct the resident's, and every
    photo needs an alternative text (`alt_texts`, or one saved before).

    The item is published at once when a supervisor or an administrator approves; a curator's approval makes
    it an item in review (`item_status`), which a supervisor publishes through the workflow. It is filed in the
    residents' collection unless `collection` names another."""
    contribution = _get(session, contribution_id)
    body = body or ApproveIn()
    if body.collection and body.collection not in {c.slug for c in service.collection_choices(session)}:
        raise HTTPException(422, _("Choose a collection from the list."))
    alts = {file.id: alt for file, alt in zip(contribution.files, body.alt_texts or [], strict=False)}
    try:
        publish.apply(
            contribution, publish.Edits(title=body.title, story=body.story, date_text=body.date, alt_texts=alts)
        )
        if not (contribution.title or "").strip():
            raise HTTPException(422, _("Give the published item a title."))
        publish.approve(
            session,
            contribution,
            identity.user,
            request.app.state.settings,
            status=approval_state(identity.role),
            collection=body.collection,
        )
    except ContributionError:
        raise HTTPException(409, _("This contribution has already been decided.")) from None
    if request.app.state.worker is not None:
        request.app.state.worker.wake_after_commit(session)
    session.expire(contribution)  # its created item and moderator, loaded before the approval, are reloaded
    return present(request, _get(session, contribution_id))


@router.post("/{contribution_id}/reject", response_model=ContributionOut, name="api.contribution.reject")
def reject(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    contribution_id: RowId,
    body: Annotated[RejectIn, Body()],
):
    """Reject a pending contribution with a reason shown to the resident."""
    contribution = _get(session, contribution_id)
    try:
        service.reject(session, contribution, identity.user, body.reason)
    except ContributionError:
        raise HTTPException(409, _("This contribution has already been decided.")) from None
    return present(request, contribution)


@router.post("/{contribution_id}/ask", response_model=ContributionOut, name="api.contribution.ask")
def ask(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    contribution_id: RowId,
    body: Annotated[AskIn, Body()],
):
    """Ask the resident for more information about a pending contribution (status `needs_info`): the question
    shows on their status page, and is e-mailed when they gave an address. Their edit brings it back to pending."""
    contribution = _get(session, contribution_id)
    try:
        service.ask_for_information(session, contribution, identity.user, body.question)
    except ContributionError:
        raise HTTPException(409, _("This contribution has already been decided.")) from None
    token = spam.status_token(request.app.state.secret_key, contribution.idempotency_key)
    url = str(request.url_for("contribution.status", token=token))
    mailing.send_info_request(request.app.state.settings, contribution, url)
    return present(request, contribution)
