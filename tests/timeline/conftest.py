"""A small dated catalog for the timeline: exact years, `vers`, decades, centuries, open spans, undated items,
and items the public never sees (a draft, a withdrawn and a sealed interview), with the search index built (the app's
engine's: a module importing tests/search/both_engines.py runs with each)."""

from datetime import date, timedelta

import pytest

from app.item import search as item_search
from app.item.kinds import DRAFT
from tests.factories import credit, make_agent, make_collection, make_exhibit, make_item, make_place, tag
from tests.interview.factories import make_interview
from tests.search.both_engines import index_of

# identifier: (date as written, earliest, latest) -- the years app/item/dates.py reads in the text.
DATED = {
    "T-1937": ("1937", 1937, 1937),
    "T-1932": ("12 mai 1932", 1932, 1932),
    "T-1932-ART": ("1932", 1932, 1932),
    "T-ANNEES30": ("années 1930", 1930, 1939),
    "T-VERS1930": ("vers 1930", 1925, 1935),
    "T-XIX": ("XIXe siècle", 1800, 1899),
    "T-1865": ("1865", 1865, 1865),
    "T-VERS1900": ("vers 1900", 1895, 1905),
    "T-APRES1950": ("après 1950", 1950, None),
    "T-AVANT1900": ("avant 1900", None, 1900),
    "T-UNDATED-1": (None, None, None),
    "T-UNDATED-2": ("date inconnue", None, None),
}
HIDDEN = ("T-DRAFT", "T-WITHDRAWN", "T-SEALED")


@pytest.fixture
def dated(session, settings, app):
    """The catalog above; returns {identifier: item}. The app's search index is built."""
    villerupt = make_place(session, "Villerupt", latitude=49.4689, longitude=5.9286)
    items = {
        identifier: make_item(
            session,
            identifier=identifier,
            title=f"Objet {identifier}",
            kind="artwork" if identifier.endswith("ART") else "building",
            date_text=text,
            date_earliest=earliest,
            date_latest=latest,
        )
        for identifier, (text, earliest, latest) in DATED.items()
    }
    for identifier in ("T-1937", "T-VERS1930", "T-UNDATED-1"):
        items[identifier].place_id = villerupt.id
    items["T-DRAFT"] = make_item(session, identifier="T-DRAFT", status=DRAFT, date_earliest=1937, date_latest=1937)
    years = {"date_text": "1937", "date_earliest": 1937, "date_latest": 1937}
    items["T-WITHDRAWN"] = make_interview(session, "withdrawn", identifier="T-WITHDRAWN", **years)
    sealed_until = date.today() + timedelta(days=3650)
    items["T-SEALED"] = make_interview(session, "sealed", identifier="T-SEALED", sealed_until=sealed_until, **years)
    make_collection(session, [items[i] for i in ("T-1937", "T-XIX", "T-SEALED", "T-UNDATED-2")], slug="acier")
    make_exhibit(session, [items[i] for i in ("T-1932", "T-ANNEES30", "T-DRAFT")], slug="cites")
    credit(session, items["T-1865"], make_agent(session, "Émile Architecte"), "architect")
    tag(session, items["T-VERS1930"], "hauts-fourneaux")
    tag(session, items["T-1937"], "hauts-fourneaux")
    session.flush()
    index = index_of(app, settings)
    index.rebuild(item_search.documents(session))
    index.close()
    return items


def walk(client, filters: dict | None = None, level: dict | None = None) -> dict[str, dict]:
    """Every item the timeline API lists under `filters`, at `level` and every level below ({identifier: its
    entry}), page by page; checks on the way that each level's counts add up to its total."""
    params = (filters or {}) | (level or {}) | {"per_page": 2}
    answer = client.get("/api/v1/timeline", params=params).json()
    undated = answer["undated"]["count"] if answer["undated"] else 0
    assert answer["total"] == sum(p["count"] for p in answer["periods"]) + answer["items_total"] + undated
    found: dict[str, dict] = {}
    for page in range(1, -(-answer["items_total"] // 2) + 1):
        listed = client.get("/api/v1/timeline", params=params | {"page": page}).json()["items"]
        found |= {entry["identifier"]: entry for entry in listed}
    assert len(found) == answer["items_total"]
    for period in answer["periods"]:
        below = walk(client, filters, {period["level"]: period["start"]})
        assert len(below) == period["count"], period
        found |= below
    if undated:
        found |= walk(client, filters, {"undated": "true"})
    assert len(found) == answer["total"]
    return found
