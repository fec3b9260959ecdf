"""Adding media to items through the JSON API (curators and above, with a personal API token)."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from sqlalchemy.orm import Session

from app.account import permissions
from app.api import present
from app.api.schemas import MediaOut, problems
from app.db import release
from app.i18n import gettext as _
from app.item import rights as rights_registry
from app.item import service as item_service
from app.media import service as media_service
from app.media import uploads
from app.media.schemas import MediaForm
from app.media.sniff import RefusedFile
from app.revision import service as revision_service
from app.revision import snapshot
from app.web.deps import SessionDep

ERRORS = problems(401, 403, 404)
router = APIRouter(prefix="/api/v1", tags=["media"])
STATUS = {"too_large": 413, "empty": 422, "corrupt": 422, "too_many_pixels": 422}


@router.post(
    "/items/{identifier}/media", status_code=201, response_model=MediaOut, responses=ERRORS, name="api.media.create"
)
def add_media(
    request: Request,
    session: SessionDep,
    identifier: str,
    file: UploadFile,
    form: Annotated[MediaForm, Form()],
):
    """Attach a file (image, sound, video or PDF) at the end of an item's media.

    Needs a personal API token (`Authorization: Bearer ...`) of a curator, supervisor or administrator,
    or their logged-in session with a CSRF token. `caption` and `alt` are in the item's language;
    `caption_de`, `alt_en`... add translations.
    """
    item = _item(request, session, identifier)
    rights = _rights(form.rights)
    settings = request.app.state.settings
    release(session)  # the file is received, checked and decoded with no transaction open
    with uploads.received(file, settings) as path:
        try:
            prepared = media_service.prepare(path, settings, file.filename)
        except RefusedFile as refused:
            raise HTTPException(STATUS.get(refused.code, 415), str(refused)) from None
    session.expire(item)
    item = _item(request, session, identifier)  # read again: it may have changed meanwhile
    before = snapshot.take(item)
    media = media_service.record(
        session,
        item,
        prepared,
        caption=form.texts("caption", item.language),
        alt=form.texts("alt", item.language),
        rights=rights,
        credit=form.credit,
    )
    session.flush()
    revision_service.record(session, item, request.state.identity.user, revision_service.EDIT, before)
    if request.app.state.worker is not None:
        request.app.state.worker.wake_after_commit(session)
    return present.media_out(request, media, request.state.lang, item.language)


def _item(request: Request, session: Session, identifier: str):
    item = item_service.get_with_details(session, identifier)
    if item is None:
        raise HTTPException(404, _("No item has the identifier “{identifier}”.").format(identifier=identifier))
    permissions.check(request, item.status)
    return item


def _rights(value: str | None) -> str | None:
    if not value:
        return None
    uri = rights_registry.normalise(value)
    if uri is None:
        raise HTTPException(
            422,
            _(
                "“{value}” is not a rights statement we know. Use a Creative Commons or rightsstatements.org URI."
            ).format(value=value),
        )
    return uri
