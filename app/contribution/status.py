"""The resident's private status page, reached only through the secret link given after sending: what was
sent (with its photos and recording, served to this link's holder only), where it stands, the link to copy
or to have e-mailed, the team's question and the form to answer it, and withdrawing.

Every route answers 404 for a link that names no contribution, and for a file of another contribution.
"""

from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from app.contribution import files as contribution_files
from app.contribution import mailing, service
from app.contribution.forms import Checked, EditForm, check_edit
from app.contribution.mailing import MailRefused
from app.contribution.models import NEEDS_INFO, PENDING, Contribution
from app.contribution.service import ContributionError
from app.db import release
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item.kinds import PUBLISHED
from app.media.store import serving
from app.pagination import RowId
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter(prefix="/contribute/status/{token}", include_in_schema=False)
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
NOT_WAITING = _l("The team is not waiting for changes to this contribution: it cannot be changed now.")
Files = Annotated[list[UploadFile] | None, File()]
NOTICES = {
    "withdrawn": _l("Your contribution has been withdrawn."),
    "resent": _l("Thank you! Your changes are sent: the museum's team will read your memory again."),
}


def _by_token(session: Session, token: str) -> Contribution:
    contribution = service.by_token(session, token) if len(token) <= 100 else None
    if contribution is None:
        raise HTTPException(404, _("No contribution has this link. Check that you copied it whole."))
    return contribution


def _status(
    request: Request, session: Session, contribution: Contribution, token: str, status: int = 200, **context
) -> Response:
    item = contribution.created_item
    settings = request.app.state.settings
    asked = contribution.status == NEEDS_INFO
    context = {
        "contribution": contribution,
        "token": token,
        "item": item if item is not None and item.status == PUBLISHED else None,
        "decidable": contribution.status in (PENDING, NEEDS_INFO),
        "can_mail": mailing.can_mail(settings, contribution),
        "edit": _as_sent(request, contribution),
        "places": service.place_choices(session) if asked else [],
        "files_left": max(contribution_files.MAX_FILES - len(contribution.files), 0),
        "max_bytes": contribution_files.limit(settings),
        "errors": {},
        "notice": None,
        "mail_error": None,
    } | context
    response = render(request, "contribution/status.html", context, status_code=status)
    response.headers.update(PRIVATE)
    return response


def _as_sent(request: Request, contribution: Contribution) -> EditForm:
    """The answer form filled with the contribution as it is (a place from the list by its name)."""
    place = contribution.place.label(request.state.lang) if contribution.place else contribution.place_text
    return EditForm(
        title=contribution.title or "",
        story=contribution.story,
        date_text=contribution.date_text or "",
        place_text=place or "",
    )


def _back(request: Request, token: str, done: str) -> RedirectResponse:
    url = request.url_for("contribution.status", token=token).include_query_params(done=done)
    return RedirectResponse(url, status_code=303)


@router.get("", name="contribution.status")
def status_page(request: Request, session: SessionDep, token: str, done: str = "", sent: str = ""):
    """The resident's page: where their contribution stands, what they sent, its link, and what they may do."""
    notice: object = NOTICES.get(done)
    if done == "mailed" and sent:
        notice = _("The link was sent to {address}.").format(address=sent[:260])
    return _status(request, session, _by_token(session, token), token, notice=notice)


@router.get("/files/{file_id}", name="contribution.status_file")
def status_file(request: Request, session: SessionDep, token: str, file_id: RowId, size: str = ""):
    """A photo (small with `size=thumb`) or the recording of this link's contribution, for its holder only."""
    contribution = _by_token(session, token)
    file = next((f for f in contribution.files if f.id == file_id), None)
    if file is None:
        raise HTTPException(404)
    headers = PRIVATE | {"Content-Security-Policy": "sandbox; default-src 'none'"}
    settings = request.app.state.settings
    if size == "thumb" and file.media_type == "image":
        return Response(contribution_files.thumbnail(settings, file), media_type="image/jpeg", headers=headers)
    return serving.respond(request, file.original_path, headers, file.mime_type)


@router.post("/email", name="contribution.email_link")
def email_link(request: Request, session: SessionDep, token: str):
    """E-mail this page's address to the address the resident gave (at most one mail every few minutes)."""
    contribution = _by_token(session, token)
    url = str(request.url_for("contribution.status", token=token))
    try:
        sent = mailing.send_status_link(request.app.state.settings, contribution, url)
    except MailRefused as refused:
        return _status(request, session, contribution, token, refused.status, mail_error=str(refused))
    target = request.url_for("contribution.status", token=token).include_query_params(done="mailed", sent=sent)
    return RedirectResponse(target, status_code=303)


@router.post("/resend", name="contribution.resend")
def resend(
    request: Request,
    session: SessionDep,
    token: str,
    form: Annotated[EditForm, Form()],
    photos: Files = None,
    audio: Files = None,
):
    """Send the contribution again, changed as the team asked and with any photos or recording added; the
    contribution as it was stays for the team."""
    contribution = _by_token(session, token)
    uploads = [*(photos or []), *(audio or [])]
    checked = _checked(session, contribution, form, uploads)
    if checked.errors:
        return _edit_refused(request, session, contribution, token, form, checked.errors)
    settings = request.app.state.settings
    release(session)  # as for the first form: the files are checked and decoded with no transaction open
    stored, errors = contribution_files.receive_all(uploads, settings, _next_position(contribution))
    session.refresh(contribution, ["status"])  # the team may have decided while the files were decoded
    if errors or contribution.status != NEEDS_INFO:
        contribution_files.discard(session, settings, stored)
        return _edit_refused(request, session, contribution, token, form, errors or {"form": str(NOT_WAITING)})
    service.resend(session, contribution, checked, stored)
    return _back(request, token, "resent")


def _checked(session: Session, contribution: Contribution, form: EditForm, uploads: list) -> Checked[EditForm]:
    checked = check_edit(form, {place.id for place in service.place_choices(session)})
    if (message := contribution_files.too_many(len(contribution.files) + len(uploads))) is not None:
        checked.errors["photos"] = message
    if contribution.status != NEEDS_INFO:
        checked.errors["form"] = str(NOT_WAITING)
    return checked


def _edit_refused(request, session, contribution: Contribution, token: str, form: EditForm, errors: dict) -> Response:
    """The page again with the answer as written and nothing of it stored (files are chosen again)."""
    return _status(request, session, contribution, token, 409 if "form" in errors else 400, edit=form, errors=errors)


def _next_position(contribution: Contribution) -> int:
    return max((file.position for file in contribution.files), default=-1) + 1


@router.post("/withdraw", name="contribution.withdraw")
def withdraw(request: Request, session: SessionDep, token: str):
    """Withdraw a contribution still waiting for review."""
    contribution = _by_token(session, token)
    try:
        service.withdraw(session, contribution)
    except ContributionError:
        message = _(
            "This contribution has already been reviewed: it can no longer be withdrawn here. "
            "Write to the museum to have it taken down."
        )
        return _status(request, session, contribution, token, 409, notice=message)
    return _back(request, token, "withdrawn")
