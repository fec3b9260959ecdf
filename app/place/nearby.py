"""The places a search document names for an item: its own place, and the places around it.

An item is found by the names of its place in every language (strongly), and, more weakly, by the
names of the listed places within NEAR_KM of it and of their countries: a border museum's visitor
who types "Lëtzebuerg" expects the monuments a few kilometres from Esch-sur-Alzette too.
"""

from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.place.models import COUNTRY, Place

# A walk or a short drive: about the width of two communes of the Pays-Haut.
NEAR_KM = 5.0
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Known:
    """What a document needs of one place."""

    slug: str
    labels: dict[str, str]  # {language: name}; a place without names by language has its name as "fr"
    names: tuple[str, ...]  # every name and spelling
    country: str | None
    latitude: float | None
    longitude: float | None


class Places:
    """Every place of the database, read once for a run of documents (a few hundred rows)."""

    def __init__(self, session: Session):
        self.by_id: dict[int, Known] = {}
        self.countries: dict[str, tuple[str, ...]] = {}
        for place in session.scalars(select(Place).order_by(Place.id)):
            known = Known(
                place.slug,
                dict(place.names) or {"fr": place.name},
                tuple(place.all_names()),
                place.country,
                place.latitude,
                place.longitude,
            )
            if place.kind == COUNTRY and place.country:
                self.countries[place.country] = known.names
            else:
                self.by_id[place.id] = known
        located = [(id_, k) for id_, k in self.by_id.items() if k.latitude is not None and k.longitude is not None]
        self._ids = np.array([id_ for id_, _k in located], dtype=np.int64)
        self._points = np.radians(np.array([(k.latitude, k.longitude) for _id, k in located], dtype=np.float64))

    def get(self, place_id: int | None) -> Known | None:
        return self.by_id.get(place_id) if place_id is not None else None

    def around(self, latitude: float | None, longitude: float | None, own: int | None) -> list[str]:
        """The names of the places within NEAR_KM of the point (not `own`), then of their and `own`'s countries."""
        place = self.get(own)
        countries = [place.country] if place and place.country else []
        names: list[str] = []
        if latitude is not None and longitude is not None and len(self._ids):
            for place_id in self._within(latitude, longitude):
                if place_id != own:
                    names += self.by_id[place_id].names
                    countries.append(self.by_id[place_id].country or "")
        for code in dict.fromkeys(countries):
            names += self.countries.get(code, ())
        return list(dict.fromkeys(names))

    def _within(self, latitude: float, longitude: float) -> list[int]:
        phi, lam = np.radians(latitude), np.radians(longitude)
        lat2, lon2 = self._points[:, 0], self._points[:, 1]
        a = np.sin((lat2 - phi) / 2) ** 2 + np.cos(phi) * np.cos(lat2) * np.sin((lon2 - lam) / 2) ** 2
        distances = 2 * EARTH_KM * np.arcsin(np.sqrt(a))
        return [int(place_id) for place_id in self._ids[distances <= NEAR_KM]]
