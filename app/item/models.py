"""Items of the catalog, with their credited agents and subjects."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base
from app.item.kinds import DRAFT

if TYPE_CHECKING:
    from app.agent.models import Agent
    from app.collection.models import Collection, CollectionItem
    from app.interview.models import Cue, IndexSegment, Interview, Redaction
    from app.media.models import Media
    from app.place.models import Place
    from app.subject.models import Subject


class Item(Base):
    __tablename__ = "items"
    # The timeline's counts (app/timeline/service.py) read the published items' years and kinds from this index alone.
    __table_args__ = (Index("ix_items_status_dates", "status", "date_earliest", "date_latest", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    featured: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    # {language: value}; the value in `language` is the original, the others translations.
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    sort_title: Mapped[str] = mapped_column(String(255), index=True, default="")
    date_text: Mapped[str | None] = mapped_column(String(255))
    date_earliest: Mapped[int | None] = mapped_column(Integer, index=True)
    date_latest: Mapped[int | None] = mapped_column(Integer, index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    # True when the item is near its place rather than in it ("près de Thil").
    place_near: Mapped[bool] = mapped_column(default=False)
    # The item's own location (a building's exact point); the place is the wider named area.
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    dc_type: Mapped[str | None] = mapped_column(String(255))
    format: Mapped[str | None] = mapped_column(String(255))
    source: Mapped[str | None] = mapped_column(Text)
    relation: Mapped[str | None] = mapped_column(Text)
    rights: Mapped[str | None] = mapped_column(String(255))
    # Buildings
    address: Mapped[str | None] = mapped_column(String(500))
    construction_period: Mapped[str | None] = mapped_column(String(255))
    protection: Mapped[str | None] = mapped_column(String(255))
    merimee_reference: Mapped[str | None] = mapped_column(String(20))
    # Artworks
    medium: Mapped[str | None] = mapped_column(String(500))
    dimensions: Mapped[str | None] = mapped_column(String(500))
    inscription: Mapped[str | None] = mapped_column(Text)
    # Oral memories
    recording_date: Mapped[str | None] = mapped_column(String(32))
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)
    # Europeana tiers (app/edm/tiers.py) for the workspace's filter, refreshed at each write (app/edm/refresh.py).
    content_tier: Mapped[int | None] = mapped_column(Integer, index=True)
    metadata_tier: Mapped[str | None] = mapped_column(String(1), index=True)

    place: Mapped["Place | None"] = relationship(lazy="raise")
    credits: Mapped[list["ItemAgent"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="ItemAgent.position", lazy="raise"
    )
    subject_links: Mapped[list["ItemSubject"]] = relationship(
        cascade="all, delete-orphan", order_by="ItemSubject.position", lazy="raise"
    )
    media: Mapped[list["Media"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Media.position", lazy="raise"
    )
    collection_links: Mapped[list["CollectionItem"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", lazy="raise"
    )
    transcript: Mapped[list["Cue"]] = relationship(cascade="all, delete-orphan", order_by="Cue.position", lazy="raise")
    index_segments: Mapped[list["IndexSegment"]] = relationship(
        cascade="all, delete-orphan", order_by="IndexSegment.position", lazy="raise"
    )
    interview: Mapped["Interview | None"] = relationship(cascade="all, delete-orphan", lazy="raise")
    redactions: Mapped[list["Redaction"]] = relationship(
        cascade="all, delete-orphan", order_by="Redaction.start_seconds", lazy="raise"
    )

    @property
    def subjects(self) -> list["Subject"]:
        return [link.subject for link in self.subject_links]

    @property
    def collections(self) -> list["Collection"]:
        return [link.collection for link in self.collection_links]

    def agents(self, role: str) -> list["Agent"]:
        """The agents credited with `role`, in order."""
        return [credit.agent for credit in self.credits if credit.role == role]


class ItemAgent(Base):
    """An agent credited on an item with a role (creator, architect, digitised by...)."""

    __tablename__ = "item_agents"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    item: Mapped[Item] = relationship(back_populates="credits", lazy="raise")
    agent: Mapped["Agent"] = relationship(lazy="raise")


class ItemSubject(Base):
    __tablename__ = "item_subjects"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    subject: Mapped["Subject"] = relationship(lazy="raise")


class IdentifierSequence(Base):
    """The last number given to a new item's readable identifier in a year (VIL-2026-0001): a row the database
    locks while it is bumped, so that two creations at the same moment never get the same number."""

    __tablename__ = "identifier_sequences"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)
