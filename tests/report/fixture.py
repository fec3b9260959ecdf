"""A known programme to report on: two cohorts, their trainees (one forgotten), tasks, time, the catalog's
items, exhibits and residents' memories, and public visits, over the first half of 2026."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from app.contribution.models import APPROVED as MEMORY_APPROVED
from app.contribution.models import PENDING, Contribution
from app.report.models import SiteVisit
from app.revision.models import ItemRevision
from app.task.models import APPROVED, SUBMITTED, Task, TaskTime
from app.trainee.models import Cohort, TraineeProfile
from tests.factories import make_exhibit, make_item, make_user

START, END = date(2026, 1, 1), date(2026, 6, 30)
# 13 trainees: origins France 5, Luxembourg 4, not recorded 4; outcomes job 6, training 4, other 1, unknown 2.
ORIGINS = ["FR"] * 5 + ["LU"] * 4 + [None] * 4
OUTCOMES = ["job"] * 6 + ["training"] * 4 + ["other"] + [None] * 2


@dataclass
class Programme:
    founding: Cohort
    other: Cohort
    trainees: list[TraineeProfile]
    outsider: TraineeProfile


def at(day: str) -> datetime:
    return datetime.fromisoformat(day)


def cohort(session, slug: str, name: str, starts_on: date, ends_on: date) -> Cohort:
    row = Cohort(slug=slug, name=name, starts_on=starts_on, ends_on=ends_on, funders=["Région Grand Est", "FSE+"])
    session.add(row)
    session.flush()
    return row


def trainee(session, group: Cohort, origin=None, outcome=None, **fields) -> TraineeProfile:
    user = make_user(session, role="curator")
    values = {"starts_on": group.starts_on, "ends_on": group.ends_on, "portfolio_key": secrets.token_hex(16)}
    profile = TraineeProfile(user_id=user.id, cohort_id=group.id, origin=origin, outcome=outcome, **values | fields)
    session.add(profile)
    session.flush()
    return profile


def task(session, kind: str, doer: TraineeProfile | None, submitted: str, approved: str | None = None, **fields):
    row = Task(
        type=kind,
        title=f"{kind} task",
        state=APPROVED if approved else SUBMITTED,
        claimed_by_id=doer.user_id if doer else None,
        submitted_at=at(submitted),
        approved_at=at(approved) if approved else None,
        **fields,
    )
    session.add(row)
    session.flush()
    return row


def logged(session, row: Task, profile: TraineeProfile, day: str, minutes: int | None) -> None:
    session.add(
        TaskTime(task_id=row.id, user_id=profile.user_id, profile_id=profile.id, started_at=at(day), minutes=minutes)
    )
    session.flush()


def build(session, origins=ORIGINS, outcomes=OUTCOMES) -> Programme:
    founding = cohort(session, "action-fondatrice", "Action fondatrice", date(2026, 1, 5), date(2026, 6, 30))
    other = cohort(session, "deuxieme-action", "Deuxième action", date(2026, 3, 1), date(2026, 8, 31))
    trainees = [trainee(session, founding, o, r) for o, r in zip(origins, outcomes, strict=True)]
    outsider = trainee(session, other, "FR", "job")
    _forget(session, trainees[-1])
    _work(session, trainees, outsider)
    _museum(session)
    return Programme(founding, other, trainees, outsider)


def _forget(session, profile: TraineeProfile) -> None:
    """As `museum trainees forget` leaves it: no account, no personal data, the row and its time kept."""
    profile.user_id, profile.origin, profile.forgotten_at = None, None, at("2026-07-15")
    session.flush()


def _work(session, trainees: list[TraineeProfile], outsider: TraineeProfile) -> None:
    first, second, forgotten = trainees[0], trainees[1], trainees[-1]
    catalogued = [task(session, "catalogue_item", first, f"2026-0{m}-10", f"2026-0{m}-12") for m in (1, 2)]
    task(session, "catalogue_item", second, "2026-03-10")  # submitted, not yet approved
    task(session, "transcribe", second, "2026-02-01", "2026-02-03", start_seconds=600, end_seconds=900)
    task(session, "transcribe", first, "2026-04-01", "2026-04-02", start_seconds=0, end_seconds=420)
    translated = task(session, "translate", None, "2026-05-01", "2026-05-03")  # the forgotten trainee's
    task(session, "translate", first, "2025-12-01", "2025-12-20")  # before the period
    task(session, "translate", outsider, "2026-03-05", "2026-03-06")  # another cohort's
    logged(session, catalogued[0], first, "2026-01-10 09:00", 90)
    logged(session, catalogued[1], first, "2026-02-03 14:00", 150)
    logged(session, translated, forgotten, "2026-03-01 10:00", 60)
    logged(session, catalogued[1], first, "2026-03-02 10:00", None)  # a timer still running
    logged(session, catalogued[0], first, "2025-12-31 10:00", 45)  # before the period
    logged(session, translated, outsider, "2026-03-05 10:00", 120)  # another cohort's


def _museum(session) -> None:
    new = [make_item(session, created_at=at("2026-02-01")) for _ in range(2)]
    old = make_item(session, created_at=at("2025-11-01"))
    # Imported already published (no revision): published when created, in the period or before it.
    make_item(session, created_at=at("2026-03-10"), status="published")
    make_item(session, created_at=at("2025-10-01"), status="published")
    revisions = [
        (new[0], "publish", {"status": ["in_review", "published"]}, "2026-03-01"),
        (new[1], "create", {"status": [None, "published"]}, "2026-04-01"),
        (old, "update", {"titles": [{}, {"fr": "x"}]}, "2026-04-01"),  # already published: not a publication
        (old, "publish", {"status": ["in_review", "published"]}, "2025-11-02"),  # before the period
    ]
    for number, (item, action, changes, day) in enumerate(revisions, start=1):
        session.add(
            ItemRevision(
                item_id=item.id,
                number=number,
                action=action,
                status="published",
                changes=changes,
                snapshot={},
                created_at=at(day),
            )
        )
    make_exhibit(session, [new[0]], published_at=at("2026-05-01"))
    make_exhibit(session, [new[1]], published_at=at("2026-07-02"))  # after the period
    for created, status, decided in (
        ("2026-02-01", MEMORY_APPROVED, "2026-02-10"),
        ("2026-03-01", PENDING, None),
        ("2026-06-30 23:59", PENDING, None),
        ("2025-12-30", MEMORY_APPROVED, "2026-01-02"),  # received before, approved in the period
    ):
        _memory(session, created, status, decided)
    for day, section, count in (
        ("2026-01-10", "item", 40),
        ("2026-02-10", "exhibit", 25),
        ("2026-06-30", "item", 2),
        ("2026-07-01", "item", 100),
        ("2025-12-31", "home", 9),
    ):
        session.add(SiteVisit(day=date.fromisoformat(day), section=section, count=count))
    session.flush()


def _memory(session, created: str, status: str, decided: str | None) -> None:
    session.add(
        Contribution(
            token_hash=secrets.token_hex(32),
            idempotency_key=secrets.token_hex(16),
            status=status,
            story="Nous habitions la cité.",
            consent_version="2026-11",
            rights="CC BY 4.0",
            created_at=at(created),
            decided_at=at(decided) if decided else None,
        )
    )
