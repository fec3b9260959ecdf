"""The public "Share a memory" form (no account needed); the private status page is app/contribution/status.py.

A submission is checked in this order: the form's signed stamp (else a fresh form), the same
idempotency key already used (its status page again: a double tap creates nothing), the address's rate
limit, the fields; then the stamp is used up (a replayed stamp is refused) and the attempt counts toward
the limit; then the honeypot, the minimum fill time and the files. The files are decoded after the
transaction is released, so no write waits on them. Refused input comes back in the same page with its
message next to the field (and a new stamp once the old one is used); files must be chosen again.
"""

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from app.account.identity import IdentityDep, client_address
from app.contribution import files as contribution_files
from app.contribution import service, spam
from app.contribution.forms import ContributionForm, check
from app.contribution.licences import CONSENT_TEXT, LICENCES
from app.contribution.models import CREDIT_CHOICES
from app.db import release
from app.i18n import gettext as _
from app.item import service as item_service
from app.web.deps import SessionDep
from app.web.render import render

router = APIRouter(include_in_schema=False)
Files = Annotated[list[UploadFile] | None, File()]
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@router.get("/contribute", name="contribution.form")
def contribute_form(request: Request, session: SessionDep, identity: IdentityDep, item: str = ""):
    """The "Share a memory" form, about an item when `item` names a published one."""
    user = identity.user
    values = ContributionForm(
        item=item,
        language=request.state.lang,
        licence="",
        display_name=user.display_name if user else "",
        contact=(user.email or "") if user else "",
        credit_choice="name" if user else "anonymous",
    )
    return _form_page(request, session, values, {}, spam.new_stamp(request.app.state.secret_key))


def _form_page(
    request: Request,
    session: Session,
    values: ContributionForm,
    errors: dict,
    stamp: str,
    status: int = 200,
    headers: dict | None = None,
):
    target = item_service.get_public(session, values.item) if values.item else None
    context = {
        "values": values,
        "errors": errors,
        "stamp": stamp,
        "target": target,
        "licences": LICENCES,
        "consent_text": CONSENT_TEXT,
        "places": service.place_choices(session),
        "credit_choices": CREDIT_CHOICES,
        "max_files": contribution_files.MAX_FILES,
        "max_bytes": contribution_files.limit(request.app.state.settings),
    }
    response = render(request, "contribution/form.html", context, status_code=status)
    response.headers.update(headers or {})
    return response


@router.post("/contribute", name="contribution.submit")
def submit(
    request: Request,
    session: SessionDep,
    identity: IdentityDep,
    form: Annotated[ContributionForm, Form()],
    photos: Files = None,
    audio: Files = None,
):
    """Record a contribution and go to its private status page."""
    secret = request.app.state.secret_key
    stamp = spam.read_stamp(secret, form.stamp)
    if stamp is None or spam.expired(stamp):
        return _refused(
            request,
            session,
            form,
            _("This form was open too long or was changed. Check what you wrote and send it again."),
            spam.new_stamp(secret),
        )
    if (existing := service.by_key(session, stamp.key)) is not None:
        return _to_status(request, spam.status_token(secret, existing.idempotency_key))
    hashed = spam.address_hash(secret, client_address(request))
    if spam.rate_limited(session, hashed):
        return _refused(
            request,
            session,
            form,
            _(
                "Many memories were sent from your connection in the last hour. "
                "Thank you! Please send this one a little later."
            ),
            status=429,
            headers={"Retry-After": str(int(spam.RATE_WINDOW.total_seconds()))},
        )
    uploads = [*(photos or []), *(audio or [])]
    checked = _checked(session, form, uploads)
    if checked.errors:
        return _form_page(request, session, form, checked.errors, form.stamp, 400)
    return _claimed(request, session, identity, form, checked, stamp, hashed, uploads)


def _claimed(request, session, identity, form, checked, stamp, hashed, uploads: list[UploadFile]):
    """From here the stamp is used up, and the attempt counts toward the address's limit, refused or not."""
    renewed = spam.renewed(request.app.state.secret_key, stamp)
    if not spam.claim(session, stamp, hashed):
        return _refused(
            request,
            session,
            form,
            _(
                "This form was already sent once: the same form cannot be sent "
                "twice. Check what you wrote and send it again."
            ),
            renewed,
        )
    if form.website.strip():
        return _refused(
            request,
            session,
            form,
            _(
                "This form was filled in by a program, so it was not sent. "
                "If you are a person, leave the last field empty."
            ),
            renewed,
        )
    if spam.too_fast(stamp):
        return _refused(
            request,
            session,
            form,
            _("That was very fast: wait a few seconds, check your text, and send it again."),
            renewed,
        )
    return _create(request, session, identity, form, checked, stamp, hashed, uploads)


def _refused(request, session, form, message: str, stamp: str | None = None, status: int = 400, headers=None):
    return _form_page(request, session, form, {"form": message}, stamp or form.stamp, status, headers)


def _checked(session, form, uploads: list[UploadFile]):
    checked = check(form, {place.id for place in service.place_choices(session)})
    if (message := contribution_files.too_many(len(uploads))) is not None:
        checked.errors["photos"] = message
    return checked


def _create(request, session, identity, form, checked, stamp, hashed, uploads: list[UploadFile]):
    settings = request.app.state.settings
    release(session)  # the attempt is recorded; the files are checked and decoded with no transaction open
    stored, errors = contribution_files.receive_all(uploads, settings)
    if errors:
        contribution_files.discard(session, settings, stored)
        return _form_page(request, session, form, errors, spam.renewed(request.app.state.secret_key, stamp), 400)
    target = item_service.get_public(session, form.item) if form.item else None
    token = spam.status_token(request.app.state.secret_key, stamp.key)
    service.create(
        session,
        checked,
        key=stamp.key,
        token=token,
        target=target,
        files=stored,
        address_hash=hashed,
        user=identity.user,
    )
    return _to_status(request, token)


def _to_status(request: Request, token: str) -> RedirectResponse:
    """To the contribution's private status page (app/contribution/status.py)."""
    return RedirectResponse(request.url_for("contribution.status", token=token), status_code=303)
