"""An interview's files for the player: its captions and chapters as WebVTT, and its recordings' browser copies.

Each answers only what app/interview/access.py lets the page show: visitors get them while the content is
public (visible cues only, copies silenced over hidden ranges), the staff in any state; everyone else a 404.
Answers are revalidated at every use (`no-cache`): an access change must stop them at once.
"""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.account.permissions import check
from app.clock import utcnow
from app.config import Settings
from app.interview import files, hidden, recordings, redaction
from app.item import service as item_service
from app.item.models import Item
from app.media.access import is_staff
from app.media.models import Media
from app.media.store import serving, store_of
from app.web.deps import SessionDep

router = APIRouter()
PUBLIC_CACHE = "no-cache"
STAFF_CACHE = "private, no-store"
VTT = "text/vtt; charset=utf-8"


@router.get("/items/{identifier}/captions.vtt", name="interview.captions")
def captions(
    request: Request, session: SessionDep, identifier: str, lang: str | None = None, part: str | None = None
) -> Response:
    """The transcript of one recording (`part`, 1 first) as WebVTT captions (speakers as voice tags), or its
    translation into `lang`."""
    item = _item(request, session, identifier)
    return _vtt(request, files.captions(session, item, utcnow().date(), lang, part=part))


@router.get("/items/{identifier}/chapters.vtt", name="interview.chapters")
def chapters(request: Request, session: SessionDep, identifier: str, part: str | None = None) -> Response:
    """The index of one recording (`part`, 1 first) as WebVTT chapters: one cue per visible segment, its title."""
    item = _item(request, session, identifier)
    return _vtt(request, files.chapters(session, item, utcnow().date(), part=part))


@router.get("/items/{identifier}/recordings/{media_id}/{name}", name="interview.recording")
def recording(request: Request, session: SessionDep, identifier: str, media_id: int, name: str) -> Response:
    """A recording's browser copy (seekable: HTTP ranges), poster or waveform, once the job has made them."""
    item = _item(request, session, identifier)
    media = next((m for m in item.media if m.id == media_id), None)
    settings = request.app.state.settings
    store = store_of(settings)
    found = recordings.describe(store, media) if media is not None else None
    key = recordings.file_key(store, found, name) if found is not None else None
    if key is None or (media is not None and not is_staff(request) and not _silent(session, settings, item, media)):
        raise HTTPException(404)
    headers = {"Cache-Control": _cache(request), "X-Content-Type-Options": "nosniff"}
    return serving.respond(request, key, headers, recordings.FILES[name])


def _item(request: Request, session: SessionDep, identifier: str) -> Item:
    """The item whose files are asked for, when this request may have its content (else a 404)."""
    item = item_service.get_with_details(session, identifier)
    if item is None:
        raise HTTPException(404)
    check(request, item.status)
    if not is_staff(request) and not files.content_is_public(session, item, utcnow().date()):
        raise HTTPException(404)
    return item


def _silent(session: Session, settings: Settings, item: Item, media: Media) -> bool:
    """Whether the copy on disk is silent over every range hidden today (a re-encoding may still be on its way)."""
    return redaction.copy_is_current(settings, media, hidden.ranges(session, item.id, utcnow().date(), media))


def _vtt(request: Request, text: str) -> Response:
    return Response(text, media_type=VTT, headers={"Cache-Control": _cache(request)})


def _cache(request: Request) -> str:
    return STAFF_CACHE if is_staff(request) else PUBLIC_CACHE
