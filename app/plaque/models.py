"""How many visits came from a plaque's QR code: one counter per page and day, nothing about the visitor."""

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class PlaqueVisit(Base):
    """Visits of a public page opened from its QR code (`?via=qr`) on one day (UTC): no address, no browser,
    no cookie, no row per visit."""

    __tablename__ = "plaque_visits"

    path: Mapped[str] = mapped_column(String(400), primary_key=True)  # the record's permanent path
    day: Mapped[date] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
