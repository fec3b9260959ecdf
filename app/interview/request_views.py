"""Asking to hear an on-request interview (public form), the curators' queue, and the private listening link."""

from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session, selectinload

from app.account.identity import IdentityDep
from app.contribution import spam
from app.i18n import gettext as _
from app.interview import access_request_service as requests
from app.interview import hidden, recordings, redaction
from app.interview import visitors as interview_public
from app.interview.hidden import first_recording
from app.interview.models import AccessRequest
from app.interview.recordings import Recording
from app.item import service as item_service
from app.item.models import Item
from app.media.models import Media
from app.media.store import serving, store_of
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter(include_in_schema=False)
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


@router.get("/items/{identifier}/access-request", name="interview.request_form")
def request_form(request: Request, session: SessionDep, identifier: str) -> Response:
    """The form asking to hear an interview that is open on request."""
    item = _requestable(session, identifier)
    return _form(request, item, {}, {}, spam.new_stamp(request.app.state.secret_key))


@router.post("/items/{identifier}/access-request", name="interview.request_submit")
def request_submit(request: Request, session: SessionDep, identifier: str, form: FormDep) -> Response:
    """Record the request (throttled, with a signed stamp and a honeypot as the memory form), then say so."""
    item = _requestable(session, identifier)
    values = {key: str(form.get(key, ""))[:6000] for key in ("name", "contact", "purpose")}
    secret = request.app.state.secret_key
    stamp = spam.read_stamp(secret, str(form.get("stamp", "")))
    if stamp is None or spam.expired(stamp):
        return _form(
            request,
            item,
            values,
            {"form": _("This form is too old: check it and send it again.")},
            spam.new_stamp(secret),
            status=400,
        )
    errors = requests.check(**values)
    if errors:
        return _form(request, item, values, errors, spam.renewed(secret, stamp), status=422)
    if form.get(spam.HONEYPOT) or spam.too_fast(stamp):
        return RedirectResponse(request.url_for("interview.request_sent", identifier=identifier), 303)
    try:
        requests.create(session, item, **values, lang=request.state.lang)
    except requests.RequestRefused as refused:
        return _form(request, item, values, {"form": str(refused)}, spam.renewed(secret, stamp), status=refused.status)
    return RedirectResponse(request.url_for("interview.request_sent", identifier=identifier), 303)


@router.get("/items/{identifier}/access-request/sent", name="interview.request_sent")
def request_sent(request: Request, session: SessionDep, identifier: str) -> Response:
    """Thanks, and what happens next."""
    item = _requestable(session, identifier)
    return render(request, "interview/request_sent.html", {"item": item})


@router.get("/items/{identifier}/listen/{token}", name="interview.listen")
def listen(request: Request, session: SessionDep, identifier: str, token: str) -> Response:
    """The interview with its recording and transcript, through an approved request's private link."""
    item = requests.granted_item(session, identifier, token)
    if item is None:
        gone = requests.link_state(session, identifier, token) == "expired"
        return render(request, "interview/link_gone.html", {"gone": gone}, status_code=410 if gone else 404)
    item = item_service.get_public(session, identifier)
    if item is None:
        raise HTTPException(404)
    view = interview_public.view_of(session, item, date.today(), granted=True)
    context = {"item": item, "view": view, "transcript": interview_public.visible_transcript(item.transcript, view)}
    context["recording"] = _playable(request, session, item)
    response = render(request, "interview/listen.html", context | {"granted": True, "token": token})
    response.headers.update(PRIVATE)
    return response


