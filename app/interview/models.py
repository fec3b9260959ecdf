"""Oral memories: an interview's transcript cues, index segments, access, redactions and access requests.

An interview is an item of kind `interview`; its recordings are the item's sound and video media, its
interviewees and interviewers are credits, its date, place and summary are the item's fields. What only
interviews have lives here, keyed by the item.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.db import Base

if TYPE_CHECKING:
    from app.item.models import Item

# Access levels, for an interview and for each index segment.
PUBLIC = "public"
ON_REQUEST = "on_request"  # metadata public; recording and transcript after a curator approves a request
SEALED = "sealed"  # only a notice until `sealed_until`, then public by itself
WITHDRAWN = "withdrawn"  # gone from every public surface
ACCESS_LEVELS = (PUBLIC, ON_REQUEST, SEALED, WITHDRAWN)


class Cue(Base):
    """A time-coded stretch of a transcript: who said what, between two times of a recording."""

    __tablename__ = "transcript_cues"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    # The recording the times refer to; None = the item's first recording.
    media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    position: Mapped[int]
    # Seconds from the start of the recording (milliseconds kept); None = an untimed paragraph.
    start_seconds: Mapped[float | None]
    end_seconds: Mapped[float | None]
    speaker: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    translation: Mapped[str | None] = mapped_column(Text)
    translation_language: Mapped[str | None] = mapped_column(String(8))


class IndexSegment(Base):
    """A chapter of an interview, as OHMS indexes them: what is told between two times, and where."""

    __tablename__ = "index_segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    position: Mapped[int]
    start_seconds: Mapped[float]
    end_seconds: Mapped[float | None]
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(500))
    synopsis: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    people: Mapped[list[str]] = mapped_column(JSON, default=list)
    places: Mapped[list[str]] = mapped_column(JSON, default=list)
    subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    access: Mapped[str] = mapped_column(String(20), default=PUBLIC)
    sealed_until: Mapped[date | None] = mapped_column(Date)


class Interview(Base):
    """What an oral-memory item holds beyond the catalog fields: its access level and its speakers' consent."""

    __tablename__ = "interviews"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    access: Mapped[str] = mapped_column(String(20), default=PUBLIC, index=True)
    sealed_until: Mapped[date | None] = mapped_column(Date, index=True)
    # The signed release form, stored like an original (content-addressed) but never served publicly.
    release_form_path: Mapped[str | None] = mapped_column(String(255))
    release_form_name: Mapped[str | None] = mapped_column(String(255))
    release_form_mime: Mapped[str | None] = mapped_column(String(100))
    # "Consent recorded orally at minute M": the minute, and what was said.
    consent_minute: Mapped[int | None]
    consent_note: Mapped[str | None] = mapped_column(Text)
    access_changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Redaction(Base):
    """A passage taken out of what the public gets: its cues' words, and the served audio (silenced)."""

    __tablename__ = "interview_redactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    media_id: Mapped[int | None] = mapped_column(ForeignKey("media.id", ondelete="SET NULL"), index=True)
    start_seconds: Mapped[float]
    end_seconds: Mapped[float]
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccessRequest(Base):
    """Someone asking to hear an interview that is public only on request, and the curator's answer."""

    __tablename__ = "access_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(320))
    purpose: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="fr")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|approved|refused
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    # sha256 of the private link's token; the token itself is only ever in the link sent out.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped["Item"] = relationship(lazy="raise")
