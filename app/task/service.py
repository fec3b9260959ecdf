"""The task board's records: create, find, list and withdraw tasks; where the work of each is done."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.contribution.models import Contribution
from app.errors import DomainError
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.item.models import Item
from app.media.models import Media
from app.task.claims import claimable
from app.task.models import APPROVED, CLAIMED, CLOSED, MANUAL, OPEN, SENT_BACK, STATES, SUBMITTED, Task
from app.task.types import TASK_TYPES

STATE_LABELS = {
    OPEN: _l("Open"),
    CLAIMED: _l("Claimed"),
    SUBMITTED: _l("Submitted"),
    APPROVED: _l("Approved"),
    SENT_BACK: _l("Sent back"),
    CLOSED: _l("Closed"),
}
BOARD_STATES = (OPEN, CLAIMED, SUBMITTED, SENT_BACK, APPROVED)
DIFFICULTIES = {1: _l("Easy"), 2: _l("Medium"), 3: _l("Hard")}
BOARD_LIMIT = 500


@dataclass
class Filters:
    type: str = ""
    collection: int | None = None
    language: str = ""
    difficulty: int | None = None
    state: str = ""


@dataclass
class Link:
    """Where the work of a task is done: a route, its parameters and a place in the page."""

    route: str
    params: dict = field(default_factory=dict)
    fragment: str = ""


def get(session: Session, task_id: int) -> Task | None:
    """The task, with its doer and reviewer."""
    query = (
        select(Task).where(Task.id == task_id).options(selectinload(Task.claimed_by), selectinload(Task.reviewed_by))
    )
    return session.scalar(query)


def get_or_404(session: Session, task_id: int) -> Task:
    task = get(session, task_id)
    if task is None:
        raise DomainError(_("There is no such task."), status=404)
    return task


def create(session: Session, values: dict, user) -> Task:
    """A task a supervisor asks for (checked values: see app/task/forms.py)."""
    task = Task(origin=MANUAL, created_by_id=user.id if user is not None else None, **values)
    session.add(task)
    session.flush()
    return task


def close(session: Session, task: Task, now: datetime | None = None) -> None:
    """Withdraw a task from the board (not once approved: that work is done and credited)."""
    if task.state in (APPROVED, CLOSED):
        raise DomainError(_("This task is already done or closed."), status=409)
    task.state, task.closed_at = CLOSED, now or utcnow()
    task.claim_expires_at = None
    session.flush()


def state_of(task: Task, now: datetime | None = None) -> str:
    """The state the board shows: a claim that ran out is open again."""
    now = now or utcnow()
    if task.state == CLAIMED and task.claim_expires_at is not None and task.claim_expires_at < now:
        return OPEN
    return task.state


def board(session: Session, filters: Filters, now: datetime | None = None) -> dict[str, dict[str, list[Task]]]:
    """The tasks matching `filters`, by type then by state (closed ones only when asked for)."""
    now = now or utcnow()
    query = select(Task).options(selectinload(Task.claimed_by)).order_by(Task.difficulty, Task.created_at, Task.id)
    query = _filtered(query, filters, now).limit(BOARD_LIMIT)
    grouped: dict[str, dict[str, list[Task]]] = {}
    for task in session.scalars(query):
        grouped.setdefault(task.type, {}).setdefault(state_of(task, now), []).append(task)
    return {key: {s: grouped[key][s] for s in STATES if s in grouped[key]} for key in TASK_TYPES if key in grouped}


def _filtered(query, filters: Filters, now: datetime):
    if filters.type:
        query = query.where(Task.type == filters.type)
    if filters.collection is not None:
        query = query.where(Task.collection_id == filters.collection)
    if filters.language:
        query = query.where(Task.language == filters.language)
    if filters.difficulty is not None:
        query = query.where(Task.difficulty == filters.difficulty)
    if filters.state == OPEN:
        return query.where(claimable(now))
    if filters.state == CLAIMED:
        return query.where(Task.state == CLAIMED, Task.claim_expires_at >= now)
    if filters.state in STATES:
        return query.where(Task.state == filters.state)
    return query.where(Task.state != CLOSED)


def mine(session: Session, user) -> list[Task]:
    """The tasks this user holds or did, the sent-back ones first, then the newest."""
    query = (
        select(Task)
        .where(Task.claimed_by_id == user.id, Task.state != CLOSED)
        .order_by((Task.state == SENT_BACK).desc(), Task.updated_at.desc(), Task.id.desc())
    )
    return list(session.scalars(query))


def work_link(session: Session, task: Task) -> Link | None:
    """Where the work of this task is done, in the existing editors; None when its target is gone."""
    kind = task.target_kind
    if task.target_id is None or kind is None:
        return None
    if kind == "item":
        identifier = session.scalar(select(Item.identifier).where(Item.id == task.target_id))
        return Link("workspace.item_edit", {"identifier": identifier}) if identifier else None
    if kind == "media":
        identifier = session.scalar(select(Item.identifier).join(Media).where(Media.id == task.target_id))
        return Link("workspace.item_edit", {"identifier": identifier}, "media-title") if identifier else None
    if kind == "interview":
        return _interview_link(session, task)
    if kind == "contribution":
        found = session.scalar(select(Contribution.id).where(Contribution.id == task.target_id))
        return Link("contribution.review", {"contribution_id": found}) if found else None
    if kind == "exhibit":
        slug = session.scalar(select(Exhibit.slug).where(Exhibit.id == task.target_id))
        return Link("workspace.exhibit_edit", {"slug": slug}) if slug else None
    return None


def _interview_link(session: Session, task: Task) -> Link | None:
    identifier = session.scalar(select(Item.identifier).where(Item.id == task.target_id))
    if identifier is None:
        return None
    route = "workspace.index" if task.type == "index_segment" else "workspace.transcript"
    return Link(route, {"identifier": identifier}, f"t={task.start_seconds or 0}")


def target_label(session: Session, task: Task) -> str:
    """A short name of what the task works on."""
    if task.target_kind in ("item", "interview") and task.target_id is not None:
        return session.scalar(select(Item.identifier).where(Item.id == task.target_id)) or ""
    if task.target_kind == "media" and task.target_id is not None:
        return session.scalar(select(Item.identifier).join(Media).where(Media.id == task.target_id)) or ""
    return f"{task.target_kind} {task.target_id}" if task.target_kind else ""
