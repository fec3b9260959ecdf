"""A small geolocated museum on both sides of the border, indexed by the app's search engine (each one in a module
importing tests/search/both_engines.py)."""

from dataclasses import dataclass, field

import pytest

from app.item import search as item_search
from app.item.kinds import DRAFT
from app.item.models import Item
from app.place.models import COMMUNE, Place
from tests.factories import make_collection, make_item
from tests.interview.factories import make_interview
from tests.search.both_engines import index_of

# A street of Villerupt: ten buildings 0.004° apart along a line (about 300 m).
VILLERUPT = (49.4672, 5.9320)
ESCH = (49.4958, 5.9806)


@dataclass
class Museum:
    public: dict[str, tuple[float, float]] = field(default_factory=dict)  # identifier -> (lat, lon)
    hidden: dict[str, tuple[float, float]] = field(default_factory=dict)  # drafts, sealed, withdrawn
    unlocated: list[str] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)


def _place(session, slug: str, names: dict[str, str], point: tuple[float, float], country: str) -> Place:
    place = Place(
        name=names["fr"], slug=slug, kind=COMMUNE, country=country, names=names, latitude=point[0], longitude=point[1]
    )
    session.add(place)
    session.flush()
    return place


def _located(session, museum: Museum, identifier: str, point, **fields) -> Item:
    item = make_item(session, identifier=identifier, latitude=point[0], longitude=point[1], **fields)
    museum.public[identifier] = point
    return item


@pytest.fixture
def museum(session, settings, app) -> Museum:
    found = Museum()
    villerupt = _place(session, "villerupt", {"fr": "Villerupt", "de": "Villerupt"}, VILLERUPT, "FR")
    esch = _place(
        session,
        "esch-sur-alzette",
        {"fr": "Esch-sur-Alzette", "de": "Esch an der Alzette", "lb": "Esch-Uelzecht", "en": "Esch-sur-Alzette"},
        ESCH,
        "LU",
    )
    thil = _place(session, "thil", {"fr": "Thil"}, (49.4730, 5.9082), "FR")
    found.places = {"villerupt": villerupt, "esch": esch, "thil": thil}
    street = [
        _located(
            session,
            found,
            f"VIL-{n:02d}",
            (VILLERUPT[0] + 0.004 * n, VILLERUPT[1] + 0.004 * n),
            titles={"fr": f"Maison ouvrière {n}", "de": f"Arbeiterhaus {n}"},
            place_id=villerupt.id,
            date_earliest=1900 + n,
            date_latest=1900 + n,
        )
        for n in range(10)
    ]
    furnaces = [
        _located(
            session,
            found,
            f"ESCH-{n}",
            (ESCH[0] + 0.003 * n, ESCH[1] - 0.002 * n),
            titles={"fr": f"Haut-fourneau {n}", "lb": f"Héichuewen {n}"},
            place_id=esch.id,
            kind="artwork" if n == 0 else "building",
            date_earliest=1870,
            date_latest=1880,
        )
        for n in range(4)
    ]
    # An item with no point of its own is where its place is.
    make_item(session, identifier="THIL-PLACE", titles={"fr": "Crassier de Thil"}, place_id=thil.id)
    found.public["THIL-PLACE"] = (thil.latitude, thil.longitude)
    make_item(session, identifier="NOWHERE", titles={"fr": "Carte postale sans lieu"})
    found.unlocated.append("NOWHERE")
    make_collection(session, [*street[:3], furnaces[0]], slug="acier", titles={"fr": "Acier"})
    # Never public: a draft, a sealed interview and a withdrawn one, each with an exact point.
    for identifier, make in (
        ("SECRET-DRAFT", lambda **f: make_item(session, status=DRAFT, **f)),
        ("SECRET-SEALED", lambda **f: make_interview(session, "sealed", **f)),
        ("SECRET-WITHDRAWN", lambda **f: make_interview(session, "withdrawn", **f)),
    ):
        make(identifier=identifier, titles={"fr": "Maison ouvrière secrète"}, latitude=49.47, longitude=5.94)
        found.hidden[identifier] = (49.47, 5.94)
    session.flush()
    index = index_of(app, settings)
    index.rebuild(item_search.documents(session))
    index.close()
    return found
