"""The task board's pages: the board, the next task, a task (claim, time, submit, review), my tasks, the review
queue. Supervisors' pages (new task, trust, hours, competences) are in app/task/supervise.py."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.datastructures import UploadFile

from app.account.identity import IdentityDep
from app.clock import utcnow
from app.db import release
from app.errors import DomainError
from app.i18n import gettext as _
from app.media import service as media_service
from app.media import uploads
from app.media.sniff import RefusedFile
from app.task import claims, evidence, forms, page, review, service, times
from app.task.models import Task
from app.web.deps import FormDep, SessionDep
from app.web.render import render

router = APIRouter(prefix="/workspace/tasks", include_in_schema=False)


def to_task(request: Request, task_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(request.url_for("task.detail", task_id=task_id).include_query_params(done=done), 303)


@router.get("", name="task.board")
def board(request: Request, session: SessionDep):
    """The board by type and state, filtered by type, collection, language, difficulty and state."""
    filters = page.filters_from(request.query_params)
    context = page.common() | {
        "grouped": service.board(session, filters),
        "filters": filters,
        "collections": page.collections(session),
        "none_left": request.query_params.get("done") == "none",
    }
    return render(request, "tasks/board.html", context)


@router.post("/next", name="task.next")
def next_task(request: Request, session: SessionDep, identity: IdentityDep):
    """Claim the next task this trainee can do, and open it; back to the board when there is none."""
    task = claims.next_task(session, identity.user, request.app.state.settings.task_claim_minutes)
    if task is None:
        return RedirectResponse(request.url_for("task.board").include_query_params(done="none"), 303)
    return to_task(request, task.id, "claimed")


@router.get("/mine", name="task.mine")
def mine(request: Request, session: SessionDep, identity: IdentityDep):
    """My tasks: those I hold, sent back to me with their comment, submitted, approved."""
    context = page.common() | {"tasks": service.mine(session, identity.user), "now": utcnow()}
    return render(request, "tasks/mine.html", context)


@router.get("/review", name="task.review_queue")
def review_queue(request: Request, session: SessionDep):
    """The submissions waiting for review, the oldest first, with their age and the median age."""
    waiting = review.queue(session)
    context = page.common() | {
        "waiting": waiting,
        "median": review.median_age(waiting),
        "target_days": review.TARGET_MEDIAN_DAYS,
    }
    return render(request, "tasks/review.html", context)


@router.get("/{task_id}", name="task.detail")
def detail(request: Request, session: SessionDep, task_id: int):
    """One task: what to do and where, its claim, time, submission, review and history."""
    return page.detail(request, session, service.get_or_404(session, task_id))


def _act(request: Request, session, task_id: int, action, done: str, field: str):
    """Run `action(task)`; the task page again with the refusal next to the form when it is refused."""
    task = service.get_or_404(session, task_id)
    try:
        action(task)
    except DomainError as refused:
        session.expire_all()
        return page.detail(
            request, session, service.get_or_404(session, task_id), {field: str(refused)}, refused.status
        )
    return to_task(request, task_id, done)


@router.post("/{task_id}/claim", name="task.claim")
def claim(request: Request, session: SessionDep, identity: IdentityDep, task_id: int):
    """Hold the task for the claim's minutes, unless someone else holds it."""
    minutes = request.app.state.settings.task_claim_minutes

    def take(task: Task) -> None:
        if not claims.claim(session, task.id, identity.user, minutes):
            raise DomainError(_("Someone else holds this task, or it is no longer open."), status=409)

    return _act(request, session, task_id, take, "claimed", "claim")


@router.post("/{task_id}/renew", name="task.renew")
def renew(request: Request, session: SessionDep, identity: IdentityDep, task_id: int):
    """Hold the task longer (its holder, while the claim lasts)."""
    minutes = request.app.state.settings.task_claim_minutes
    return _act(
        request, session, task_id, lambda t: claims.renew(session, t, identity.user, minutes), "renewed", "claim"
    )


