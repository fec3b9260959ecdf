"""The funders' report: what a cohort of trainees did in a period, what the museum gained, and where they went.

Only aggregates: never a trainee's name, outcome note, origin or gender. Counts of people under `SMALL` are
shown as "< 5" (and their percentages hidden), so that no one can be singled out; activity counts (tasks,
items, minutes, visits) are shown as they are. Forgotten trainees still count, anonymously: their profile
rows stay, and so does the time they logged (`TaskTime.profile_id`).

Which trainees: those of the cohort (of every cohort, without one) whose contract overlaps the period. Their
work: tasks they claimed or logged time on, submitted or approved in the period. The museum's own figures
(items created and published, exhibits, residents' memories, visits) are the whole site's in the period: an item
counts as published when a revision in the period made it so; an exhibit by its last publication's date.

Positive outcomes: of the trainees who have left (their contract ended on or before the period's last day, or
an exit outcome is recorded), the share whose outcome is a job or a qualifying training. The founding action's
"77 % positive outcomes" is this figure.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.contribution.models import APPROVED as CONTRIBUTION_APPROVED
from app.contribution.models import Contribution
from app.exhibit.models import Exhibit
from app.i18n import gettext as _
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.report.models import SiteVisit
from app.revision.models import ItemRevision
from app.task.models import APPROVED, Task, TaskTime
from app.task.types import TASK_TYPES
from app.trainee.models import OUTCOMES, POSITIVE_OUTCOMES, Cohort, TraineeProfile

FIRST_YEAR, LAST_YEAR, MAX_DAYS = 1900, 2999, 20 * 366  # a period a report can cover
SMALL = 5  # counts of people under this are shown as "< 5"
HIDDEN = "< 5"
UNKNOWN = "unknown"
NOT_RECORDED = "not_recorded"


class ReportError(ValueError):
    """The period or cohort asked for cannot make a report (the message says why, in the reader's words)."""


@dataclass
class TaskCount:
    type: str
    label: str
    done: int  # submitted in the period
    approved: int  # approved in the period


@dataclass
class Report:
    cohort: Cohort | None
    start: date
    end: date
    trainees: int = 0
    minutes_logged: int = 0
    hours_by_month: list[tuple[str, float]] = field(default_factory=list)
    origins: dict[str, int] = field(default_factory=dict)  # "FR", "LU", "not_recorded"
    genders: dict[str, int] | None = None  # None: nobody recorded one, and the line is left out
    tasks: list[TaskCount] = field(default_factory=list)
    items_catalogued: int = 0
    items_created: int = 0
    items_published: int = 0
    minutes_transcribed: int = 0
    translations: int = 0
    exhibits_published: int = 0
    memories_received: int = 0
    memories_approved: int = 0
    visits: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)  # job, training, other, unknown
    left: int = 0
    positive: int = 0

    @property
    def hours(self) -> float:
        return round(self.minutes_logged / 60, 1)

    @property
    def visits_total(self) -> int:
        return sum(self.visits.values())

    @property
    def positive_rate(self) -> int | None:
        """Positive outcomes over trainees who have left, in whole percent (None when none has left)."""
        return round(100 * self.positive / self.left) if self.left else None


def default_period(session: Session, cohort_id: int | None, today: date) -> tuple[date, date]:
    """The cohort's dates (until today while it runs), else the last 12 months."""
    cohort = session.get(Cohort, cohort_id) if cohort_id is not None else None
    if cohort is None:
        return today - timedelta(days=364), today
    return cohort.starts_on, min(cohort.ends_on or today, max(today, cohort.starts_on))


def cohorts(session: Session) -> list[Cohort]:
    """Every cohort, the newest first: the report's choices."""
    return list(session.scalars(select(Cohort).order_by(Cohort.starts_on.desc(), Cohort.name)))


def report(session: Session, cohort_id: int | None, start: date, end: date) -> Report:
    """The report of a cohort (of every cohort with None) over the days from `start` to `end`, both included."""
    if start > end:
        raise ReportError(_("The period's first day must not be after its last day."))
    if start.year < FIRST_YEAR or end.year > LAST_YEAR or (end - start).days > MAX_DAYS:
        raise ReportError(_("Choose dates between 1900 and 2999, at most 20 years apart."))
    cohort = session.get(Cohort, cohort_id) if cohort_id is not None else None
    if cohort_id is not None and cohort is None:
        raise ReportError(_("There is no such cohort."))
    result = Report(cohort=cohort, start=start, end=end)
    profiles = _profiles(session, cohort_id, start, end)
    _people(result, profiles)
    _time(session, result, [p.id for p in profiles], cohort_id is None)
    _work(session, result, profiles, cohort_id is None)
    _museum(session, result)
    return result


def _bounds(report: Report) -> tuple[datetime, datetime]:
    return datetime.combine(report.start, time.min), datetime.combine(report.end + timedelta(days=1), time.min)


def _within(column, report: Report) -> ColumnElement[bool]:
    low, high = _bounds(report)
    return (column >= low) & (column < high)


