"""A walking tour: its texts in several languages, its credits, and its ordered stops at real places.

A stop is a point (latitude and longitude, always), a title and a short text in each language, and optionally
the catalog item or exhibit page it shows and an audio commentary. The audio is a file of the tour's own, stored
content-addressed like every original (app/media/storage.py) and given out only while the tour is published.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base
from app.item.kinds import DRAFT
from app.publishing.models import RevisionMixin

if TYPE_CHECKING:
    from app.agent.models import Agent
    from app.item.models import Item
    from app.media.models import Media


class Tour(Base):
    __tablename__ = "tours"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    # The languages its texts are written in, as offered to visitors (the original one first).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    summaries: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # An image of one of the catalog's items; shown to visitors only while that item is published.
    cover_media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(index=True)

    cover: Mapped["Media | None"] = relationship(lazy="raise")
    credits: Mapped[list["TourAgent"]] = relationship(
        back_populates="tour", cascade="all, delete-orphan", order_by="TourAgent.position", lazy="raise"
    )
    stops: Mapped[list["TourStop"]] = relationship(
        back_populates="tour", cascade="all, delete-orphan", order_by="TourStop.position", lazy="raise"
    )


class TourAgent(Base):
    """A person credited on a tour with one of the item credit roles."""

    __tablename__ = "tour_agents"

    tour_id: Mapped[int] = mapped_column(ForeignKey("tours.id", ondelete="CASCADE"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    tour: Mapped[Tour] = relationship(back_populates="credits", lazy="raise")
    agent: Mapped["Agent"] = relationship(lazy="raise")


class TourStop(Base):
    """One stop of a tour, at `position` (0 first)."""

    __tablename__ = "tour_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    tour_id: Mapped[int] = mapped_column(ForeignKey("tours.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    latitude: Mapped[float]
    longitude: Mapped[float]
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), index=True)
    # An exhibit page by its exhibit's slug (an address that never changes) and the page's key.
    exhibit_slug: Mapped[str | None] = mapped_column(String(100), index=True)
    exhibit_page: Mapped[str | None] = mapped_column(String(100))
    # The audio commentary: a stored original (app/media/storage.py) and what was checked of it.
    audio_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    audio_path: Mapped[str | None] = mapped_column(String(255))
    audio_mime: Mapped[str | None] = mapped_column(String(100))
    audio_bytes: Mapped[int | None]
    audio_seconds: Mapped[float | None]
    audio_name: Mapped[str | None] = mapped_column(String(255))

    tour: Mapped[Tour] = relationship(back_populates="stops", lazy="raise")
    item: Mapped["Item | None"] = relationship(lazy="raise")


class TourRevision(RevisionMixin, Base):
    __tablename__ = "tour_revisions"
    __table_args__ = (UniqueConstraint("tour_id", "number"),)

    tour_id: Mapped[int] = mapped_column(ForeignKey("tours.id", ondelete="CASCADE"), index=True)
