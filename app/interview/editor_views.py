"""The workspace's transcript and index editors of an interview: every change is an item revision."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.orm import Session

from app.account.identity import IdentityDep
from app.account.models import User
from app.i18n import gettext as _
from app.interview import cue_actions, editing, hidden, redaction, segments, shifting
from app.interview import editor_page as ui
from app.interview.checks import EditError, NeedsConfirmation, parse_shift
from app.interview.cue_actions import FormErrors
from app.interview.recording_file import recording_key
from app.item.models import Item
from app.media.store import serving, store_of
from app.web.deps import FormDep, SessionDep

T = TypeVar("T")

router = APIRouter(prefix="/workspace/items/{identifier}", include_in_schema=False)


@router.get("/transcript", name="workspace.transcript")
def transcript(request: Request, session: SessionDep, identifier: str, page: str = "1", done: str = "") -> Response:
    """The cue editor: each cue a small form, flags next to them, a player when there is a recording."""
    item = ui.interview_or_404(request, session, identifier)
    clamped = request.query_params.get("clamped", "0")
    number = int(page) if page.isdigit() and len(page) < 6 else 0
    return ui.transcript(request, item, number, done=done, clamped=int(clamped) if clamped.isdigit() else 0)


@router.post("/transcript/cues/{cue_id}", name="workspace.cue_edit")
def edit_cue(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, cue_id: int, form: FormDep
) -> Response:
    """One of a cue's buttons: save, split, merge with the next, delete, insert after, set start or end."""
    item = ui.interview_or_404(request, session, identifier)
    fields = ui.plain(form)
    action = cue_actions.ACTIONS.get(fields.get("action", "save"))
    if action is None:
        raise HTTPException(400, _("This button does nothing here."))
    try:
        done, shown = editing.revised(session, item, identity.user, lambda: action(item, cue_id, fields))
    except EditError as error:
        return _refused(request, item, cue_id, fields, error)
    if ui.wants_json(request) and shown is not None:
        return ui.cue_json(item, editing.cue(item, shown))
    return ui.to_transcript(request, identifier, done, shown, ui.page_of(item, shown))


def _refused(request: Request, item: Item, cue_id: int, form: dict[str, str], error: EditError) -> Response:
    fields = error.errors if isinstance(error, FormErrors) else {error.field or "cue": error.message}
    if ui.wants_json(request):
        return JSONResponse({"errors": fields}, status_code=422)
    errors = {"cue": cue_id, "fields": fields, "raw": form, "confirm": isinstance(error, NeedsConfirmation)}
    number = ui.page_of(item, cue_id)
    return ui.transcript(request, item, number, errors=errors, status=422)


@router.post("/transcript/cues", name="workspace.cue_add")
def add_cue(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep) -> Response:
    """A new first cue (the way to start an empty transcript)."""
    item = ui.interview_or_404(request, session, identifier)
    try:
        done, shown = editing.revised(
            session, item, identity.user, lambda: cue_actions.insert(item, None, ui.plain(form))
        )
    except EditError as error:
        return _refused(request, item, 0, ui.plain(form), error)
    return ui.to_transcript(request, identifier, done, shown, 1)


@router.post("/transcript/shift", name="workspace.transcript_shift")
def shift(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep) -> Response:
    """Shift every time by an offset (cues only, or cues and index segments)."""
    item = ui.interview_or_404(request, session, identifier)
    try:
        offset = parse_shift(ui.plain(form).get("offset"))
    except EditError as error:
        errors = {"cue": "shift", "fields": {"offset": error.message}, "raw": ui.plain(form)}
        return ui.transcript(request, item, 1, errors=errors, status=422)
    whole = form.get("scope") != "cues"
    moved = editing.revised(session, item, identity.user, lambda: shifting.shift(item, offset, segments=whole))
    url = request.url_for("workspace.transcript", identifier=identifier)
    clamped = moved.clamped_cues + moved.clamped_segments
    return ui.redirect(url.include_query_params(done="shifted", clamped=clamped))


@router.get("/index", name="workspace.index")
def index(request: Request, session: SessionDep, identifier: str, done: str = "") -> Response:
    """The segment editor: every index segment as a form, and one to add a segment."""
    item = ui.interview_or_404(request, session, identifier)
    return ui.index(request, item, done=done)


@router.post("/index/segments", name="workspace.segment_add")
def add_segment(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep
) -> Response:
    """Add a segment from the form at the bottom of the segment editor."""
    item = ui.interview_or_404(request, session, identifier)
    values, errors = segments.read_segment(ui.plain(form))
    if errors:
        return ui.index(request, item, errors={"segment": "new", "fields": errors, "raw": ui.plain(form)}, status=422)
    added = _hiding(
        session, item, lambda: editing.revised(session, item, identity.user, lambda: segments.add(item, values))
    )
    return ui.to_index(request, identifier, "segment_added", added.id)


@router.post("/index/segments/{segment_id}", name="workspace.segment_edit")
def edit_segment(
    request: Request, session: SessionDep, identity: IdentityDep, identifier: str, segment_id: int, form: FormDep
) -> Response:
    """Save or delete one segment."""
    item = ui.interview_or_404(request, session, identifier)
    if form.get("action") == "delete":
        return _segment_change(request, session, identity.user, item, lambda: segments.delete(item, segment_id))
    values, errors = segments.read_segment(ui.plain(form))
    if errors:
        refused = {"segment": segment_id, "fields": errors, "raw": ui.plain(form)}
        return ui.index(request, item, errors=refused, status=422)
    change = lambda: segments.update(item, segment_id, values)  # noqa: E731
    return _segment_change(request, session, identity.user, item, change, segment_id)


def _segment_change(
    request: Request, session: Session, user: User | None, item: Item, change: Callable[[], object], segment_id: int = 0
) -> Response:
    try:
        _hiding(session, item, lambda: editing.revised(session, item, user, change))
    except EditError as error:
        errors = {"segment": segment_id, "fields": {"segment": error.message}, "raw": {}}
        return ui.index(request, item, errors=errors, status=422)
    return ui.to_index(request, item.identifier, "segment_saved" if segment_id else "segment_deleted", segment_id)


def _hiding(session: Session, item: Item, change: Callable[[], T]) -> T:
    """Run a segment change; when it changes what is hidden (a segment closed, opened, moved), the served
    recordings are made again, silenced over the new ranges, and the index follows (app/interview/redaction.py)."""
    today = date.today()
    before = hidden.ranges(session, item.id, today)
    result = change()
    session.flush()
    if hidden.ranges(session, item.id, today) != before:
        redaction.hidden_changed(session, item, today)
    return result


@router.post("/index/reorder", name="workspace.index_reorder")
def reorder(request: Request, session: SessionDep, identity: IdentityDep, identifier: str) -> Response:
    """Put the segments in the order of their start."""
    item = ui.interview_or_404(request, session, identifier)
    editing.revised(session, item, identity.user, lambda: segments.reorder(item))
    return ui.to_index(request, identifier, "reordered")


@router.get("/recording/{media_id}", name="workspace.recording")
def recording(request: Request, session: SessionDep, identifier: str, media_id: int) -> Response:
    """A recording of the interview for its curators: the browser copy when made, else the original."""
    item = ui.interview_or_404(request, session, identifier)
    found = recording_key(store_of(request.app.state.settings), item, media_id)
    if found is None:
        raise HTTPException(404)
    key, mime = found
    return serving.respond(request, key, {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}, mime)
