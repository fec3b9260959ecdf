"""People and organisations credited on items."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

# Roles an agent can hold on an item; the trainee roles credit the museum's own work.
ROLES = (
    "creator",
    "contributor",
    "architect",
    "photographer",
    "interviewee",
    "interviewer",
    "collected_by",
    "digitised_by",
    "catalogued_by",
    "transcribed_by",
    "translated_by",
)
# The roles that make someone an author of the item (the "people" filter and facet).
CREATOR_ROLES = ("creator", "architect", "photographer", "interviewee")
TRAINEE_ROLES = ("collected_by", "digitised_by", "catalogued_by", "transcribed_by", "translated_by")


class Agent(Base):
    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    slug: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="person")
