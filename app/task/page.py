"""What the task pages show: the detail page's context (its history, links, forms) and the board's filters."""

from dataclasses import dataclass
from datetime import datetime

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.account.roles import REVIEWERS
from app.clock import utcnow
from app.collection.models import Collection
from app.config import CONTENT_LANGUAGES
from app.i18n import gettext as _
from app.task import competences, evidence, service, times
from app.task.models import APPROVED, CLAIMED, SENT_BACK, SUBMITTED, Task
from app.task.review import trusted
from app.task.service import DIFFICULTIES, STATE_LABELS
from app.task.types import TASK_TYPES
from app.web.render import render


@dataclass(frozen=True)
class Event:
    when: datetime
    what: str
    comment: str = ""


def common() -> dict:
    """What every task page shows: the type and state names, the difficulties."""
    return {"types": TASK_TYPES, "state_labels": STATE_LABELS, "difficulties": DIFFICULTIES}


def filters_from(params) -> service.Filters:
    """The board's filters from the query string; anything unknown is ignored."""
    collection = params.get("collection", "")
    difficulty = params.get("difficulty", "")
    return service.Filters(
        type=params.get("type", "") if params.get("type", "") in TASK_TYPES else "",
        collection=int(collection) if collection.isdigit() and len(collection) < 10 else None,
        language=params.get("language", "") if params.get("language", "") in CONTENT_LANGUAGES else "",
        difficulty=int(difficulty) if difficulty in ("1", "2", "3") else None,
        state=params.get("state", "") if params.get("state", "") in STATE_LABELS else "",
    )


def collections(session: Session) -> list[tuple[int, str]]:
    rows = session.execute(select(Collection.id, Collection.slug, Collection.titles, Collection.language))
    return [(cid, titles.get(lang) or slug) for cid, slug, titles, lang in rows]


def detail(request: Request, session: Session, task: Task, errors: dict | None = None, status: int = 200):
    """The task page: what to do, where, its claim, time, submission, review and history."""
    user, now = request.state.user, utcnow()
    context = common() | {
        "task": task,
        "state": service.state_of(task, now),
        "link": service.work_link(session, task),
        "target": service.target_label(session, task),
        "holder": user is not None and task.claimed_by_id == user.id and task.state in (CLAIMED, SENT_BACK),
        "reviewer": user is not None and user.role in REVIEWERS and user.id != task.claimed_by_id,
        "running": times.running(session, user) if user else None,
        "times": times.of_task(session, task),
        "upload": evidence.needs_upload(task.type),
        "min_scan": evidence.MIN_SCAN_LONG_SIDE,
        "shown": competences.current(session).of(task.type),
        "history": history(task),
        "trusted": user is not None and trusted(session, user.id, task.type),
        "errors": errors or {},
        "done": request.query_params.get("done", ""),
        "now": now,
    }
    return render(request, "tasks/detail.html", context, status_code=status)


def history(task: Task) -> list[Event]:
    """What happened to the task, in order (the latest review only: a new review replaces the comment)."""
    doer = task.claimed_by.display_name if task.claimed_by else ""
    events = [Event(task.created_at, _("Put on the board"))]
    if task.claimed_at:
        events.append(Event(task.claimed_at, _("Claimed by {name}").format(name=doer)))
    if task.submitted_at:
        events.append(Event(task.submitted_at, _("Submitted by {name}").format(name=doer), task.submission_note))
    if task.reviewed_at and task.state in (APPROVED, SENT_BACK, SUBMITTED):
        reviewer = task.reviewed_by.display_name if task.reviewed_by else ""
        what = _("Approved by {name}") if task.approved_at else _("Sent back by {name}")
        events.append(Event(task.reviewed_at, what.format(name=reviewer), task.review_comment))
    elif task.approved_at:
        events.append(Event(task.approved_at, _("Approved on submission (trusted, not drawn for review)")))
    if task.closed_at:
        events.append(Event(task.closed_at, _("Closed")))
    return sorted(events, key=lambda e: e.when)
