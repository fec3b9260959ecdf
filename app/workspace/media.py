"""The media section of the item form: upload files, edit alt texts and captions, reorder, remove."""

from fastapi import APIRouter, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from app.account.identity import IdentityDep
from app.config import CONTENT_LANGUAGES
from app.db import release
from app.edm import refresh as tiers_refresh
from app.i18n import gettext as _
from app.item import rights as rights_registry
from app.item.models import Item
from app.media import service as media_service
from app.media import uploads
from app.media.sniff import RefusedFile
from app.revision import service as revision_service
from app.revision import snapshot
from app.web.deps import FormDep, SessionDep
from app.workspace import forms, page
from app.workspace.loading import item_or_404, to_item

router = APIRouter(prefix="/workspace/items/{identifier}/media", include_in_schema=False)
ACTIONS = ("save", "up", "down", "remove")


@router.post("", name="workspace.media_upload")
def upload(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, form: FormDep):
    """Attach the files, in order, at the end of the item's media; refused files are explained."""
    item = item_or_404(request, session, identifier)
    # A browser sends an empty file part when no file was chosen: that is not a file.
    files = [part for part in form.getlist("files") if isinstance(part, UploadFile) and part.filename]
    rights = str(form.get("rights", ""))
    uri = rights_registry.normalise(rights) if rights else None
    release(session)  # files are checked and decoded with no transaction open
    prepared, problems = _prepare(request.app.state.settings, files)
    session.expire(item)
    item = item_or_404(request, session, identifier)  # read again: it may have changed meanwhile
    before = snapshot.take(item)
    credit = str(form.get("credit", "")).strip()[:500] or None
    for each in prepared:
        media_service.record(session, item, each, rights=uri, credit=credit)
        session.flush()
    problems = problems or ([] if files else [_("Choose one or more files first.")])
    _record(session, item, identity.user, before)
    if problems:
        return page.item_form(request, session, item, forms.raw_from_item(item), media_errors=problems, status=422)
    if request.app.state.worker is not None:
        request.app.state.worker.wake_after_commit(session)
    return to_item(request, identifier, "uploaded", "#media")


def _prepare(settings, files: list[UploadFile]) -> tuple[list, list[str]]:
    """Every file received and prepared (no database), and the refusals."""
    prepared, problems = [], []
    for upload in files:
        with uploads.received(upload, settings) as path:
            try:
                prepared.append(media_service.prepare(path, settings, upload.filename))
            except RefusedFile as refused:
                problems.append(f"{upload.filename}: {refused}")
    return prepared, problems


def _record(session: Session, item: Item, user, before: dict) -> None:
    session.flush()
    revision_service.record(session, item, user, "edit", before)


@router.post("/{media_id}", name="workspace.media_change")
def change(request: Request, session: SessionDep, identity: IdentityDep, identifier: str, media_id: int, form: FormDep):
    """Save one media's texts, move it up or down, or remove it from the item."""
    item = item_or_404(request, session, identifier)
    media = next((m for m in item.media if m.id == media_id), None)
    action = form.get("action")
    if media is None:
        raise HTTPException(404, _("This item has no such media."))
    if action not in ACTIONS:
        raise HTTPException(400, _("Choose what to do with the media."))
    before = snapshot.take(item)
    _change(session, item, media, action, form)
    _record(session, item, identity.user, before)
    return to_item(request, identifier, "media", "#media")


def _change(session: Session, item: Item, media, action: str, form) -> None:
    ordered = sorted(item.media, key=lambda m: (m.position, m.id))
    if action == "save":
        media.alt_texts = _texts(form, "alt")
        media.captions = _texts(form, "caption")
    elif action == "remove":
        ordered.remove(media)
        item.media.remove(media)
    else:
        index = ordered.index(media)
        other = index - 1 if action == "up" else index + 1
        if 0 <= other < len(ordered):
            ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered):
        each.position = position
    tiers_refresh.mark(session, [item])  # a removed file can lower the item's Europeana content tier


def _texts(form, name: str) -> dict[str, str]:
    texts = {lang: " ".join(str(form.get(f"{name}_{lang}", "")).split())[:1000] for lang in CONTENT_LANGUAGES}
    return {lang: text for lang, text in texts.items() if text}
