"""One row per change to an item: the changed fields (old and new values) and a full snapshot."""

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
from app.publishing.models import RevisionMixin


class ItemRevision(RevisionMixin, Base):
    __tablename__ = "item_revisions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
