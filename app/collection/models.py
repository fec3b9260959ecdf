"""Collections: curated sets of items (an item may belong to several), published through the workflow."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base
from app.item.kinds import DRAFT
from app.publishing.models import RevisionMixin

if TYPE_CHECKING:
    from app.item.models import Item
    from app.media.models import Media


class Collection(Base):
    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    # A new collection (from the workspace or named by an import) is a draft until a supervisor publishes it.
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    titles: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    # One image of the collection's items; shown to visitors only while that item is published.
    cover_media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    cover: Mapped["Media | None"] = relationship(lazy="raise")


class CollectionItem(Base):
    __tablename__ = "collection_items"

    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)

    collection: Mapped[Collection] = relationship(lazy="raise")
    item: Mapped["Item"] = relationship(back_populates="collection_links", lazy="raise")


class CollectionRevision(RevisionMixin, Base):
    __tablename__ = "collection_revisions"
    __table_args__ = (UniqueConstraint("collection_id", "number"),)

    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
