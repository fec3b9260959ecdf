"""The workspace's routes of a tour's stops: add, edit (with an audio commentary), move up or down, remove.

Each change is a revision of the tour. A sound is checked and stored before the transaction that records it,
as the item form's uploads are (app/workspace/media.py), so no database lock waits on a file.
"""

from fastapi import APIRouter, HTTPException, Request
from starlette.datastructures import UploadFile

from app.account.identity import IdentityDep
from app.db import release
from app.errors import DomainError
from app.i18n import gettext as _
from app.publishing.revisions import StaleEdit
from app.tour import audio, editing, references
from app.web.deps import FormDep, SessionDep
from app.workspace import tour_forms as forms
from app.workspace import tour_page as page
from app.workspace.page import number as revision_number
from app.workspace.tours import to_tour, tour_or_404

router = APIRouter(prefix="/workspace/tours/{slug}/stops", include_in_schema=False)
EMPTY = {"titles": {}, "texts": {}, "latitude": "", "longitude": "", "item": "", "exhibit": "", "remove_audio": False}
MOVES = {"up": -1, "down": 1}


@router.get("/new", name="workspace.tour_stop_new")
def new_stop(request: Request, session: SessionDep, slug: str):
    """An empty stop form."""
    return page.stop_form(request, session, tour_or_404(request, session, slug), EMPTY)


@router.post("", name="workspace.tour_stop_add")
def add_stop(request: Request, session: SessionDep, identity: IdentityDep, slug: str, form: FormDep):
    """Add a stop at the end of the tour; the same form with messages next to the fields when it is wrong."""
    return _save(request, session, identity, slug, form, None)


@router.get("/{number}", name="workspace.tour_stop_edit")
def edit_stop(request: Request, session: SessionDep, slug: str, number: int):
    """The form of one stop (1 for the first)."""
    tour = tour_or_404(request, session, slug)
    stop = _stop_or_404(tour, number)
    return page.stop_form(request, session, tour, forms.raw_from_stop(stop), number=number)


@router.post("/{number}", name="workspace.tour_stop_update")
def update_stop(request: Request, session: SessionDep, identity: IdentityDep, slug: str, number: int, form: FormDep):
    """Save one stop, unless someone saved the tour since the form was loaded."""
    return _save(request, session, identity, slug, form, number)


@router.post("/{number}/move", name="workspace.tour_stop_move")
def move_stop(request: Request, session: SessionDep, identity: IdentityDep, slug: str, number: int, form: FormDep):
    """Move a stop one place up or down."""
    tour = tour_or_404(request, session, slug)
    _stop_or_404(tour, number)
    offset = MOVES.get(str(form.get("direction", "")))
    if offset is None:
        raise HTTPException(400, _("Choose whether to move the stop up or down."))
    return _change(request, session, tour, "moved", editing.move_stop, number - 1, offset, identity.user, form)


@router.post("/{number}/remove", name="workspace.tour_stop_remove")
def remove_stop(request: Request, session: SessionDep, identity: IdentityDep, slug: str, number: int, form: FormDep):
    """Remove a stop from the tour (a revision keeps it: restoring brings it back)."""
    tour = tour_or_404(request, session, slug)
    _stop_or_404(tour, number)
    return _change(request, session, tour, "stop_removed", editing.remove_stop, number - 1, identity.user, form)


def _change(request, session, tour, done: str, change, *args):
    *values, form = args
    try:
        change(session, tour, *values, revision_number(form.get("revision")))
    except StaleEdit as stale:
        return page.form(request, session, tour, forms.raw_from_tour(tour), stale=stale.revisions, status=409)
    return to_tour(request, tour.slug, done, "#stops")


def _stop_or_404(tour, number: int):
    if not 1 <= number <= len(tour.stops):
        raise HTTPException(404, _("This tour has no stop {number}.").format(number=number))
    return tour.stops[number - 1]


def _save(request: Request, session, identity, slug: str, form, number: int | None):
    tour = tour_or_404(request, session, slug)
    if number is not None:
        _stop_or_404(tour, number)
    raw = forms.raw_from_stop_form(form)
    base = revision_number(form.get("revision"))
    checked = forms.validate_stop(raw, tour.language)
    upload = form.get("audio")
    sound: dict | None = None
    if isinstance(upload, UploadFile) and upload.filename and not checked.errors:
        release(session)  # the file is checked with no transaction open
        try:
            sound = audio.store(upload, request.app.state.settings)
        except (audio.NotAudio, DomainError) as refused:
            checked.errors["audio"] = str(refused)
        tour = tour_or_404(request, session, slug)  # read again: it may have changed meanwhile
    values = references.resolve(session, checked.values, checked.errors) if not checked.errors else {}
    if checked.errors:
        return page.stop_form(request, session, tour, raw, number=number, errors=checked.errors, base=base, status=422)
    values |= sound or (audio.NONE if raw["remove_audio"] else {})
    try:
        if number is None:
            editing.add_stop(session, tour, values, identity.user, base)
        else:
            editing.update_stop(session, tour, number - 1, values, identity.user, base)
    except StaleEdit as stale:
        return page.stop_form(request, session, tour, raw, number=number, stale=stale.revisions, status=409)
    return to_tour(request, slug, "stop_saved" if number is not None else "stop_added", "#stops")
