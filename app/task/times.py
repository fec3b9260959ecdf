"""Time trainees log on tasks (a timer, or minutes typed in), and their hours per ISO week against the contract."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.clock import utcnow
from app.errors import DomainError
from app.i18n import gettext as _
from app.task.models import Task, TaskTime
from app.trainee.models import TraineeProfile

MAX_MINUTES = 600


@dataclass(frozen=True)
class WeekHours:
    profile: TraineeProfile
    name: str
    hours: float
    weekly_hours: float

    @property
    def share(self) -> int:
        """Hours logged as a percentage of the contract's weekly hours."""
        return round(100 * self.hours / self.weekly_hours) if self.weekly_hours else 0


def running(session: Session, user) -> TaskTime | None:
    """The user's running timer, if any."""
    query = select(TaskTime).where(TaskTime.user_id == user.id, TaskTime.minutes.is_(None))
    return session.scalars(query.order_by(TaskTime.started_at.desc())).first()


def start(session: Session, task: Task, user, now: datetime | None = None) -> TaskTime:
    """Start a timer on the task, stopping the one running on another task (one timer per person)."""
    now = now or utcnow()
    stop(session, user, now)
    entry = TaskTime(task_id=task.id, user_id=user.id, profile_id=_profile_id(session, user), started_at=now)
    session.add(entry)
    session.flush()
    return entry


def stop(session: Session, user, now: datetime | None = None) -> TaskTime | None:
    """Stop the user's running timer (at least one minute is counted); None when none runs."""
    entry = running(session, user)
    if entry is not None:
        seconds = ((now or utcnow()) - entry.started_at).total_seconds()
        entry.minutes = min(MAX_MINUTES, max(1, round(seconds / 60)))
        session.flush()
    return entry


def enter(session: Session, task: Task, user, minutes: int, day: date | None = None) -> TaskTime:
    """Log minutes typed in (1 to 600) on the task, on `day` (today by default)."""
    if not 1 <= minutes <= MAX_MINUTES:
        raise DomainError(_("Enter between 1 and {limit} minutes.").format(limit=MAX_MINUTES), status=422)
    started = datetime.combine(day, datetime.min.time()) if day else utcnow()
    entry = TaskTime(
        task_id=task.id, user_id=user.id, profile_id=_profile_id(session, user), started_at=started, minutes=minutes
    )
    session.add(entry)
    session.flush()
    return entry


def _profile_id(session: Session, user) -> int | None:
    return session.scalar(select(TraineeProfile.id).where(TraineeProfile.user_id == user.id))


def of_task(session: Session, task: Task) -> list[TaskTime]:
    return list(session.scalars(select(TaskTime).where(TaskTime.task_id == task.id).order_by(TaskTime.started_at)))


def parse_week(text: str) -> date | None:
    """The Monday of an ISO week written "2026-W49"; None when it is not one."""
    try:
        return datetime.strptime(f"{text.strip()}-1", "%G-W%V-%u").date()
    except ValueError:
        return None


def week_of(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_hours(session: Session, cohort_id: int, monday: date) -> list[WeekHours]:
    """Every trainee of the cohort with the hours logged in the week starting `monday` (timers stopped)."""
    start = datetime.combine(monday, datetime.min.time())
    minutes = (
        select(TaskTime.profile_id, func.sum(TaskTime.minutes))
        .where(TaskTime.started_at >= start, TaskTime.started_at < start + timedelta(days=7))
        .group_by(TaskTime.profile_id)
    )
    logged = {profile_id: total or 0 for profile_id, total in session.execute(minutes)}
    query = select(TraineeProfile).where(TraineeProfile.cohort_id == cohort_id).order_by(TraineeProfile.id)
    rows = []
    for profile in session.scalars(query.options(selectinload(TraineeProfile.user))):
        name = (profile.user.display_name if profile.user else profile.public_name) or _("Trainee {number}").format(
            number=profile.id
        )
        rows.append(WeekHours(profile, name, round(logged.get(profile.id, 0) / 60, 2), profile.weekly_hours))
    return rows