@router.get("/items/{identifier}/listen/{token}/recordings/{media_id}/{name}", name="interview.listen_recording")
def listen_recording(
    request: Request, session: SessionDep, identifier: str, token: str, media_id: int, name: str
) -> Response:
    """The browser copy (or poster) a private link's page plays, silenced over the hidden ranges; seekable."""
    if not requests.link_opens(session, identifier, token):
        raise HTTPException(404)
    item = item_service.get_public(session, identifier)
    media = next((m for m in item.media if m.id == media_id), None) if item is not None else None
    found = _playable(request, session, item, media) if item is not None and media is not None else None
    store = store_of(request.app.state.settings)
    key = recordings.file_key(store, found, name) if found is not None else None
    if key is None:
        raise HTTPException(404)
    return serving.respond(request, key, PRIVATE | {"X-Content-Type-Options": "nosniff"}, recordings.FILES[name])


def _playable(request: Request, session: Session, item: Item, media: Media | None = None) -> Recording | None:
    """The item's first recording (or `media`) when its copy is made and silent over what is hidden today."""
    media = media or first_recording(item.media)
    if media is None:
        return None
    settings = request.app.state.settings
    found = recordings.describe(store_of(settings), media)
    hidden_ranges = hidden.ranges(session, item.id, date.today(), media)
    return (
        found
        if found.status == recordings.READY and redaction.copy_is_current(settings, media, hidden_ranges)
        else None
    )


@router.get("/workspace/access-requests", name="interview.requests")
def queue(request: Request, session: SessionDep, done: str = "") -> Response:
    """Requests waiting for an answer, and the latest answered ones."""
    return _queue(request, session, done=done)


@router.post("/workspace/access-requests/{request_id}/approve", name="interview.request_approve")
def approve(request: Request, session: SessionDep, identity: IdentityDep, request_id: int) -> Response:
    """Approve: a private link is made and e-mailed; the curator sees it once."""
    found = _request(session, request_id)
    settings = request.app.state.settings

    def link(token: str) -> str:
        return str(request.url_for("interview.listen", identifier=found.item.identifier, token=token))

    try:
        decision = requests.approve(session, found, identity.user, settings, link)
    except requests.RequestRefused as refused:
        return _queue(request, session, errors={request_id: str(refused)}, status=refused.status)
    return _queue(request, session, done="approved", link=link(decision.token or ""), mailed=decision.mailed)


@router.post("/workspace/access-requests/{request_id}/refuse", name="interview.request_refuse")
def refuse(request: Request, session: SessionDep, identity: IdentityDep, request_id: int, form: FormDep) -> Response:
    """Refuse with a reason, which the requester is told."""
    found = _request(session, request_id)
    try:
        decision = requests.refuse(
            session, found, identity.user, request.app.state.settings, str(form.get("reason", ""))
        )
    except requests.RequestRefused as refused:
        return _queue(request, session, errors={request_id: str(refused)}, status=refused.status)
    url = request.url_for("interview.requests").include_query_params(
        done="refused" if decision.mailed else "refused-unsent"
    )
    return RedirectResponse(url, 303)


def _requestable(session: Session, identifier: str) -> Item:
    item = requests.requestable(session, identifier, date.today())
    if item is None:
        raise HTTPException(404, _("This interview cannot be requested: it is open to all, or not open at all."))
    return item


def _request(session: Session, request_id: int) -> AccessRequest:
    found = session.get(AccessRequest, request_id, options=[selectinload(AccessRequest.item)])
    if found is None:
        raise HTTPException(404, _("There is no such request."))
    return found


def _form(request: Request, item: Item, values: dict, errors: dict, stamp: str, status: int = 200) -> Response:
    context = {"item": item, "values": values, "errors": errors, "stamp": stamp, "honeypot": spam.HONEYPOT}
    return render(request, "interview/request_form.html", context, status_code=status)


def _queue(
    request: Request,
    session: Session,
    *,
    done: str = "",
    errors: dict | None = None,
    link: str | None = None,
    mailed: bool = False,
    status: int = 200,
) -> Response:
    context = {
        "pending": requests.pending(session),
        "answered": requests.recent(session),
        "done": done,
        "errors": errors or {},
        "link": link,
        "mailed": mailed,
    }
    response = render(request, "interview/requests.html", context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response
