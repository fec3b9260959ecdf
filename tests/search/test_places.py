"""Searching a town, a country or a year over the demo collection, whose monuments have their communes."""

import json

import pytest

from app.search import service, suggestions


@pytest.mark.parametrize("query", ["Thionville", "Diedenhofen", "Diddenuewen"])
def test_a_town_in_any_language_finds_its_monuments_first(demo, demo_index, query):
    results = service.search(demo, query, per_page=12)
    # The demo has 12 monuments in Thionville: they come before those only near it.
    first = results.hits[:12]
    assert len(first) == 12
    assert all("Thionville" in demo_detail(demo_index, hit.identifier) for hit in first)


@pytest.mark.parametrize("query", ["Esch", "Esch-Uelzecht", "Lëtzebuerg", "Luxembourg"])
def test_a_luxembourg_place_finds_the_monuments_near_it(demo, query):
    # No demo monument is in Luxembourg: the Merovingian necropolis of Audun-le-Tiche is 3 km from Esch.
    results = service.search(demo, query, per_page=50)
    assert "PA57000038" in {hit.identifier for hit in results.hits}


def test_a_neighbouring_village_without_monuments_finds_those_around_it(demo):
    # Thil, between Villerupt and the border, is in the place list for its residents: nothing listed is in it,
    # the Merovingian necropolis of Audun-le-Tiche is 3 km away.
    assert "PA57000038" in {hit.identifier for hit in service.search(demo, "Thil", per_page=50).hits}


@pytest.mark.parametrize(("query", "town"), [("Cattenom", "Cattenom"), ("Montmédy", "Montmédy"), ("Étain", "Étain")])
def test_what_is_in_a_town_ranks_before_what_is_near_it(demo, demo_index, query, town):
    ranked = [hit.identifier for hit in service.search(demo, query, per_page=40).hits]
    in_town = [i for i in ranked if demo_detail(demo_index, i) == town]
    near_town = [i for i in ranked if demo_detail(demo_index, i) == f"near {town}"]
    assert in_town and near_town
    assert max(ranked.index(i) for i in in_town) < min(ranked.index(i) for i in near_town)


def test_a_year_finds_items_dated_in_it_or_in_a_range_containing_it(demo):
    hits = service.search(demo, "1937", per_page=100).hits
    found = [hit.identifier for hit in hits]
    assert "PA00106443" in found  # Église Sainte-Barbe, 1937
    assert "PA00107056" in found  # 1937 ; 1953 ; 1963
    assert service.search(demo, "1937", per_page=100).suggestion is None


def test_a_year_with_words_narrows_to_items_having_both(demo):
    results = service.search(demo, "église 1937")
    # Sainte-Barbe is of 1937; Sainte-Thérèse-de-l'Enfant-Jésus is dated 1937 ; 1953 ; 1963.
    assert results.complete == 2
    assert {hit.identifier for hit in results.hits[:2]} == {"PA00106443", "PA00107056"}


def test_the_place_facet_lists_communes_in_the_visitors_language(demo):
    labels = {value: label for value, label, _count in service.search(demo, "Thionville", lang="de").facets["place"]}
    assert labels["thionville"] == "Diedenhofen"
    labels = {value: label for value, label, _count in service.search(demo, "Thionville", lang="fr").facets["place"]}
    assert labels["thionville"] == "Thionville"


def test_identical_titles_are_told_apart_by_place_and_date(demo):
    found = [s for s in suggestions.suggest(demo, "Église", "fr", limit=8) if s.text == "Église"]
    assert len(found) > 1
    assert len({s.identifier for s in found}) == len(found)
    assert len({s.detail for s in found}) == len(found)
    assert all(s.detail for s in found)


def test_suggestions_come_in_the_visitors_language_first(demo):
    german = suggestions.suggest(demo, "Kirche", "de", limit=5)
    assert german and all(s.text.startswith("Kirche") for s in german)
    french = suggestions.suggest(demo, "Diedenh", "fr", limit=5)
    assert [s.text for s in french if s.kind == "place"] == ["Diedenhofen"]
    assert suggestions.suggest(demo, "Thionv", "de", limit=1)[0].kind == "place"


def demo_detail(demo_index, identifier: str) -> str:
    """Where an item is, from its stored Whoosh document: "Crusnes", or "near Crusnes"."""
    with demo_index.reading() as reading:
        searcher = reading.searcher
        display = json.loads(searcher.stored_fields(searcher.document_number(ident=identifier.casefold()))["display"])
    names = [labels["fr"] for labels in display["labels"].get("place", {}).values()]
    return ("near " if display.get("place_near") else "") + "".join(names)
