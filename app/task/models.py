"""Tasks on the board, the time trainees log on them, and the task types a supervisor trusts a trainee with.

A task is one piece of real work on the catalog (`target_kind`, `target_id`: an item, a media file, an interview,
a contribution, an exhibit). Tasks the catalog itself calls for carry a `need_key` ("alt_text:media:12"): the
proposer creates at most one live task per need, and closes it when the need is met some other way.

States: open -> claimed -> submitted -> approved, or sent back (to the trainee who did it, with a comment) and
then submitted again. A claim holds the task until `claim_expires_at`; past it the task is open again.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base

if TYPE_CHECKING:
    from app.account.models import User

OPEN, CLAIMED, SUBMITTED, APPROVED, SENT_BACK = "open", "claimed", "submitted", "approved", "sent_back"
# A task that is no longer needed (its need was met elsewhere, or a supervisor withdrew it): off the board.
CLOSED = "closed"
STATES = (OPEN, CLAIMED, SUBMITTED, APPROVED, SENT_BACK, CLOSED)
AUTOMATIC, MANUAL = "automatic", "manual"


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_state_type", "state", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str] = mapped_column(String(32))  # a key of app.task.types.TASK_TYPES
    state: Mapped[str] = mapped_column(String(20), default=OPEN)
    title: Mapped[str] = mapped_column(String(255))
    instructions: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(10), default=MANUAL)
    need_key: Mapped[str | None] = mapped_column(String(200), index=True)
    target_kind: Mapped[str | None] = mapped_column(String(20))
    target_id: Mapped[int | None]
    collection_id: Mapped[int | None] = mapped_column(ForeignKey("collections.id", ondelete="SET NULL"), index=True)
    language: Mapped[str | None] = mapped_column(String(8))  # the language the work is in (a translation's target)
    difficulty: Mapped[int] = mapped_column(default=1)  # 1 easy, 2 medium, 3 hard
    # A time range of a recording (transcribe, subtitle, index): seconds from its start.
    start_seconds: Mapped[int | None]
    end_seconds: Mapped[int | None]

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    claimed_at: Mapped[datetime | None]
    claim_expires_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    submission_note: Mapped[str] = mapped_column(Text, default="")
    # What the work produced, as evidence (e.g. a derivative's media id, a cue range): the task type says.
    result_kind: Mapped[str | None] = mapped_column(String(20))
    result_id: Mapped[int | None]
    # Whether this submission was picked for review (always, unless the doer is trusted for the type).
    sampled: Mapped[bool | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    reviewed_at: Mapped[datetime | None]
    review_comment: Mapped[str] = mapped_column(Text, default="")
    approved_at: Mapped[datetime | None] = mapped_column(index=True)
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    claimed_by: Mapped["User | None"] = relationship(foreign_keys=[claimed_by_id], lazy="raise")
    reviewed_by: Mapped["User | None"] = relationship(foreign_keys=[reviewed_by_id], lazy="raise")
    times: Mapped[list["TaskTime"]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="TaskTime.started_at", lazy="raise"
    )


class TaskTime(Base):
    """Time a trainee spent on a task: a running timer (`minutes` empty until stopped) or minutes entered."""

    __tablename__ = "task_times"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The trainee's profile, kept when the account is forgotten so that hours still count anonymously.
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("trainee_profiles.id", ondelete="SET NULL"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    minutes: Mapped[int | None]
    entered: Mapped[bool] = mapped_column(default=False)  # typed in rather than timed

    task: Mapped[Task] = relationship(back_populates="times", lazy="raise")


class TaskTrust(Base):
    """A supervisor trusts a trainee with a task type: their submissions of it are only reviewed by sample."""

    __tablename__ = "task_trusts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    type: Mapped[str] = mapped_column(String(32), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)


class CompetenceMapping(Base):
    """A competence mapping a supervisor adjusted (TOML text): the newest one is used; older ones are kept."""

    __tablename__ = "task_competence_mappings"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    saved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
