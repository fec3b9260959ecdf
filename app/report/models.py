"""Public visits, counted on the server: one counter per day and section of the site, nothing about the visitor."""

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class SiteVisit(Base):
    """Successful public page views of one section ("item", "exhibit", "search"...) on one day (UTC).

    No address, no browser, no cookie and no row per visit are kept; robots are not counted."""

    __tablename__ = "site_visits"

    day: Mapped[date] = mapped_column(primary_key=True)
    section: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
