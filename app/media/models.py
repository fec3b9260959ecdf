"""Media files attached to items; originals are stored once under their content hash."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base

if TYPE_CHECKING:
    from app.item.models import Item


class Media(Base):
    __tablename__ = "media"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    media_type: Mapped[str] = mapped_column(String(20))
    mime_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_path: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int]
    original_name: Mapped[str | None] = mapped_column(String(255))
    width: Mapped[int | None]
    height: Mapped[int | None]
    duration_seconds: Mapped[float | None]
    # Technical metadata read from the file (codec, bit rate, colour profile, camera...), never GPS.
    technical: Mapped[dict] = mapped_column(JSON, default=dict)
    # pending: only the small derivatives exist yet; ready: everything is made; failed: see the job.
    derivatives_status: Mapped[str] = mapped_column(String(20), default="pending")
    captions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    alt_texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    rights: Mapped[str | None] = mapped_column(String(255))
    credit: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped["Item"] = relationship(back_populates="media", lazy="raise")
