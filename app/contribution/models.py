"""A resident's contribution (a memory, its photos and recording) waiting for, or past, moderation."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base

if TYPE_CHECKING:
    from app.account.models import User
    from app.item.models import Item
    from app.place.models import Place

PENDING, APPROVED, REJECTED, WITHDRAWN = "pending", "approved", "rejected", "withdrawn"
# The team asked the resident for more information: the resident edits and sends it again (back to PENDING).
NEEDS_INFO = "needs_info"
STATUSES = (PENDING, NEEDS_INFO, APPROVED, REJECTED, WITHDRAWN)
# How the resident is credited: under the name given, under a pseudonym, or not at all.
NAMED, PSEUDONYM, ANONYMOUS = "name", "pseudonym", "anonymous"
CREDIT_CHOICES = (NAMED, PSEUDONYM, ANONYMOUS)


class Contribution(Base):
    __tablename__ = "contributions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the secret in the resident's private status link; the link itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING, index=True)
    title: Mapped[str | None] = mapped_column(String(255))
    story: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="fr")
    date_text: Mapped[str | None] = mapped_column(String(255))
    date_earliest: Mapped[int | None] = mapped_column(Integer)
    date_latest: Mapped[int | None] = mapped_column(Integer)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"), index=True)
    place_text: Mapped[str | None] = mapped_column(String(255))
    target_item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), index=True)
    credit_choice: Mapped[str] = mapped_column(String(20), default=ANONYMOUS)
    display_name: Mapped[str | None] = mapped_column(String(255))
    # Private: shown to the moderators only, never published, exported or indexed.
    contact: Mapped[str | None] = mapped_column(String(255))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    consent_version: Mapped[str] = mapped_column(String(20))
    rights: Mapped[str] = mapped_column(String(255))
    address_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    created_item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), index=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    # The team's question to the resident, shown on the status page while the contribution needs information.
    info_request: Mapped[str | None] = mapped_column(Text)
    # When the status link was last e-mailed to the resident (one mail per few minutes).
    link_mailed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    decided_at: Mapped[datetime | None]

    place: Mapped["Place | None"] = relationship(lazy="raise")
    target_item: Mapped["Item | None"] = relationship(foreign_keys=[target_item_id], lazy="raise")
    created_item: Mapped["Item | None"] = relationship(foreign_keys=[created_item_id], lazy="raise")
    moderator: Mapped["User | None"] = relationship(foreign_keys=[moderator_id], lazy="raise")
    files: Mapped[list["ContributionFile"]] = relationship(
        back_populates="contribution", cascade="all, delete-orphan", order_by="ContributionFile.position", lazy="raise"
    )
    versions: Mapped[list["ContributionVersion"]] = relationship(
        back_populates="contribution",
        cascade="all, delete-orphan",
        order_by="ContributionVersion.number.desc()",
        lazy="raise",
    )

    @property
    def credit_name(self) -> str | None:
        """The name to credit publicly, or None for an anonymous contribution."""
        name = (self.display_name or "").strip()
        if self.credit_choice == ANONYMOUS or not name:
            return None
        return name


class ContributionFile(Base):
    """A photo or recording sent with a contribution: stored, but public only once approved into an item."""

    __tablename__ = "contribution_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    media_type: Mapped[str] = mapped_column(String(20))
    mime_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    original_path: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int]
    width: Mapped[int | None]
    height: Mapped[int | None]
    duration_seconds: Mapped[float | None]
    # Written by the moderator before publication: a published photo needs an alternative text.
    alt_text: Mapped[str | None] = mapped_column(String(1000))
    # The resident's answer that added this file: the version it kept is the contribution as it was before.
    # None for the files sent with the contribution itself.
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("contribution_versions.id", ondelete="SET NULL"), index=True
    )

    contribution: Mapped[Contribution] = relationship(back_populates="files", lazy="raise")


class ContributionVersion(Base):
    """A contribution as it was before the resident edited it on the team's request (text, date, place), with
    that request and the files the answer added: the moderators compare it with the new one."""

    __tablename__ = "contribution_versions"
    __table_args__ = (UniqueConstraint("contribution_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(ForeignKey("contributions.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    title: Mapped[str | None] = mapped_column(String(255))
    story: Mapped[str] = mapped_column(Text, default="")
    date_text: Mapped[str | None] = mapped_column(String(255))
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"), index=True)
    place_text: Mapped[str | None] = mapped_column(String(255))
    info_request: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contribution: Mapped[Contribution] = relationship(back_populates="versions", lazy="raise")
    place: Mapped["Place | None"] = relationship(lazy="raise")
    added_files: Mapped[list[ContributionFile]] = relationship(order_by=ContributionFile.position, lazy="raise")


class ContributionAttempt(Base):
    """A sent form that was processed, refused or not: its stamp is used up, and it counts toward its
    address's hourly limit (so refused files cost an attacker as much as accepted ones)."""

    __tablename__ = "contribution_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    stamp_key: Mapped[str] = mapped_column(String(64), unique=True)
    address_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
