"""The resident's private status page, reached only through the secret link given after sending: what was
sent (with its photos and recording, served to this link's holder only), where it stands, the link to copy
or to have e-mailed, the team's question and the form to answer it, and withdrawing.

Every route answers 404 for a link that names no contribution, and for a file of another contribution.
"""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from app.contribution import files as contribution_files
from app.contribution import mailing, service
from app.contribution.forms import EditForm, check_edit
from app.contribution.mailing import MailRefused
from app.contribution.models import NEEDS_INFO, PENDING, Contribution
from app.contribution.service import ContributionError
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item.kinds import PUBLISHED
from app.pagination import RowId
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter(prefix="/contribute/status/{token}", include_in_schema=False)
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
NOTICES = {
    "withdrawn": _l("Your contribution has been withdrawn."),
    "resent": _l("Thank you! Your changes are sent: the museum's team will read your memory again."),
}


def _by_token(session: Session, token: str) -> Contribution:
    contribution = service.by_token(session, token) if len(token) <= 100 else None
    if contribution is None:
        raise HTTPException(404, _("No contribution has this link. Check that you copied it whole."))
    return contribution


def _status(request: Request, contribution: Contribution, token: str, status: int = 200, **context) -> Response:
    item = contribution.created_item
    context = {
        "contribution": contribution,
        "token": token,
        "item": item if item is not None and item.status == PUBLISHED else None,
        "decidable": contribution.status in (PENDING, NEEDS_INFO),
        "can_mail": mailing.can_mail(request.app.state.settings, contribution),
        "edit": EditForm(
            title=contribution.title or "", story=contribution.story, date_text=contribution.date_text or ""
        ),
        "errors": {},
        "notice": None,
        "mail_error": None,
    } | context
    response = render(request, "contribution/status.html", context, status_code=status)
    response.headers.update(PRIVATE)
    return response


def _back(request: Request, token: str, done: str) -> RedirectResponse:
    url = request.url_for("contribution.status", token=token).include_query_params(done=done)
    return RedirectResponse(url, status_code=303)


@router.get("", name="contribution.status")
def status_page(request: Request, session: SessionDep, token: str, done: str = "", sent: str = ""):
    """The resident's page: where their contribution stands, what they sent, its link, and what they may do."""
    notice: object = NOTICES.get(done)
    if done == "mailed" and sent:
        notice = _("The link was sent to {address}.").format(address=sent[:260])
    return _status(request, _by_token(session, token), token, notice=notice)


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
    path = contribution_files.path_of(settings, file)
    return FileResponse(path, media_type=file.mime_type, headers=headers, content_disposition_type="inline")


@router.post("/email", name="contribution.email_link")
def email_link(request: Request, session: SessionDep, token: str):
    """E-mail this page's address to the address the resident gave (at most one mail every few minutes)."""
    contribution = _by_token(session, token)
    url = str(request.url_for("contribution.status", token=token))
    try:
        sent = mailing.send_status_link(request.app.state.settings, contribution, url)
    except MailRefused as refused:
        return _status(request, contribution, token, refused.status, mail_error=str(refused))
    target = request.url_for("contribution.status", token=token).include_query_params(done="mailed", sent=sent)
    return RedirectResponse(target, status_code=303)


@router.post("/resend", name="contribution.resend")
def resend(request: Request, session: SessionDep, token: str, form: Annotated[EditForm, Form()]):
    """Send the contribution again, changed as the team asked; the earlier text stays for the team."""
    contribution = _by_token(session, token)
    errors = check_edit(form)
    if contribution.status != NEEDS_INFO:
        errors["form"] = _("The team is not waiting for changes to this contribution: it cannot be changed now.")
    if errors:
        return _status(request, contribution, token, 409 if "form" in errors else 400, edit=form, errors=errors)
    service.resend(session, contribution, form.title, form.story, form.date_text)
    return _back(request, token, "resent")


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
        return _status(request, contribution, token, 409, notice=message)
    return _back(request, token, "withdrawn")
