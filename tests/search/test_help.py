"""The empty search page's curated searches each find items of the demo collections, in every language."""

import pytest

from app.search import help as search_help
from app.search import service as search_service
from app.search.schemas import SearchFilters


@pytest.mark.parametrize("lang", ["fr", "de", "lb", "en"])
def test_every_suggested_search_finds_items_of_the_demo(demo_index, lang):
    searches = search_help.suggested_searches(lang)
    assert len(searches) >= 6
    found = {words: search_service.search(demo_index, words, SearchFilters(), lang=lang).total for words in searches}
    assert all(found.values()), found


def test_a_language_without_a_list_gets_the_french_one():
    assert search_help.suggested_searches("it") == search_help.suggested_searches("fr")


def test_the_glossary_groups_start_with_the_french_term():
    groups = search_help.glossary_terms()
    assert ("haut-fourneau", "Hochofen", "Héichuewen", "blast furnace") in groups
    assert all(len(group) >= 2 for group in groups)
