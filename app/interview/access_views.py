"""The workspace's "Access and consent" page of an interview: level, languages, consent, release form, redactions."""

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from app.account import permissions
from app.account.identity import IdentityDep, client_address
from app.db import release
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.interview import access_service, consent, redaction
from app.interview.access_service import AccessRefused
from app.interview.models import ACCESS_LEVELS, PUBLIC, Interview
from app.item.models import Item
from app.item.publishing import consent_missing
from app.media import uploads
from app.media.store import serving
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter(prefix="/workspace/items/{identifier}/access", include_in_schema=False)
NOTICES = {
    "saved": _l("The access and consent have been saved."),
    "form": _l("The release form has been stored."),
    "redacted": _l("The passage is redacted: the recording is being made again without it."),
    "restored": _l("The redaction has been removed: the recording is being made again."),
}


@router.get("", name="interview.access_page")
def access_page(request: Request, session: SessionDep, identifier: str, done: str = "") -> Response:
    """The interview's access level, languages, consent, release form and redactions."""
    return _page(request, session, _item(request, session, identifier), done=done)


@router.post("", name="interview.access_update")
def access_update(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep
) -> Response:
    """Save what changed of the level, seal date, languages and oral consent; the form again when wrong."""
    item = _item(request, session, identifier)
    who: dict[str, Any] = {"user": identity.user, "address": client_address(request)}
    try:
        _apply(session, item, {key: str(form.get(key, "")).strip() for key in FIELDS}, who)
    except AccessRefused as refused:
        return _page(request, session, item, {refused.field: str(refused)}, raw=dict(form), status=422)
    return _back(request, identifier, "saved")


FIELDS = ("access", "sealed_until", "languages", "consent_minute", "consent_note")


def _apply(session: Session, item: Item, raw: dict, who: dict) -> None:
    """Check every field first (AccessRefused names the wrong one), then change what differs: all or nothing."""
    interview = access_service.interview_of(session, item)
    sealed_until, minute, today = _day(raw["sealed_until"]), _minute(raw["consent_minute"]), date.today()
    languages = [code for code in raw["languages"].split(",") if code.strip()]
    access_changed = (raw["access"], sealed_until) != (interview.access, interview.sealed_until)
    consent_changed = bool(raw["consent_note"] or raw["consent_minute"]) and (minute, raw["consent_note"]) != (
        interview.consent_minute,
        interview.consent_note,
    )
    if access_changed:
        access_service.check_access(raw["access"], sealed_until, today)
    languages = access_service.check_languages(languages)
    if consent_changed:
        access_service.check_consent(minute, raw["consent_note"])
    if access_changed:
        access_service.set_access(session, item, raw["access"], sealed_until, today=today, **who)
    if languages != (interview.languages or []):
        access_service.set_languages(session, item, languages, **who)
    if consent_changed:
        access_service.set_consent(session, item, minute, raw["consent_note"], **who)


@router.post("/release-form", name="interview.release_form_upload")
def release_form_upload(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep
) -> Response:
    """Store the signed release form (PDF, JPEG or PNG), checked with no transaction open."""
    _item(request, session, identifier)
    upload, settings = form.get("release_form"), request.app.state.settings
    try:
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise AccessRefused("release_form", _("Choose a file first."))
        release(session)  # the file is read and checked with no transaction open
        with uploads.received(upload, settings) as path:
            stored = consent.store(settings, path, upload.filename)
    except AccessRefused as refused:
        return _page(request, session, _item(request, session, identifier), {refused.field: str(refused)}, status=422)
    item = _item(request, session, identifier)  # read again: it may have changed meanwhile
    consent.attach(session, item, stored, user=identity.user, address=client_address(request))
    return _back(request, identifier, "form")


@router.get("/release-form", name="interview.release_form")
def release_form(request: Request, session: SessionDep, identifier: str) -> Response:
    """The signed release form, for the staff only (never cached)."""
    item = _item(request, session, identifier)
    key = consent.file_of(request.app.state.settings, item.interview)
    if key is None or item.interview is None:
        raise HTTPException(404, _("This interview has no release form yet."))
    headers = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
    name = item.interview.release_form_name or Path(key).name
    return serving.respond(request, key, headers, item.interview.release_form_mime, filename=name)


@router.post("/redactions", name="interview.redaction_add")
def redaction_add(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep
) -> Response:
    """Redact a passage (start and end as M:SS or seconds, and why)."""
    item = _item(request, session, identifier)
    start, end = redaction.parse_time(str(form.get("start", ""))), redaction.parse_time(str(form.get("end", "")))
    errors = {
        key: _("Give a time as M:SS or in seconds.") for key, value in (("start", start), ("end", end)) if value is None
    }
    if errors or start is None or end is None:
        return _page(request, session, item, errors, raw=dict(form), status=422)
    try:
        reason = str(form.get("reason", ""))
        who: dict[str, Any] = {"user": identity.user, "address": client_address(request)}
        redaction.add(session, item, start, end, reason, today=date.today(), **who)
    except AccessRefused as refused:
        return _page(request, session, item, {refused.field: str(refused)}, raw=dict(form), status=422)
    return _back(request, identifier, "redacted")


@router.post("/redactions/{redaction_id}/delete", name="interview.redaction_remove")
def redaction_remove(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, redaction_id: int
) -> Response:
    """Give a redacted passage back."""
    item = _item(request, session, identifier)
    who: dict[str, Any] = {"user": identity.user, "address": client_address(request)}
    if not redaction.remove(session, item, redaction_id, today=date.today(), **who):
        raise HTTPException(404, _("This interview has no such redaction."))
    return _back(request, identifier, "restored")


def _item(request: Request, session: Session, identifier: str) -> Item:
    item = access_service.load(session, identifier)
    if item is None:
        raise HTTPException(404, _("No interview has the identifier “{identifier}”.").format(identifier=identifier))
    permissions.check(request, item.status)
    return item


def _page(
    request: Request,
    session: Session,
    item: Item,
    errors: dict | None = None,
    *,
    raw: dict | None = None,
    done: str = "",
    status: int = 200,
) -> Response:
    # Shown, not created: a GET writes nothing (a row is made by the first change).
    interview = item.interview or Interview(access=PUBLIC, languages=[item.language or "fr"])
    return render(
        request,
        "interview/access.html",
        {
            "item": item,
            "interview": interview,
            "levels": [(level, str(access_service.LEVEL_LABELS[level])) for level in ACCESS_LEVELS],
            "raw": raw or {},
            "errors": errors or {},
            "notice": NOTICES.get(done),
            "consent_missing": consent_missing(session, item),
            "redactions": item.redactions,
            "editable": permissions.PERMISSIONS["interview.access_update"].allows(
                request.state.identity.role, item.status
            ),
        },
        status_code=status,
    )


def _back(request: Request, identifier: str, done: str) -> RedirectResponse:
    url = request.url_for("interview.access_page", identifier=identifier).include_query_params(done=done)
    return RedirectResponse(url, 303)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise AccessRefused("sealed_until", _("Give the date as YYYY-MM-DD.")) from None


def _minute(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise AccessRefused("consent_minute", _("Give the minute as a whole number."))
    return int(text)
