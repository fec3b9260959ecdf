"""A trainee's portfolio: their approved work, counts and hours by task type, the competences it shows with
their evidence, and the reviewers' comments; and what of it the trainee made public.

`TraineeProfile.public_choices` (nothing is public by default; `{}` means private) has this shape:

    {"public": true,                      # publish the page /portfolio/{portfolio_key}
     "sections": ["photo", "work", "hours", "competences", "comments"],  # which it shows (any of SECTIONS)
     "hidden": [12, 15],                  # approved tasks the trainee unticked: never listed in public
     "indexed": false}                    # let search engines index the page (default off: noindex)

Whatever is chosen, the public page only titles and links work whose record the public may see (a published
item or exhibit); other work is counted, never named. It never shows personal or follow-up data.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.account.models import User
from app.portfolio import records
from app.portfolio.records import Record
from app.task import competences as competence_mapping
from app.task.competences import Competence, CompetenceMap, Framework
from app.task.models import APPROVED, Task, TaskTime
from app.task.types import TASK_TYPES
from app.trainee.models import TraineeProfile

WORK, HOURS, COMPETENCES, COMMENTS, PHOTO = "work", "hours", "competences", "comments", "photo"
SECTIONS = (PHOTO, WORK, HOURS, COMPETENCES, COMMENTS)
# Task types whose work is a time range of a recording: the portfolio adds up the minutes worked on.
RANGE_TYPES = ("transcribe", "subtitle", "index_segment")


@dataclass(frozen=True)
class Choices:
    public: bool = False
    sections: tuple[str, ...] = ()
    hidden: frozenset[int] = frozenset()
    indexed: bool = False

    def shows(self, section: str) -> bool:
        return self.public and section in self.sections

    def as_json(self) -> dict:
        """The shape stored in `TraineeProfile.public_choices`."""
        hidden = sorted(self.hidden)
        return {"public": self.public, "sections": list(self.sections), "hidden": hidden, "indexed": self.indexed}


@dataclass(frozen=True)
class Work:
    task_id: int
    type: str
    label: str
    title: str  # the task's own title: private pages only
    record: Record | None
    approved_at: datetime | None
    comment: str
    reviewer: str | None
    range_minutes: float = 0.0
    hidden: bool = False

    @property
    def public(self) -> bool:
        """Whether the public may see this work's record (and so its title and link)."""
        return self.record is not None and self.record.public and not self.hidden


@dataclass(frozen=True)
class TypeSummary:
    key: str
    label: str
    measure: str
    count: int
    minutes_logged: int
    range_minutes: float

    @property
    def hours(self) -> float:
        return round(self.minutes_logged / 60, 1)


@dataclass(frozen=True)
class Evidence:
    competence: Competence
    framework: Framework
    works: list[Work]
    count: int  # approved tasks showing it, listed or not


@dataclass
class Portfolio:
    profile: TraineeProfile
    works: list[Work]
    types: list[TypeSummary]
    competences: list[Evidence]
    choices: Choices
    public_view: bool = False
    sections: tuple[str, ...] = SECTIONS
    groups: dict[str, list[Work]] = field(default_factory=dict)

    @property
    def comments(self) -> list[Work]:
        return [work for work in self.works if work.comment]

    @property
    def total_hours(self) -> float:
        return round(sum(summary.minutes_logged for summary in self.types) / 60, 1)

    @property
    def range_minutes(self) -> float:
        return round(sum(summary.range_minutes for summary in self.types), 1)


def competence_map(session: Session) -> CompetenceMap:
    """The competence mapping in force: the one supervisors adjusted, else the shipped default."""
    return competence_mapping.current(session)


def choices_of(profile: TraineeProfile) -> Choices:
    """The trainee's public choices, read defensively (anything unexpected counts as not chosen)."""
    data = profile.public_choices if isinstance(profile.public_choices, dict) else {}
    sections = tuple(s for s in SECTIONS if s in (data.get("sections") or ()))
    hidden = frozenset(n for n in (data.get("hidden") or ()) if isinstance(n, int))
    return Choices(data.get("public") is True, sections, hidden, data.get("indexed") is True)


def save_choices(profile: TraineeProfile, choices: Choices) -> None:
    """Store the trainee's public choices."""
    profile.public_choices = choices.as_json()


def profile_of_user(session: Session, user_id: int) -> TraineeProfile | None:
    """The trainee profile of an account, if it has one."""
    return session.scalar(select(TraineeProfile).where(TraineeProfile.user_id == user_id))


def by_key(session: Session, key: str) -> TraineeProfile | None:
    """The profile whose public key this is, unless forgotten."""
    profile = session.scalar(select(TraineeProfile).where(TraineeProfile.portfolio_key == key))
    return None if profile is None or profile.forgotten_at is not None or profile.user_id is None else profile


