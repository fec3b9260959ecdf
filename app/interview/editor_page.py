"""Rendering the cue and segment editors, and the answers their forms get (redirect, page again, or JSON)."""

from functools import partial

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import URL, FormData

from app.account import permissions
from app.config import CONTENT_LANGUAGES
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.interview import editing, flags, parts
from app.interview.models import ACCESS_LEVELS, Cue
from app.item.kinds import STATUS_LABELS
from app.item.models import Item
from app.web.render import render

# What interviews are told in: the museum's languages and those of the families who came to work here.
LANGUAGES = (*CONTENT_LANGUAGES, "it", "pl", "pt", "ar", "es")
PER_PAGE = 50  # cues per page: each is a small form, and 500 at once are too heavy to tab through
NOTICES = {
    "saved": _l("The cue has been saved."),
    "split": _l("The cue has been split in two."),
    "merged": _l("The cues have been merged."),
    "deleted": _l("The cue has been deleted."),
    "inserted": _l("A cue has been inserted."),
    "shifted": _l("The times have been shifted."),
    "segment_saved": _l("The segment has been saved."),
    "segment_added": _l("The segment has been added."),
    "segment_deleted": _l("The segment has been deleted."),
    "reordered": _l("The segments are in the order of their start."),
}
FLAG_LABELS = {
    flags.OVERLAP: _l("Overlaps the previous cue"),
    flags.PAST_END: _l("Goes past the end of the recording"),
    flags.REVERSED: _l("Ends before it starts"),
    flags.UNTIMED: _l("Has no time"),
}
ACCESS_LABELS = {
    "public": _l("Public"),
    "on_request": _l("On request"),
    "sealed": _l("Sealed until a date"),
    "withdrawn": _l("Withdrawn"),
}


def language_codes(current: str | None) -> tuple[str, ...]:
    """The languages a cue or segment may be given, its own first added when it is another (nothing lost on save)."""
    return LANGUAGES if not current or current in LANGUAGES else (current, *LANGUAGES)


def seconds(value: float | None) -> str:
    """A time as the time fields show it: `62.5` (milliseconds kept, no trailing zeros), "" when untimed."""
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def clock(value: float | None) -> str:
    """A time as people read it: `1:02.5`, `1:02:03.0`; "—" when untimed."""
    if value is None:
        return "—"
    hours, rest = divmod(float(value), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours)}:{int(minutes):02d}:{secs:04.1f}" if hours else f"{int(minutes)}:{secs:04.1f}"


def interview_or_404(request: Request, session: Session, identifier: str) -> Item:
    """The interview item with its transcript and index, once the route's rule allows its state."""
    item = editing.load(session, identifier)
    if item is None:
        raise HTTPException(404, _("No item has the identifier “{identifier}”.").format(identifier=identifier))
    permissions.check(request, item.status)
    if item.kind != "interview":
        raise HTTPException(404, _("Only oral memories have a transcript and an index to edit."))
    return item


def page_of(item: Item, cue_id: int | None) -> int:
    """The page of the cue editor showing a cue (the first page when it is gone)."""
    ids = [cue.id for cue in item.transcript]
    return ids.index(cue_id) // PER_PAGE + 1 if cue_id in ids else 1


def to_transcript(request: Request, identifier: str, done: str, cue_id: int | None, page: int) -> RedirectResponse:
    """Back to the cue editor's page showing the cue, with a notice."""
    url = request.url_for("workspace.transcript", identifier=identifier).include_query_params(done=done, page=page)
    return RedirectResponse(f"{url}#cue-{cue_id}" if cue_id else str(url), 303)


def to_index(request: Request, identifier: str, done: str, segment_id: int | None = None) -> RedirectResponse:
    url = request.url_for("workspace.index", identifier=identifier).include_query_params(done=done)
    return RedirectResponse(f"{url}#segment-{segment_id}" if segment_id else str(url), 303)


def recordings(request: Request, item: Item) -> list[dict]:
    """The item's recordings the player can play, part 1 first, each with its workspace address."""
    return [
        {
            "media": m,
            "part": n,
            "url": request.url_for("workspace.recording", identifier=item.identifier, media_id=m.id),
        }
        for n, m in enumerate(parts.recordings(item.media), start=1)
    ]


def redirect(url: URL) -> RedirectResponse:
    return RedirectResponse(str(url), 303)


def transcript(
    request: Request,
    item: Item,
    page: int = 1,
    *,
    done: str = "",
    clamped: int = 0,
    errors: dict | None = None,
    status: int = 200,
) -> Response:
    """The cue editor at one page, with flags, errors next to the fields of the cue they concern."""
    pages = max(1, -(-len(item.transcript) // PER_PAGE))
    if not 1 <= page <= pages:
        raise HTTPException(404, _("This transcript has no page {page}.").format(page=page))
    found = flags.of(item)
    context = {
        "item": item,
        "cues": item.transcript[(page - 1) * PER_PAGE : page * PER_PAGE],
        "first_number": (page - 1) * PER_PAGE + 1,
        "page": page,
        "pages": pages,
        "per_page": PER_PAGE,
        "flags": found,
        "flag_pages": {kind: page_of(item, cue_id) for kind, cue_id in found.first.items()},
        "flag_labels": FLAG_LABELS,
        "recordings": recordings(request, item),
        "part_of": partial(parts.number, parts=parts.recordings(item.media)),
        "notice": NOTICES.get(done),
        "clamped": clamped,
        "errors": errors or {},
        "statuses": STATUS_LABELS,
        "language_codes": language_codes,
        "seconds": seconds,
        "clock": clock,
    }
    return render(request, "interview/editor.html", context, status_code=status)


def index(request: Request, item: Item, *, done: str = "", errors: dict | None = None, status: int = 200) -> Response:
    """The segment editor, errors next to the fields of the segment they concern ("new" for the add form)."""
    context = {
        "item": item,
        "segments": item.index_segments,
        "notice": NOTICES.get(done),
        "errors": errors or {},
        "access_levels": [(level, ACCESS_LABELS[level]) for level in ACCESS_LEVELS],
        "statuses": STATUS_LABELS,
        "language_codes": language_codes,
        "seconds": seconds,
        "clock": clock,
    }
    return render(request, "interview/index_editor.html", context, status_code=status)


def wants_json(request: Request) -> bool:
    """Whether the cue editor's script sent the form (it asks for JSON to update the row in place)."""
    return "application/json" in request.headers.get("accept", "")


def cue_json(item: Item, cue: Cue, status: int = 200) -> JSONResponse:
    """What the script shows after a save: the cue's stored times and its flags."""
    found = flags.of(item)
    body = {
        "id": cue.id,
        "start": cue.start_seconds,
        "end": cue.end_seconds,
        "flags": [str(FLAG_LABELS[kind]) for kind in found.by_cue.get(cue.id, [])],
        "message": str(NOTICES["saved"]),
    }
    return JSONResponse(body, status_code=status)


def plain(form: FormData) -> dict[str, str]:
    """The form's text fields (the last value of each; files are never sent to these forms)."""
    return {name: value for name, value in form.items() if isinstance(value, str)}
