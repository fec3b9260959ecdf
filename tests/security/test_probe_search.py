"""Probes of search for records the public must never see (issues 10 and 18), with each search engine: a draft, an
item in review, a withdrawn one, one withdrawn after it was indexed, and a sealed interview (a notice: its title and
identifier, nothing more) never show in results, facets, suggestions, "did you mean", the timeline or the map; and
the longest queries each engine is given (the page cuts a longer one to fit, the APIs refuse it) and the last
page number accepted are answered, never a 500.

Everything a hidden record holds besides the notice (title, description, place, creator, subject, collection, date,
point) is marked by its tag (`zdraft`...): no public answer may contain the tag, once the words the visitor typed,
said back by the page, are taken out. A public record marked `zpublic` shows that each probe can see a record.
"""

from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from app.item import search as item_search
from app.item.kinds import DRAFT
from app.pagination import MAX_PAGE
from app.search import sync
from app.search.params import MAX_QUERY
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag
from tests.interview.factories import make_interview
from tests.search.both_engines import app, index_of, settings, settle  # noqa: F401  (fixtures: each engine)

STATUSES = {"zdraft": DRAFT, "zreview": "in_review", "zwithdrawn": "withdrawn"}
LATER = "zgone"  # public when indexed, withdrawn afterwards: what lingers in an index must not show
SEALED = "zsealed"
HIDDEN = (*STATUSES, LATER, SEALED)
WORLD = "-180,-90,180,90"
LONGEST = {
    "typos": " ".join(f"zpublicmak{chr(97 + n % 26)}{n}" for n in range(40)),  # a correction looked up for each
    "syntax": " ".join(['"maison', "(((", "AND", "OR NOT", "*", "?:^~", "1700-1799", "l'église", "hauts-"] * 9),
    "one word": "maison " * 40,
    "no space": "z" * 500,
}

PAST_THE_END = ("/search?q=maison", "/api/v1/search?q=maison&per_page=100", "/search?q=zpublicmak")  # page MAX_PAGE


def _marked(session, tag_: str, item):
    """Give `item` a place, a creator, a subject and a collection of its own, each named after `tag_`."""
    place = make_place(session, f"{tag_.title()}ville", latitude=49.0, longitude=6.0)
    person = make_agent(session, f"{tag_.title()} Personne")
    subject = tag(session, item, f"{tag_}sujet")
    place.slug, person.slug, subject.slug = f"{tag_}-lieu", f"{tag_}-personne", f"{tag_}-sujet"
    item.place_id = place.id
    credit(session, item, person)
    make_collection(session, [item], slug=f"{tag_}-collection", titles={"fr": f"{tag_.title()} collection"})
    return item


def _record(session, tag_: str, **fields):
    return _marked(
        session,
        tag_,
        make_item(
            session,
            identifier=f"{tag_.upper()}-ITEM",
            titles={"fr": f"Maison {tag_}mark"},
            descriptions={"fr": f"Souvenir {tag_}mark"},
            date_text="1712" if tag_ != "zpublic" else "1930",
            date_earliest=1712 if tag_ != "zpublic" else 1930,
            date_latest=1712 if tag_ != "zpublic" else 1930,
            latitude=49.1 + 0.01 * len(tag_),
            longitude=6.1,
            **fields,
        ),
    )


@pytest.fixture
def museum(session, settings, app):
    """The records above, indexed by the app's engine; then the later one withdrawn as a curator would, the index
    brought up to date as the app does (the outbox's job with Whoosh, the commit's writes with PostgreSQL)."""
    _record(session, "zpublic")
    for tag_, status in STATUSES.items():
        _record(session, tag_, status=status)
    gone = _record(session, LATER)
    notice = make_interview(
        session,
        "sealed",
        sealed_until=date.today() + timedelta(days=3650),
        identifier="NOTICE-1",
        titles={"fr": "Maison du notaire"},
        descriptions={"fr": f"Souvenir {SEALED}mark"},
        date_text="1712",
        date_earliest=1712,
        date_latest=1712,
        latitude=49.3,
        longitude=6.3,
    )
    _marked(session, SEALED, notice)
    session.flush()
    index = index_of(app, settings)
    index.rebuild(item_search.documents(session))
    index.close()
    sync.install(session, settings.search_engine)
    gone.status = "withdrawn"
    session.flush()
    settle(session, settings)


