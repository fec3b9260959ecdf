"""Searching as visitors do: filters, facets, sorting, pages, extracts, suggestions, drafts."""

import pytest

from app.item import search as item_search
from app.item.kinds import DRAFT
from app.search import service, suggestions
from app.search.schemas import FilterError, SearchFilters, parse_sort
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag


@pytest.fixture
def catalog(session, engine_index):
    place = make_place(session, "Esch-sur-Alzette")
    furnace = make_item(
        session,
        title="Haut-fourneau de <Belval>",
        date_earliest=1911,
        date_latest=1911,
        place_id=place.id,
        descriptions={"fr": "Le haut-fourneau A & B de Belval, <éteint> en 1997."},
    )
    church = make_item(session, title="Église Sainte-Barbe", date_earliest=1937, date_latest=1937)
    draft = make_item(session, title="Haut-fourneau secret", status=DRAFT)
    make_collection(session, [furnace], slug="siderurgie")
    credit(session, furnace, make_agent(session, "Paul Wurth"))
    tag(session, furnace, "sidérurgie")
    session.expire_all()
    engine_index.rebuild(item_search.documents(session))
    return {"furnace": furnace, "church": church, "draft": draft}


def identifiers(results) -> list[str]:
    return [hit.identifier for hit in results.hits]


def test_drafts_are_never_indexed(session, catalog, engine_index):
    assert catalog["draft"].id not in engine_index.indexed_ids()
    assert list(item_search.documents(session, [catalog["draft"].id])) == []


def test_place_variant_finds_the_place(catalog, engine_index):
    assert identifiers(service.search(engine_index, "Esch-Uelzecht")) == [catalog["furnace"].identifier]


def test_snippet_is_escaped_with_marks(catalog, engine_index):
    hit = service.search(engine_index, "hauts-fourneaux belval").hits[0]
    assert "<mark>haut-fourneau</mark> A &amp; B de <mark>Belval</mark>, &lt;éteint&gt;" in hit.snippet_html
    assert hit.title_html == "<mark>Haut-fourneau</mark> de &lt;<mark>Belval</mark>&gt;"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(kind="building"), 2),
        (SearchFilters(collection="siderurgie"), 1),
        (SearchFilters(period=(1930, 1949)), 1),
        (SearchFilters(creator="nobody"), 0),
    ],
)
def test_filters_combine_with_an_empty_query(catalog, engine_index, filters, expected):
    assert service.search(engine_index, "", filters).total == expected


def test_facets_count_the_matching_items(catalog, engine_index):
    facets = service.search(engine_index, "", lang="fr").facets
    assert facets["kind"] == [("building", "Bâtiment", 2)]
    assert facets["collection"][0][0::2] == ("siderurgie", 1)
    assert [value for value, _label, _count in facets["decade"]] == ["1910-1919", "1930-1939"]
    assert facets["place"][0][1:] == ("Esch-sur-Alzette", 1)
    assert facets["subject"][0][1:] == ("sidérurgie", 1)


def test_sorting_by_date_and_title(catalog, engine_index):
    assert identifiers(service.search(engine_index, "", sort="date")) == [
        catalog["furnace"].identifier,
        catalog["church"].identifier,
    ]
    assert identifiers(service.search(engine_index, "", sort="title"))[0] == catalog["church"].identifier


def test_pages(catalog, engine_index):
    second = service.search(engine_index, "", sort="title", page=2, per_page=1)
    assert second.total == 2 and identifiers(second) == [catalog["furnace"].identifier]
    assert service.search(engine_index, "", page=3, per_page=1).hits == []


def test_misspelling_gets_results_and_a_suggestion(catalog, engine_index):
    results = service.search(engine_index, "fournau")
    assert identifiers(results) == [catalog["furnace"].identifier]
    assert results.suggestion == "fourneau"


@pytest.mark.parametrize("prefix", ["sainte-b", "Wur", "esch"])
def test_autosuggest_by_prefix(catalog, engine_index, prefix):
    kinds = {"sainte-b": "title", "Wur": "person", "esch": "place"}
    assert suggestions.suggest(engine_index, prefix)[0].kind == kinds[prefix]


def test_bad_filters_and_sorts_are_explained():
    with pytest.raises(FilterError):
        SearchFilters.parse(period="1950-1900")
    with pytest.raises(FilterError):
        parse_sort("random")
    assert SearchFilters.parse(kind="", creator=" turner ").query_args() == {"creator": "turner"}


@pytest.fixture
def border_catalog(session, engine_index):
    """The same word in a German text and in an English one, and a text in Luxembourgish only."""
    items = {
        # The English one comes first in every tie (inserted first, sorted first).
        "english": make_item(session, title="Usine A", descriptions={"en": "Micheville"}),
        "german": make_item(session, title="Usine B", descriptions={"de": "Micheville"}),
        "cite": make_item(session, title="Cité ouvrière de Cantebonne"),
        "lb": make_item(session, title="Maison C", titles={"fr": "Maison C", "lb": "Eisebunn zu Öttingen"}),
    }
    session.expire_all()
    engine_index.rebuild(item_search.documents(session))
    return {name: item.identifier for name, item in items.items()}


@pytest.mark.parametrize("lang, first", [("lb", "german"), ("de", "german"), ("en", "english")])
def test_luxembourgish_readers_count_german_texts_as_their_own(border_catalog, engine_index, lang, first):
    found = identifiers(service.search(engine_index, "Micheville", lang=lang))
    assert len(found) == 2 and found[0] == border_catalog[first]


def test_luxembourgish_words_find_their_equivalents_and_luxembourgish_texts(border_catalog, engine_index):
    assert identifiers(service.search(engine_index, "Aarbechtersiedlung", lang="lb")) == [border_catalog["cite"]]
    found = service.search(engine_index, "eisebunn ottingen", lang="lb").hits
    assert [(hit.identifier, hit.title_lang) for hit in found] == [(border_catalog["lb"], "lb")]