def _profiles(session: Session, cohort_id: int | None, start: date, end: date) -> list[TraineeProfile]:
    query = select(TraineeProfile).where(
        TraineeProfile.starts_on <= end, or_(TraineeProfile.ends_on.is_(None), TraineeProfile.ends_on >= start)
    )
    if cohort_id is not None:
        query = query.where(TraineeProfile.cohort_id == cohort_id)
    return list(session.scalars(query))


def _people(report: Report, profiles: list[TraineeProfile]) -> None:
    report.trainees = len(profiles)
    origins = Counter(p.origin if p.origin in ("FR", "LU") else NOT_RECORDED for p in profiles)
    report.origins = {key: origins[key] for key in ("FR", "LU", NOT_RECORDED)}
    genders = Counter(p.gender for p in profiles if p.gender)
    report.genders = dict(sorted(genders.items())) if genders else None
    outcomes = Counter(p.outcome if p.outcome in OUTCOMES else UNKNOWN for p in profiles)
    report.outcomes = {key: outcomes[key] for key in (*OUTCOMES, UNKNOWN)}
    report.left = sum(1 for p in profiles if p.outcome or (p.ends_on is not None and p.ends_on <= report.end))
    report.positive = sum(1 for p in profiles if p.outcome in POSITIVE_OUTCOMES)


def _time(session: Session, report: Report, profile_ids: list[int], everyone: bool) -> None:
    query = select(TaskTime.started_at, TaskTime.minutes).where(
        TaskTime.minutes.is_not(None), _within(TaskTime.started_at, report)
    )
    query = query.where(TaskTime.profile_id.is_not(None) if everyone else TaskTime.profile_id.in_(profile_ids))
    months: Counter[str] = Counter()
    for started_at, minutes in session.execute(query):
        months[started_at.strftime("%Y-%m")] += minutes or 0
    report.minutes_logged = sum(months.values())
    report.hours_by_month = [(month, round(months[month] / 60, 1)) for month in _months(report.start, report.end)]


def _months(start: date, end: date) -> list[str]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day.strftime("%Y-%m"))
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _theirs(profiles: list[TraineeProfile], everyone: bool) -> ColumnElement[bool]:
    """Tasks of these trainees: claimed by one of them, or with time one of them logged (kept once forgotten)."""
    if everyone:
        return Task.id.is_not(None)
    users = [p.user_id for p in profiles if p.user_id is not None]
    logged = select(TaskTime.task_id).where(TaskTime.profile_id.in_([p.id for p in profiles]))
    return or_(Task.claimed_by_id.in_(users), Task.id.in_(logged))


def _work(session: Session, report: Report, profiles: list[TraineeProfile], everyone: bool) -> None:
    theirs = _theirs(profiles, everyone)
    done = _by_type(session, theirs & _within(Task.submitted_at, report))
    approved_where = theirs & (Task.state == APPROVED) & _within(Task.approved_at, report)
    approved = _by_type(session, approved_where)
    report.tasks = [
        TaskCount(key, str(kind.label), done[key], approved[key])
        for key, kind in TASK_TYPES.items()
        if done[key] or approved[key]
    ]
    report.items_catalogued = approved["catalogue_item"]
    report.translations = approved["translate"]
    seconds = func.coalesce(func.sum(Task.end_seconds - Task.start_seconds), 0)
    transcribed = session.scalar(select(seconds).where(approved_where, Task.type == "transcribe"))
    report.minutes_transcribed = round(int(transcribed or 0) / 60)


def _by_type(session: Session, where: ColumnElement[bool]) -> Counter[str]:
    query = select(Task.type, func.count()).where(where).group_by(Task.type)
    return Counter({kind: count for kind, count in session.execute(query)})


def _museum(session: Session, report: Report) -> None:
    count = func.count()
    report.items_created = session.scalar(select(count).where(_within(Item.created_at, report))) or 0
    report.items_published = _items_published(session, report)
    report.exhibits_published = session.scalar(select(count).where(_within(Exhibit.published_at, report))) or 0
    report.memories_received = session.scalar(select(count).where(_within(Contribution.created_at, report))) or 0
    approved = (Contribution.status == CONTRIBUTION_APPROVED) & _within(Contribution.decided_at, report)
    report.memories_approved = session.scalar(select(count).where(approved)) or 0
    visits = select(SiteVisit.section, func.sum(SiteVisit.count)).where(
        SiteVisit.day >= report.start, SiteVisit.day <= report.end
    )
    report.visits = {section: int(n) for section, n in session.execute(visits.group_by(SiteVisit.section))}


def _items_published(session: Session, report: Report) -> int:
    """Items whose status became "published" in the period (published through the workflow, or created so)."""
    query = select(ItemRevision.item_id, ItemRevision.action, ItemRevision.changes).where(
        ItemRevision.status == PUBLISHED, _within(ItemRevision.created_at, report)
    )
    rows = session.execute(query)
    published = {item_id for item_id, action, changes in rows if action == "publish" or "status" in (changes or {})}
    # Items imported already published (an import writes no revision) were published when they were created.
    revised = select(ItemRevision.item_id).where(ItemRevision.item_id == Item.id).exists()
    imported = select(Item.id).where(Item.status == PUBLISHED, _within(Item.created_at, report), ~revised)
    return len(published | set(session.scalars(imported)))
