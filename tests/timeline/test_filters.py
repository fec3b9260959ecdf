"""The timeline's filters are search's: the same filter gives the same items as /api/v1/search, and a bad one the
same 400; bad levels and pages are clear refusals, never a 500. What goes through search runs with each engine."""

import html

import pytest
from sqlalchemy import select

from app.agent.models import Agent
from app.item.models import ItemAgent, ItemSubject
from app.place.models import Place
from app.search import service as search_service
from app.search.index import IndexUnavailable
from app.subject.models import Subject
from tests.search.both_engines import app, one_engine, settings  # noqa: F401  (fixtures: each engine)
from tests.timeline.conftest import DATED, HIDDEN, walk


def _searched(client, params: dict) -> set[str]:
    answer = client.get("/api/v1/search", params=params | {"per_page": 100}).json()
    assert answer["total"] <= 100
    return {hit["identifier"] for hit in answer["results"]}


FILTERS = [
    {},
    {"kind": "artwork"},
    {"kind": "building"},
    {"collection": "acier"},
    {"exhibit": "cites"},
    {"place": "lieu-PLACE"},
    {"creator": "CREATOR"},
    {"subject": "SUBJECT"},
    {"period": "1930"},
    {"period": "1950-1960"},  # après 1950 counts from its known year, as search reads it
    {"period": "1890-1899"},
    {"period": "1800-1999", "kind": "building"},
    {"q": "objet"},
    {"q": "1932"},
    {"q": "t-vers1930"},
    {"q": "hauts-fourneaux", "period": "1930-1939"},
    {"q": "inexistant"},
]


@pytest.mark.parametrize("params", FILTERS, ids=[str(p) for p in FILTERS])
def test_same_filter_same_items_as_search(client, session, dated, params):
    params = _slugs(session, dated, params)
    on_timeline = set(walk(client, params))
    # A sealed interview is a notice in search (its title only): without a public date it has no place in time.
    assert on_timeline == _searched(client, params) - {"T-SEALED"}
    assert not on_timeline & set(HIDDEN)


def _slugs(session, dated, params: dict) -> dict:
    """The table's placeholders as the fixture's slugs."""
    slugs = {
        "lieu-PLACE": session.scalar(select(Place.slug).where(Place.id == dated["T-1937"].place_id)),
        "CREATOR": session.scalar(select(Agent.slug).join(ItemAgent).where(ItemAgent.item_id == dated["T-1865"].id)),
        "SUBJECT": session.scalar(
            select(Subject.slug).join(ItemSubject).where(ItemSubject.item_id == dated["T-1937"].id)
        ),
    }
    return {key: slugs.get(value, value) for key, value in params.items()}


def test_words_find_the_items_search_finds_and_place_them_by_date(client, dated):
    answer = client.get("/api/v1/timeline", params={"q": "hauts-fourneaux"}).json()
    assert answer["total"] == 2
    assert [(p["start"], p["count"]) for p in answer["periods"]] == [(1900, 2)]
    assert "q=hauts-fourneaux" in answer["periods"][0]["url"]


@one_engine
def test_the_filters_are_kept_in_every_link(client, dated):
    answer = client.get("/api/v1/timeline", params={"kind": "building", "century": 1900}).json()
    links = [answer["period"]["url"], *(p["url"] for p in answer["periods"]), answer["breadcrumb"][0]["api_url"]]
    assert all("kind=building" in link for link in links)


@one_engine
@pytest.mark.parametrize(
    "params, message",
    [
        ({"kind": "spaceship"}, "is not a kind of item"),
        ({"period": "1950-1900"}, "ends before it starts"),
        ({"period": "les années folles"}, "is not a period"),
        ({"century": 1950}, "write its first year, 1900"),
        ({"decade": 1935}, "write its first year, 1930"),
        ({"century": 1900, "year": 1937}, "one period at a time"),
        ({"decade": 1930, "undated": "true"}, "one period at a time"),
        ({"year": "mil neuf cent"}, ""),
        ({"century": -100}, ""),
        ({"year": 99999}, ""),
        ({"undated": "peut-être"}, ""),
        ({"page": 0}, ""),
        ({"page": "deux"}, ""),
        ({"per_page": 1000}, ""),
        ({"q": "x" * 201}, ""),
    ],
)
def test_bad_parameters_are_a_400_problem_in_the_visitors_language(client, dated, params, message):
    response = client.get("/api/v1/timeline", params=params, headers={"Accept-Language": "en"})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert message in response.json()["detail"]


@one_engine
def test_a_bad_filter_is_refused_as_search_refuses_it(client, dated):
    for params in ({"kind": "spaceship"}, {"period": "hier"}):
        timeline = client.get("/api/v1/timeline", params=params).json()["detail"]
        assert timeline == client.get("/api/v1/search", params=params).json()["detail"]


@one_engine
def test_the_page_refuses_bad_parameters_with_a_page_in_french(client, dated):
    response = client.get("/timeline", params={"century": 1950})
    assert response.status_code == 400
    assert "n'est pas le début d'un siècle" in html.unescape(response.text) and "<h1" in response.text


@one_engine
@pytest.mark.parametrize("url", ["/api/v1/timeline?page=2", "/timeline?page=2", "/timeline?year=1932&page=9"])
def test_a_page_past_the_end_is_a_404(client, dated, url):
    assert client.get(url).status_code == 404


@one_engine
def test_every_public_item_is_somewhere_on_the_timeline(client, dated):
    assert set(walk(client)) == set(DATED)


@one_engine
def test_words_while_the_index_is_rebuilt_are_a_503_and_the_timeline_without_words_still_works(
    client, dated, monkeypatch
):
    def unavailable(*args, **kwargs):
        raise IndexUnavailable("rebuilding")

    monkeypatch.setattr(search_service, "matching_ids", unavailable)
    answer = client.get("/api/v1/timeline", params={"q": "objet"}, headers={"Accept-Language": "en"})
    assert answer.status_code == 503 and "rebuilt" in answer.json()["detail"]
    assert client.get("/timeline", params={"q": "objet"}).status_code == 503
    assert client.get("/timeline", params={"kind": "building"}).status_code == 200
