"""The columns every revision table has; a kind adds its owner column and its unique (owner, number)."""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow


class RevisionMixin:
    """One row per change to a record: the changed fields (old and new values) and a full snapshot.

    A new kind's table in a few lines::

        class CollectionRevision(RevisionMixin, Base):
            __tablename__ = "collection_revisions"
            __table_args__ = (UniqueConstraint("collection_id", "number"),)
            collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The author's name is kept as text too, so the history still says who it was if the account goes.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    user_name: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), index=True)
    status: Mapped[str] = mapped_column(String(20))
    # {field: [old, new]} for the fields this revision changed.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    comment: Mapped[str | None] = mapped_column(Text)

    if TYPE_CHECKING:  # the mixin always comes with Base, whose constructor takes column values by name

        def __init__(self, **values: Any) -> None: ...
