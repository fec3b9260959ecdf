"""Interview transcripts and indexes through the JSON API: import files (curators), read them as JSON or files."""

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.account import permissions
from app.account.roles import STAFF
from app.api.schemas import problems
from app.errors import problem, too_large
from app.i18n import gettext as _
from app.interview import exporting, importing, parts, service
from app.interview.schemas import ImportReport, IndexOut, TranscriptOut
from app.item.models import Item
from app.web.deps import SessionDep

router = APIRouter(prefix="/api/v1", tags=["interviews"])


@router.post(
    "/items/{identifier}/transcript",
    response_model=ImportReport,
    status_code=201,
    responses=problems(400, 403, 404, 413, 415, 422)
    | {200: {"model": ImportReport, "description": "A dry run's report: nothing was changed"}},
    name="api.transcript.import",
)
def import_transcript(
    request: Request,
    response: Response,
    session: SessionDep,
    identifier: str,
    file: Annotated[UploadFile, File(description="WebVTT, SRT, OHMS XML or text with M.SS time codes")],
    kind: Annotated[str, Query(pattern="^(transcript|index|translation)$")] = "transcript",
    dry_run: bool = False,
    language: Annotated[str | None, Query(pattern="^[a-z]{2,3}$")] = None,
    recording: Annotated[
        int, Query(ge=1, description="For an interview recorded in several parts: the part the file goes with")
    ] = 1,
) -> dict | Response:
    """Import a transcript, index or translation file into an interview (201; 200 for a dry run).

    Needs a curator's, supervisor's or administrator's token (or logged-in session with a CSRF token),
    allowed to edit the item. `transcript` replaces the cues, `index` the index segments; `translation`
    attaches each cue to the transcript's cue starting within a second. What could be read is imported
    and every problem listed with its line; a file from which nothing could be read changes nothing
    (415 when it is not text, 422 otherwise, with the report).
    """
    item = _editable(request, session, identifier)
    data = file.file.read(importing.TRANSCRIPT_LIMIT + 1)
    if len(data) > importing.TRANSCRIPT_LIMIT:
        return problem(413, too_large(importing.TRANSCRIPT_LIMIT))
    user = request.state.identity.user
    try:
        report = importing.import_file(
            session,
            item,
            data,
            file.filename,
            kind,
            language=language,
            dry_run=dry_run,
            actor=user,
            recording=recording,
        )
    except parts.NoSuchPart as error:
        return problem(422, parts.no_such_recording(error))
    if not report.imported:
        detail = " ".join(dict.fromkeys(p.reason for p in report.problems)) or _("Nothing could be imported.")
        return problem(report.status, detail, report=report.as_dict())
    response.status_code = 200 if dry_run else 201
    return report.as_dict()


@router.get(
    "/items/{identifier}/transcript", response_model=TranscriptOut, responses=problems(404), name="api.transcript"
)
def transcript(request: Request, session: SessionDep, identifier: str) -> dict:
    """An interview's cues: all of them for curators, what visitors may read otherwise (404 when nothing)."""
    item = _readable(request, session, identifier)
    shown, recorded = _content(request, item), parts.recordings(item.media)
    cues = [exporting.cue_json(cue, parts.number(cue.media_id, recorded)) for cue in shown.cues]
    return {"identifier": item.identifier, "cues": cues}


@router.get("/items/{identifier}/index", response_model=IndexOut, responses=problems(404), name="api.index")
def index(request: Request, session: SessionDep, identifier: str) -> dict:
    """An interview's index segments: all for curators, the public ones otherwise (404 when nothing is public)."""
    item = _readable(request, session, identifier)
    shown, recorded = _content(request, item), parts.recordings(item.media)
    segments = [exporting.segment_json(s, parts.number(s.media_id, recorded)) for s in shown.segments]
    return {"identifier": item.identifier, "segments": segments}


def _file_view(kind: str, fmt: str) -> Callable[..., Response]:
    def download(
        request: Request,
        session: SessionDep,
        identifier: str,
        recording: Annotated[int | None, Query(ge=1, description="Only the part that goes with this recording")] = None,
    ) -> Response:
        item = _readable(request, session, identifier)
        try:
            text = exporting.export_item(item, fmt, kind=kind, public=not _is_staff(request), recording=recording)
        except exporting.NotPublic:
            raise _not_public(identifier) from None
        except parts.NoSuchPart as error:
            raise HTTPException(404, parts.no_such_recording(error)) from None
        headers = {"Content-Disposition": f'inline; filename="{exporting.filename(item, kind, fmt)}"'}
        return Response(text, media_type=f"{exporting.FILES[kind, fmt][0]}; charset=utf-8", headers=headers)

    download.__doc__ = f"The interview's {kind} as a .{fmt} file (curators: all of it; others: what is public)."
    return download


for _kind, _fmt in exporting.FILES:
    router.add_api_route(
        f"/items/{{identifier}}/{_kind}.{_fmt}",
        _file_view(_kind, _fmt),
        methods=["GET"],
        name=exporting.file_route(_kind, _fmt),
        responses=problems(404) | {200: {"content": {exporting.FILES[_kind, _fmt][0]: {}}}},
        response_class=Response,
    )


def _is_staff(request: Request) -> bool:
    return request.state.identity.role in STAFF


def _content(request: Request, item: Item) -> exporting.Content:
    try:
        return exporting.content(item, public=not _is_staff(request))
    except exporting.NotPublic:
        raise _not_public(item.identifier) from None


def _readable(request: Request, session: Session, identifier: str) -> Item:
    item = service.load(session, identifier)
    if item is None:
        raise _not_public(identifier)
    permissions.check(request, item.status)
    return item


def _editable(request: Request, session: Session, identifier: str) -> Item:
    item = _readable(request, session, identifier)
    if item.kind != service.INTERVIEW:
        raise HTTPException(
            422, _("“{identifier}” is not an oral memory: it has no transcript.").format(identifier=identifier)
        )
    return item


def _not_public(identifier: str) -> HTTPException:
    return HTTPException(
        404, _("No public transcript or index has the identifier “{identifier}”.").format(identifier=identifier)
    )
