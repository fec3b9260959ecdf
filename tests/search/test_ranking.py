"""The fast paths give Whoosh's own answers: postings and lengths, scores, facet counts, orders.

The index here has several segments and deleted documents, as a live index has after edits.
"""

import numpy as np
import pytest
from whoosh import query as q

from app.search import columns, postings, schema
from app.search import query as user_query
from app.search.glossary import load
from app.search.ranking import Ranker
from app.search.schemas import SearchFilters

TITLES = ["Église Saint-Martin", "Haut-fourneau de Micheville", "Cité ouvrière du Bois", "Église de Villerupt",
          "Mine de fer", "Hochofen in Esch-Uelzecht", "Maison du directeur", "Church of Saint Martin",
          "Chapelle Sainte-Barbe", "Hauts-fourneaux de Villerupt", "Ancienne mine de fer du Bois"]
QUERIES = ["église", "saint martin", "haut fourneau", '"mine de fer"', "Villerupt", "fer bois", "Hochofen",
           "eglise villerupt", '"saint martin"', "directeur", "cite ouvriere"]


def document(n: int, title: str) -> dict:
    return {"id": n, "identifier": f"RANK-{n:03d}", "kind": "building" if n % 3 else "photograph",
            "language": "en" if "Church" in title else "fr", "titles": {"en" if "Church" in title else "fr": title},
            "descriptions": {"fr": f"{title}, à Villerupt. " * (n % 4 + 1)},
            "people": [f"Personne {n % 4}"], "places": ["Villerupt"], "place": ("villerupt", "Villerupt"),
            "creators": [(f"personne-{n % 4}", f"Personne {n % 4}")], "subjects": [(f"sujet-{n % 2}", "sidérurgie")],
            "collections": [("patrimoine", {"fr": "Patrimoine"})] if n % 2 else [],
            "date_text": str(1850 + 10 * n), "date_earliest": 1850 + 10 * n if n % 5 else None,
            "date_latest": 1855 + 10 * n if n % 5 else None, "sort_title": title.casefold(), "updated": f"2026-01-{n:02d}"}


@pytest.fixture
def segmented(index):
    """Eleven items written in three commits (three segments), then two of them deleted."""
    docs = [document(n, title) for n, title in enumerate(TITLES, start=1)]
    index.update(docs[:4])
    index.update(docs[4:8])
    index.update(docs[8:])
    index.delete([2, 9])
    searcher = index.searcher()
    assert len(searcher.reader().leaf_readers()) > 1 and searcher.reader().has_deletions()
    return index


def whoosh_scores(searcher, query) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(query, limit=None, terms=False)}


def test_postings_and_lengths_read_whole_equal_the_matcher_interface(segmented):
    searcher = segmented.searcher()
    checked = 0
    for reader, _offset in searcher.reader().leaf_readers():
        for field_name in ("title_fr", "text_fr", "names", "pairs_fr", "kind", "ident"):
            for text in list(reader.field_terms(field_name)):
                ids, weights = postings.term_postings(reader, field_name, text)
                live = [(d, w) for d, w in zip(ids.tolist(), weights.tolist()) if not reader.is_deleted(d)]
                expected = postings.matcher_arrays(reader.postings(field_name, text))  # deleted ones left out
                assert [d for d, _w in live] == expected[0].tolist()
                assert [w for _d, w in live] == pytest.approx(expected[1].tolist())
                checked += 1
            assert postings.length_bytes(reader, field_name).tolist() == \
                postings.slow_length_bytes(reader, field_name).tolist()
    assert checked > 100
    assert postings.term_postings(searcher.reader().leaf_readers()[0][0], "title_fr", "absent")[0].size == 0


@pytest.mark.parametrize("text", QUERIES)
def test_scores_are_whooshs_own(segmented, text):
    searcher = segmented.searcher()
    query = user_query.build(user_query.parse(text), load())
    matches = Ranker(searcher, {}).matches(query)
    expected = whoosh_scores(searcher, query)
    found = {int(d): float(matches.scores[d]) for d in matches.docnums()}
    assert found.keys() == expected.keys() and found
    for docnum, score in expected.items():
        assert found[docnum] == pytest.approx(score, rel=1e-6)


def test_fuzzy_words_match_what_whoosh_matches_scored_as_the_words_they_stand_for(segmented):
    searcher = segmented.searcher()
    fuzzy = user_query.build(user_query.parse("fournau"), load(), fuzzy=True)
    matches = Ranker(searcher, {}).matches(fuzzy)
    assert set(matches.docnums().tolist()) == whoosh_scores(searcher, fuzzy).keys() != set()
    spelled = Ranker(searcher, {}).matches(user_query.build(user_query.parse("fourneau"), load()))
    assert matches.scores.tolist() == pytest.approx(spelled.scores.tolist())


def test_deleted_documents_never_match(segmented):
    searcher = segmented.searcher()
    matches = Ranker(searcher, {}).matches(q.Or([q.Term("kind", "building"), q.Term("kind", "photograph")]))
    identifiers = {searcher.stored_fields(int(d))["id"] for d in matches.docnums()}
    assert identifiers == {str(n) for n in range(1, 12)} - {"2", "9"}
    assert len(Ranker(searcher, {}).every()) == 9


def test_filters_facets_and_orders_agree_with_a_plain_count(segmented):
    searcher = segmented.searcher()
    cache = columns.searcher_cache(searcher)
    ranker = Ranker(searcher, cache)
    stored = {d: searcher.stored_fields(d) for d in range(searcher.doc_count_all()) if not searcher.reader().is_deleted(d)}
    ids = {d: int(fields["id"]) for d, fields in stored.items()}
    docs = {n: document(n, title) for n, title in enumerate(TITLES, start=1)}

    allowed = columns.filter_mask(searcher, SearchFilters(kind="building", period=(1890, 1950)))
    matches = ranker.every(allowed)
    expected = {n for n in ids.values() if docs[n]["kind"] == "building" and docs[n]["date_earliest"] is not None
                and docs[n]["date_earliest"] <= 1950 and docs[n]["date_latest"] >= 1890}
    assert {ids[int(d)] for d in matches.docnums()} == expected and expected

    everything = ranker.every()
    counts = dict(columns.facet_counts(searcher, "collection", everything.docnums()))
    assert counts == {"patrimoine": sum(1 for n in ids.values() if n % 2)}
    decades = dict(columns.facet_counts(searcher, "decade", everything.docnums()))
    assert sum(decades.values()) == sum(1 for n in ids.values() if docs[n]["date_earliest"] is not None)

    by_title = [ids[d] for d in columns.first_in_order(searcher, everything, "title", 5)]
    assert by_title == sorted(ids.values(), key=lambda n: schema.fold(docs[n]["sort_title"]))[:5]
    by_date = [ids[d] for d in columns.first_in_order(searcher, everything, "date", 20)]
    assert by_date == sorted(ids.values(), key=lambda n: (docs[n]["date_earliest"] or schema.NO_DATE,
                                                          schema.fold(docs[n]["sort_title"])))


def test_relevance_order_breaks_ties_by_index_order(segmented):
    searcher = segmented.searcher()
    matches = Ranker(searcher, {}).matches(user_query.build(user_query.parse("Villerupt"), load()))
    ordered = columns.first_in_order(searcher, matches, "relevance", 50)
    scores = [float(matches.scores[d]) for d in ordered]
    assert scores == sorted(scores, reverse=True)
    assert all(a < b for (a, sa), (b, sb) in zip(zip(ordered, scores), zip(ordered[1:], scores[1:])) if sa == sb)
    assert columns.first_in_order(searcher, matches, "relevance", 3) == ordered[:3]
