"""An exhibit: its texts in several languages, its credits, and its pages of blocks as one versioned document.

The pages and blocks are data (app/exhibit/blocks.py), stored whole in `document`: a page is read in one
row, and a revision keeps it as it is. What the document shows of the catalog is also kept as rows
(`ExhibitItem`), so that an item page finds its exhibits, and publishing finds the items, in one query.
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


class Exhibit(Base):
    __tablename__ = "exhibits"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    summaries: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The one a supervisor puts forward on the home page.
    featured: Mapped[bool] = mapped_column(default=False)
    # An image of one of the catalog's items; shown to visitors only while that item is published.
    cover_media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    # {"version": n, "pages": [...]}, as app/exhibit/blocks.py validates and upgrades it.
    document: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Set at each publication: the newest exhibits are the ones published last.
    published_at: Mapped[datetime | None] = mapped_column(index=True)

    cover: Mapped["Media | None"] = relationship(lazy="raise")
    credits: Mapped[list["ExhibitAgent"]] = relationship(
        back_populates="exhibit", cascade="all, delete-orphan", order_by="ExhibitAgent.position", lazy="raise"
    )
    shown: Mapped[list["ExhibitItem"]] = relationship(
        back_populates="exhibit", cascade="all, delete-orphan", order_by="ExhibitItem.position", lazy="raise"
    )


class ExhibitAgent(Base):
    """A person credited on an exhibit with a role (researched, written, photographed, translated by...)."""

    __tablename__ = "exhibit_agents"

    exhibit_id: Mapped[int] = mapped_column(ForeignKey("exhibits.id", ondelete="CASCADE"), primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)

    exhibit: Mapped[Exhibit] = relationship(back_populates="credits", lazy="raise")
    agent: Mapped["Agent"] = relationship(lazy="raise")


class ExhibitItem(Base):
    """An item the exhibit's document shows, in the order it first appears (rewritten at each save)."""

    __tablename__ = "exhibit_items"

    exhibit_id: Mapped[int] = mapped_column(ForeignKey("exhibits.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    exhibit: Mapped[Exhibit] = relationship(back_populates="shown", lazy="raise")
    item: Mapped["Item"] = relationship(lazy="raise")


class ExhibitRevision(RevisionMixin, Base):
    __tablename__ = "exhibit_revisions"
    __table_args__ = (UniqueConstraint("exhibit_id", "number"),)

    exhibit_id: Mapped[int] = mapped_column(ForeignKey("exhibits.id", ondelete="CASCADE"), index=True)