@router.post("/{task_id}/release", name="task.release")
def release_task(request: Request, session: SessionDep, identity: IdentityDep, task_id: int):
    """Put the task back on the board (its holder)."""
    return _act(request, session, task_id, lambda t: claims.release(session, t, identity.user), "released", "claim")


@router.post("/{task_id}/timer", name="task.timer")
def timer(request: Request, session: SessionDep, identity: IdentityDep, task_id: int, form: FormDep):
    """Start a timer on the task (stopping any other of mine), or stop it."""
    start = form.get("action") == "start"

    def run(task: Task) -> None:
        times.start(session, task, identity.user) if start else times.stop(session, identity.user)

    return _act(request, session, task_id, run, "timer-started" if start else "timer-stopped", "time")


@router.post("/{task_id}/minutes", name="task.minutes")
def log_minutes(request: Request, session: SessionDep, identity: IdentityDep, task_id: int, form: FormDep):
    """Log minutes typed in (1 to 600)."""

    def run(task: Task) -> None:
        typed = forms.minutes(str(form.get("minutes", "")))
        if typed is None:
            raise DomainError(_("Enter between 1 and {limit} minutes.").format(limit=times.MAX_MINUTES), 422)
        times.enter(session, task, identity.user, typed)

    return _act(request, session, task_id, run, "minutes", "time")


@router.post("/{task_id}/submit", name="task.submit")
def submit(request: Request, session: SessionDep, identity: IdentityDep, task_id: int, form: FormDep):
    """Hand in the work: a note, and the file the task type asks for (a scan, a retouched image, a cleaned sound)."""
    settings = request.app.state.settings
    note = str(form.get("note", ""))
    upload = form.get("file")
    chosen = upload if isinstance(upload, UploadFile) and upload.filename else None

    def run(task: Task) -> None:
        needed = evidence.needs_upload(task.type)
        prepared = _prepared_file(request, session, task, identity.user, chosen) if needed else None
        with session.begin_nested():  # a file recorded for a submission that is refused is not kept
            result = _record(session, task, prepared) if prepared is not None else None
            review.submit(session, task, identity.user, note, sample=settings.task_review_sample, result=result)

    return _act(request, session, task_id, run, "submitted", "submit")


def _prepared_file(request: Request, session, task: Task, user, upload: UploadFile | None):
    """Check the uploaded file and store its original through app/media (no database work yet)."""
    if task.claimed_by_id != user.id:
        raise DomainError(_("Only the trainee holding this task can submit it."), status=409)
    if upload is None:
        raise DomainError(_("Choose the file to send first."), status=422)
    settings = request.app.state.settings
    release(session)  # the file is checked and decoded with no transaction open
    try:
        with uploads.received(upload, settings) as path:
            if task.type == "digitise":
                evidence.check_scan(path)
            prepared = media_service.prepare(path, settings, upload.filename)
    except RefusedFile as refused:
        raise DomainError(f"{upload.filename}: {refused}", status=422) from None
    evidence.check_kind(task.type, prepared.inspection.media_type)
    return prepared


def _record(session, task: Task, prepared) -> tuple[str, int]:
    """The file recorded as a media original of the task's item: the submission's evidence."""
    item = evidence.target_item(session, task)
    if item is None:
        raise DomainError(_("The item of this task no longer exists."), status=409)
    media = media_service.record(session, item, prepared)
    session.flush()
    return ("media", media.id)


@router.post("/{task_id}/review", name="task.review")
def review_task(request: Request, session: SessionDep, identity: IdentityDep, task_id: int, form: FormDep):
    """Approve the work, or send it back with a comment (never by the person who did it)."""
    approve = form.get("decision") == "approve"
    comment = str(form.get("comment", ""))
    done = "approved" if approve else "sent-back"
    return _act(
        request, session, task_id, lambda t: review.review(session, t, identity.user, approve, comment), done, "review"
    )


@router.post("/{task_id}/close", name="task.close")
def close(request: Request, session: SessionDep, task_id: int):
    """Withdraw the task from the board."""
    return _act(request, session, task_id, lambda t: service.close(session, t), "closed", "close")
