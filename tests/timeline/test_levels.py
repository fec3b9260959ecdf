"""The timeline's levels over HTTP (JSON): where exact, approximate, decade, century, open and missing dates go,
and that every level's counts add up."""

import pytest

from tests.timeline.conftest import DATED, HIDDEN, walk


def _get(client, **params) -> dict:
    response = client.get("/api/v1/timeline", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _periods(answer: dict) -> list[tuple[str, int, int]]:
    return [(p["level"], p["start"], p["count"]) for p in answer["periods"]]


def _spans(answer: dict) -> dict[str, str]:
    return {entry["identifier"]: entry["span"] for entry in answer["items"]}


def test_top_level_counts_centuries_spans_across_them_and_undated_items(client, dated):
    answer = _get(client)
    assert answer["breadcrumb"] == [answer["period"]]
    assert answer["period"]["level"] == "all"
    # XIXe siècle (1800-1899) and 1865 are the 19th century's; vers 1900 (1895-1905) is neither century's.
    assert _periods(answer) == [("century", 1800, 2), ("century", 1900, 5)]
    assert _spans(answer) == {
        "T-AVANT1900": "jusqu'en 1900",
        "T-VERS1900": "1895–1905",
        "T-APRES1950": "à partir de 1950",
    }
    assert answer["undated"]["count"] == 2
    assert answer["total"] == len(DATED) == 2 + 5 + 3 + 2


def test_a_century_lists_its_decades_and_the_items_dated_across_them(client, dated):
    answer = _get(client, century=1900)
    assert [p["label"] for p in answer["breadcrumb"]] == ["Frise chronologique", "XXe siècle"]
    assert _periods(answer) == [("decade", 1930, 4)]
    # vers 1930 is 1925-1935: in the 20th century, in no one decade of it -- never placed at 1930.
    assert _spans(answer) == {"T-VERS1930": "1925–1935"}
    assert answer["total"] == 5 and answer["undated"] is None


def test_a_decade_lists_its_years_and_the_items_dated_to_the_decade_only(client, dated):
    answer = _get(client, decade=1930)
    assert [p["level"] for p in answer["breadcrumb"]] == ["all", "century", "decade"]
    assert answer["period"]["label"] == "années 1930"
    assert _periods(answer) == [("year", 1932, 2), ("year", 1937, 1)]
    assert _spans(answer) == {"T-ANNEES30": "1930–1939"}


def test_a_year_lists_its_items(client, dated):
    answer = _get(client, year=1932)
    assert answer["periods"] == [] and answer["items_total"] == answer["total"] == 2
    assert sorted(_spans(answer)) == ["T-1932", "T-1932-ART"]
    assert {entry["date"]["text"] for entry in answer["items"]} == {"12 mai 1932", "1932"}


def test_the_nineteenth_century_holds_the_whole_century_item_as_its_own(client, dated):
    answer = _get(client, century=1800)
    assert _periods(answer) == [("decade", 1860, 1)]
    assert _spans(answer) == {"T-XIX": "1800–1899"}


def test_undated_items_are_counted_and_listed(client, dated):
    answer = _get(client, undated="true")
    assert answer["period"]["level"] == "undated"
    assert sorted(_spans(answer)) == ["T-UNDATED-1", "T-UNDATED-2"]
    assert answer["total"] == 2


def test_walking_every_level_reaches_every_public_item_once_and_counts_add_up(client, dated):
    assert sorted(walk(client)) == sorted(DATED)


@pytest.mark.parametrize("level", [{}, {"century": 1900}, {"decade": 1930}, {"year": 1937}, {"undated": "true"}])
def test_unpublished_withdrawn_and_sealed_items_never_appear(client, dated, level):
    found = walk(client, level=level)
    assert not set(found) & set(HIDDEN)
    assert all(p["count"] for p in _get(client, **level)["periods"])


def test_an_empty_period_is_an_empty_answer_not_an_error(client, dated):
    answer = _get(client, century=1500)
    assert answer["total"] == 0 and answer["periods"] == [] and answer["items"] == []


def test_labels_follow_the_language(client, dated):
    assert _get(client, decade=1930, lang="de")["period"]["label"] == "1930er Jahre"
    assert _get(client, decade=1930, lang="en")["period"]["label"] == "the 1930s"
    assert _get(client, century=1900, lang="en")["period"]["label"] == "20th century"
    assert _get(client, lang="de")["items"][0]["span"] in {"bis 1900", "1895–1905", "ab 1950"}