def _addresses() -> list[str]:
    """Every public answer that comes from search, for words all records share and for each record's own."""
    found = [
        "/search?q=maison",
        "/search?q=souvenir",
        "/api/v1/search?q=maison&per_page=100",
        "/api/v1/search?q=souvenir&per_page=100",
        "/api/v1/search?q=1712",
        "/api/v1/search?q=maison&period=1700-1799",
        "/api/v1/suggest?q=maison",
        "/api/v1/suggest?q=z",
        f"/api/v1/map?bbox={WORLD}&zoom=20",
        f"/api/v1/map?bbox={WORLD}&zoom=0&q=maison",
        "/map?q=maison",
        "/api/v1/timeline?q=maison",
        "/api/v1/timeline?q=souvenir&century=1700",
    ]
    for tag_ in HIDDEN:
        for words in (f"{tag_}mark", f"{tag_}mak", f"{tag_.title()}ville", f"{tag_}sujet", f"{tag_} personne"):
            found += [f"/search?q={words}", f"/api/v1/search?q={words}", f"/api/v1/suggest?q={words[:-1]}"]
        found += [f"/api/v1/map?bbox={WORLD}&zoom=20&q={tag_}mark"]
        found += [
            f"/api/v1/search?q=maison&{facet}={tag_}-{kind}"
            for facet, kind in (("place", "lieu"), ("creator", "personne"), ("subject", "sujet"))
        ]
        found += [f"/api/v1/search?q=maison&collection={tag_}-collection"]
    return found


def _seen(client, address: str) -> str:
    """The answer at `address`, lowercased, without the values the address itself carries (said back)."""
    response = client.get(address)
    assert response.status_code in (200, 400), (address, response.text[:300])
    text = response.text.lower()
    for _name, value in parse_qsl(urlsplit(address).query):
        text = text.replace(value.lower(), "").replace(value.lower().replace(" ", "+"), "")
    return text


def test_no_search_surface_shows_a_hidden_record(client, museum):
    seen = {address: _seen(client, address) for address in _addresses()}
    assert [f"{tag_} in {address}" for address, text in seen.items() for tag_ in HIDDEN if tag_ in text] == []


def test_the_probes_see_a_public_record_and_the_sealed_notice(client, museum):
    found = client.get("/api/v1/search?q=maison&per_page=100").json()
    assert {hit["identifier"] for hit in found["results"]} == {"ZPUBLIC-ITEM", "NOTICE-1"}
    facets = str(found["facets"])
    assert all(f"zpublic-{kind}" in facets for kind in ("lieu", "personne", "sujet", "collection")), facets
    assert client.get("/api/v1/search?q=zpublicmak").json()["suggestion"] == "zpublicmark"
    assert {s["text"] for s in client.get("/api/v1/suggest?q=zpublicvil").json()} == {"Zpublicville"}
    located = client.get(f"/api/v1/map?bbox={WORLD}&zoom=20").json()
    assert [f["properties"]["identifier"] for f in located["features"]] == ["ZPUBLIC-ITEM"]
    assert client.get("/api/v1/timeline?q=maison").json()["total"] == 1  # the notice has no public date


@pytest.mark.parametrize("words", LONGEST.values(), ids=LONGEST.keys())
def test_the_longest_queries_are_answered(client, museum, words):
    assert client.get("/search", params={"q": words}).status_code == 200
    assert client.get("/api/v1/search", params={"q": words[:MAX_QUERY]}).status_code == 200
    assert client.get("/api/v1/map", params={"q": words[:MAX_QUERY], "bbox": WORLD, "zoom": 3}).status_code == 200


@pytest.mark.parametrize(
    "address", ["/search?q=maison", "/api/v1/search?q=maison&per_page=100", "/search?q=zpublicmak"]
)
def test_the_last_page_number_accepted_is_past_the_end(client, museum, address):
    assert client.get(f"{address}&page={MAX_PAGE}").status_code == 404
