"""A programme cohort (name, dates, funders, supervisors) and a trainee's profile.

A trainee is an account with the curator role plus a `TraineeProfile`. The profile's personal and follow-up
fields (origin, gender, exit outcome and its note) are for supervisors and admins only: never in a public page,
the API, search or an export other than the funders' report's aggregates. `museum trainees forget NAME` empties
every personal field and sets `forgotten_at`; the row stays so that anonymous counts (hours, tasks, outcomes)
still add up.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base

if TYPE_CHECKING:
    from app.account.models import User

# Exit outcomes, as the funders count them: a job or a qualifying training is a positive outcome.
JOB, TRAINING, OTHER = "job", "training", "other"
OUTCOMES = (JOB, TRAINING, OTHER)
POSITIVE_OUTCOMES = (JOB, TRAINING)
# Where a trainee comes from, for the cross-border programme's report.
ORIGINS = ("FR", "LU")


class Cohort(Base):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    # The funders, one per entry (e.g. "Région Grand Est", "Fonds social européen").
    funders: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    supervisors: Mapped[list["User"]] = relationship(secondary="cohort_supervisors", lazy="raise")
    trainees: Mapped[list["TraineeProfile"]] = relationship(back_populates="cohort", lazy="raise")


class CohortSupervisor(Base):
    __tablename__ = "cohort_supervisors"

    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class TraineeProfile(Base):
    __tablename__ = "trainee_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Empty once the trainee has been forgotten (the account is erased too).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), unique=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    # The contract's weekly hours, against which supervisors read the hours logged.
    weekly_hours: Mapped[float] = mapped_column(default=35.0)
    # Languages the trainee works in (BCP 47 codes: "fr", "de", "lb", "en", "it"...).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The name shown on the public portfolio, if the trainee chooses one; never the login name.
    public_name: Mapped[str | None] = mapped_column(String(255))
    # The trainee's photo: a small JPEG without metadata, stored under its hash (app/trainee/photo.py).
    photo_path: Mapped[str | None] = mapped_column(String(200))
    # Marks the demo's fictional trainees, shown as examples wherever they appear.
    example: Mapped[bool] = mapped_column(default=False)
    # The portfolio's permanent public address: /portfolio/{portfolio_key}. Random, never derived from a name.
    portfolio_key: Mapped[str] = mapped_column(String(32), unique=True)
    # What the trainee has chosen to make public (nothing by default): section names and task ids.
    public_choices: Mapped[dict] = mapped_column(JSON, default=dict)

    # Personal and follow-up data: supervisors and admins only.
    origin: Mapped[str | None] = mapped_column(String(2))  # one of ORIGINS
    gender: Mapped[str | None] = mapped_column(String(20))  # only if the trainee chose to record it
    outcome: Mapped[str | None] = mapped_column(String(20))  # one of OUTCOMES
    outcome_on: Mapped[date | None]
    outcome_note: Mapped[str | None] = mapped_column(Text)

    forgotten_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped["User | None"] = relationship(lazy="raise")
    cohort: Mapped[Cohort] = relationship(back_populates="trainees", lazy="raise")
