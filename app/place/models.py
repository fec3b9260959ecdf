"""Places: communes, countries and regions, with their names by language and WGS84 coordinates."""

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base

# What a place is. A place named only in one record (a suburb, a street) is a "locality".
COMMUNE, COUNTRY, REGION, LOCALITY = "commune", "country", "region", "locality"
PLACE_KINDS = (COMMUNE, COUNTRY, REGION, LOCALITY)


class Place(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The name as first given (the official one for communes); `names` holds it by language.
    name: Mapped[str] = mapped_column(String(255))
    slug: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default=LOCALITY, server_default=LOCALITY)
    country: Mapped[str | None] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # {language: name}
    other_names: Mapped[list[str]] = mapped_column(JSON, default=list)  # spellings: "Esch/Alzette"
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]

    def label(self, lang: str) -> str:
        """The name in `lang`, else the French one, else the name as given."""
        names = self.names or {}  # None until flushed
        return names.get(lang) or names.get("fr") or self.name

    def all_names(self) -> list[str]:
        """Every name and spelling, each once (what a search for this place may type)."""
        return list(dict.fromkeys([self.name, *(self.names or {}).values(), *(self.other_names or [])]))
