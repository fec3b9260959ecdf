"""The workspace's transcript import page: upload a file, check it or import it, read the report, download exports."""

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from app.account import permissions
from app.account.identity import IdentityDep
from app.config import CONTENT_LANGUAGES
from app.errors import too_large
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.interview import exporting, importing, parts, service
from app.interview.reports import Report
from app.item.models import Item
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter(prefix="/workspace/items/{identifier}/transcript/import", include_in_schema=False)
KIND_LABELS = {
    "transcript": _l("Transcript (replaces the cues)"),
    "index": _l("Index (replaces the segments)"),
    "translation": _l("Translation (attached to the cues starting at the same time)"),
}
LANGUAGE = re.compile(r"^[a-z]{2,3}$")


@router.get("", name="interview.import_form")
def import_form(request: Request, session: SessionDep, identifier: str) -> HTMLResponse:
    """The upload form, and links to the transcript and index in every format."""
    item = _interview(request, session, identifier)
    return _page(request, item, {"kind": "transcript", "language": "", "recording": "1"})


@router.post("", name="interview.import")
def import_file(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep
) -> HTMLResponse:
    """Check (dry run) or import the uploaded file, and show its report."""
    item = _interview(request, session, identifier)
    values = {
        "kind": str(form.get("kind", "")),
        "language": str(form.get("language", "")).strip().lower(),
        "recording": str(form.get("recording", "1")).strip(),
    }
    upload = form.get("file")
    data, errors = _checked(values, upload)
    part = _part(values["recording"], parts.recordings(item.media))
    if part is None:
        errors["recording"] = _("Choose one of the interview's recordings.")
    if errors:
        return _page(request, item, values, errors=errors, status=422)
    name = upload.filename if isinstance(upload, UploadFile) else None
    dry_run = form.get("action") != "import"
    report = importing.import_file(
        session,
        item,
        data,
        name,
        values["kind"],
        language=values["language"] or None,
        dry_run=dry_run,
        actor=identity.user,
        recording=part or 1,
    )
    return _page(request, item, values, report=report, status=200 if report.imported else 422)


def _checked(values: dict, upload: object) -> tuple[bytes, dict]:
    """The file's bytes, and the messages for the fields that are wrong."""
    errors = {}
    if values["kind"] not in importing.KINDS:
        errors["kind"] = _("Choose what the file holds.")
    if values["language"] and not LANGUAGE.match(values["language"]):
        errors["language"] = _("Write a language code of two or three letters (fr, de, lb, it, pl, pt, ar...).")
    data = (
        upload.file.read(importing.TRANSCRIPT_LIMIT + 1) if isinstance(upload, UploadFile) and upload.filename else None
    )
    if data is None:
        errors["file"] = _("Choose a file first.")
    elif len(data) > importing.TRANSCRIPT_LIMIT:
        errors["file"] = too_large(importing.TRANSCRIPT_LIMIT)
    return data or b"", errors


def _part(value: str, recorded: list) -> int | None:
    """The recording chosen in the form, or None when it is not one of the interview's."""
    try:
        return parts.check(int(value), recorded)
    except (ValueError, parts.NoSuchPart):
        return None


def _interview(request: Request, session: Session, identifier: str) -> Item:
    item = service.load(session, identifier)
    if item is None:
        raise HTTPException(404, _("No item has the identifier “{identifier}”.").format(identifier=identifier))
    permissions.check(request, item.status)
    if item.kind != service.INTERVIEW:
        raise HTTPException(
            422, _("“{identifier}” is not an oral memory: it has no transcript.").format(identifier=identifier)
        )
    return item


def _page(
    request: Request,
    item: Item,
    values: dict,
    *,
    errors: dict | None = None,
    report: Report | None = None,
    status: int = 200,
) -> HTMLResponse:
    role = request.state.identity.role
    exports = [
        (kind, fmt, request.url_for(exporting.file_route(kind, fmt), identifier=item.identifier))
        for kind, fmt in exporting.FILES
    ]
    context = {
        "item": item,
        "values": values,
        "errors": errors or {},
        "report": report,
        "kinds": list(KIND_LABELS.items()),
        "languages": CONTENT_LANGUAGES,
        "exports": exports,
        "counts": {"cues": len(item.transcript), "segments": len(item.index_segments)},
        "recordings": [
            (str(n), _("Recording {number}: {name}").format(number=n, name=media.original_name or media.sha256[:12]))
            for n, media in enumerate(parts.recordings(item.media), start=1)
        ],
        "may_import": permissions.PERMISSIONS["interview.import"].allows(role, item.status),
    }
    return render(request, "interview/import.html", context, status_code=status)