def is_public(profile: TraineeProfile) -> bool:
    """Whether the trainee published their portfolio page (and is still known)."""
    return profile.forgotten_at is None and profile.user_id is not None and choices_of(profile).public


def build(session: Session, profile: TraineeProfile) -> Portfolio:
    """Everything of the trainee's portfolio, as the trainee and supervisors see it."""
    tasks = _approved_tasks(session, profile)
    found = records.resolve(session, tasks)
    choices = choices_of(profile)
    works = [_work(task, found.get(task.id), choices) for task in tasks]
    minutes = _minutes_logged(session, profile, [task.id for task in tasks])
    portfolio = Portfolio(profile, works, _types(works, minutes), _evidence(session, works), choices)
    portfolio.groups = _groups(works)
    return portfolio


def public(portfolio: Portfolio) -> Portfolio:
    """Only what the trainee chose to show, and only work whose record is public: the rest is counted only."""
    choices = portfolio.choices
    shown = [work for work in portfolio.works if work.public]
    evidence = [replace(e, works=[w for w in e.works if w.public]) for e in portfolio.competences]
    result = replace(portfolio, works=shown, competences=evidence, public_view=True)
    result.sections = tuple(section for section in SECTIONS if choices.shows(section))
    result.groups = _groups(shown)
    return result


def _approved_tasks(session: Session, profile: TraineeProfile) -> list[Task]:
    if profile.user_id is None:
        return []
    query = (
        select(Task)
        .where(Task.state == APPROVED, Task.claimed_by_id == profile.user_id)
        .options(selectinload(Task.reviewed_by))
        .order_by(Task.approved_at.desc(), Task.id.desc())
    )
    return list(session.scalars(query))


def _work(task: Task, record: Record | None, choices: Choices) -> Work:
    kind = TASK_TYPES.get(task.type)
    reviewer: User | None = task.reviewed_by
    spans = task.type in RANGE_TYPES and task.start_seconds is not None and task.end_seconds is not None
    span = max((task.end_seconds or 0) - (task.start_seconds or 0), 0) / 60 if spans else 0.0
    return Work(
        task_id=task.id,
        type=task.type,
        label=str(kind.label) if kind else task.type,
        title=task.title,
        record=record,
        approved_at=task.approved_at,
        comment=(task.review_comment or "").strip(),
        reviewer=reviewer.display_name if reviewer is not None else None,
        range_minutes=span,
        hidden=task.id in choices.hidden,
    )


def _minutes_logged(session: Session, profile: TraineeProfile, task_ids: list[int]) -> dict[int, int]:
    """Minutes the trainee logged on each of these tasks (running timers not counted)."""
    if not task_ids:
        return {}
    mine = or_(TaskTime.profile_id == profile.id, TaskTime.user_id == profile.user_id)
    query = (
        select(TaskTime.task_id, func.coalesce(func.sum(TaskTime.minutes), 0))
        .where(TaskTime.task_id.in_(task_ids), mine, TaskTime.minutes.is_not(None))
        .group_by(TaskTime.task_id)
    )
    return {task_id: int(total or 0) for task_id, total in session.execute(query)}


def _types(works: list[Work], minutes: dict[int, int]) -> list[TypeSummary]:
    by_type: dict[str, list[Work]] = defaultdict(list)
    for work in works:
        by_type[work.type].append(work)
    summaries = []
    for key in [k for k in TASK_TYPES if k in by_type] + sorted(set(by_type) - set(TASK_TYPES)):
        group, kind = by_type[key], TASK_TYPES.get(key)
        logged = sum(minutes.get(work.task_id, 0) for work in group)
        span = round(sum(work.range_minutes for work in group), 1)
        label, measure = group[0].label, kind.measure if kind else "tasks"
        summaries.append(TypeSummary(key, label, measure, len(group), logged, span))
    return summaries


def _groups(works: list[Work]) -> dict[str, list[Work]]:
    groups: dict[str, list[Work]] = defaultdict(list)
    for work in works:
        groups[work.type].append(work)
    return dict(groups)


def _evidence(session: Session, works: list[Work]) -> list[Evidence]:
    mapping = competence_map(session)
    shown: dict[str, list[Work]] = {}
    for work in works:
        for competence in mapping.of(work.type):
            shown.setdefault(competence.id, []).append(work)
    ordered = [key for key in mapping.competences if key in shown]
    return [_one_evidence(mapping, key, shown[key]) for key in ordered]


def _one_evidence(mapping: CompetenceMap, key: str, works: list[Work]) -> Evidence:
    competence = mapping.competences[key]
    return Evidence(competence, mapping.frameworks[competence.framework], works, len(works))
