"""The fast paths give the answers a plain reading through Whoosh's interface gives: postings and
lengths, scores, facet counts, orders.

The index here has several segments and deleted documents, as a live index has after edits.
"""

import math

import pytest
from whoosh.util.numeric import byte_to_length, length_to_byte

from app.search import columns, postings, schema
from app.search import query as user_query
from app.search.glossary import load
from app.search.ranking import K1, B, Ranker
from app.search.schemas import SearchFilters

TITLES = [
    "Église Saint-Martin",
    "Haut-fourneau de Micheville",
    "Cité ouvrière du Bois",
    "Église de Villerupt",
    "Mine de fer",
    "Hochofen in Esch-Uelzecht",
    "Maison du directeur",
    "Church of Saint Martin",
    "Chapelle Sainte-Barbe",
    "Hauts-fourneaux de Villerupt",
    "Ancienne mine de fer du Bois",
]
QUERIES = [
    "église",
    "saint martin",
    "haut fourneau",
    '"mine de fer"',
    "Villerupt",
    "fer bois",
    "Hochofen",
    "eglise villerupt",
    '"saint martin"',
    "directeur",
    "cite ouvriere",
]


def document(n: int, title: str) -> dict:
    return {
        "id": n,
        "identifier": f"RANK-{n:03d}",
        "kind": "building" if n % 3 else "photograph",
        "language": "en" if "Church" in title else "fr",
        "titles": {"en" if "Church" in title else "fr": title},
        "descriptions": {"fr": f"{title}, à Villerupt. " * (n % 4 + 1)},
        "people": [f"Personne {n % 4}"],
        "places": ["Villerupt"],
        "place": ("villerupt", "Villerupt"),
        "creators": [(f"personne-{n % 4}", f"Personne {n % 4}")],
        "subjects": [(f"sujet-{n % 2}", "sidérurgie")],
        "collections": [("patrimoine", {"fr": "Patrimoine"})] if n % 2 else [],
        "date_text": str(1850 + 10 * n),
        "date_earliest": 1850 + 10 * n if n % 5 else None,
        "date_latest": 1855 + 10 * n if n % 5 else None,
        "sort_title": title.casefold(),
        "updated": f"2026-01-{n:02d}",
    }


@pytest.fixture
def segmented(index):
    """Eleven items written in three commits (three segments), then two of them deleted."""
    docs = [document(n, title) for n, title in enumerate(TITLES, start=1)]
    index.update(docs[:4])
    index.update(docs[4:8])
    index.update(docs[8:])
    index.delete([2, 9])
    with index.reading() as reading:
        assert len(reading.searcher.reader().leaf_readers()) > 1 and reading.searcher.reader().has_deletions()
    return index


@pytest.fixture
def reading(segmented):
    with segmented.reading() as reading:
        yield reading


def reference_scores(searcher, clause) -> dict[int, float]:
    """The clause's scores computed one document at a time through Whoosh's public reader interface."""
    reader, total = searcher.reader(), searcher.doc_count()
    best: dict[int, float] = {}
    for alt in clause.alternatives:
        sums: dict[int, float] = {}
        for part in alt.parts:
            for docnum, score in part_scores(searcher, reader, part).items():
                sums[docnum] = sums.get(docnum, 0.0) + score * part.weight
        for docnum, score in sums.items():
            best[docnum] = max(best.get(docnum, 0.0), score * alt.factor)
    idf = math.log(1 + (total - len(best) + 0.5) / (len(best) + 0.5))
    return {docnum: score * idf for docnum, score in best.items()}


def part_scores(searcher, reader, part) -> dict[int, float]:
    def term(field_name, text):
        if not reader.frequency(field_name, text):
            return {}
        having = sum(1 for d in range(reader.doc_count_all()) if reader.doc_field_length(d, field_name, 0))
        average = searcher.field_length(field_name) / having
        found = {}
        for docnum, weight in zip(
            *(a.tolist() for a in postings.matcher_arrays(reader.postings(field_name, text))), strict=True
        ):
            length = byte_to_length(length_to_byte(reader.doc_field_length(docnum, field_name, 0)))
            found[docnum] = weight * (K1 + 1) / (weight + K1 * (1 - B + B * length / average))
        return found

    stems = [term(part.field, stem) for stem in part.stems]
    together = set.intersection(*(set(found) for found in stems))
    for pair in part.pairs:
        together &= set(term(part.pairs_field, pair))
    scores = {d: sum(found[d] for found in stems) for d in together}
    if part.joined:
        for docnum, score in term(part.field, part.joined).items():
            scores[docnum] = scores.get(docnum, 0.0) + score
    return scores


def test_postings_and_lengths_read_whole_equal_the_matcher_interface(reading):
    searcher = reading.searcher
    checked = 0
    for reader, _offset in searcher.reader().leaf_readers():
        for field_name in ("title_fr", "text_fr", "names", "pairs_fr", "kind", "ident"):
            for text in list(reader.field_terms(field_name)):
                ids, weights = postings.term_postings(reader, field_name, text)
                live = [(d, w) for d, w in zip(ids.tolist(), weights.tolist(), strict=True) if not reader.is_deleted(d)]
                expected = postings.matcher_arrays(reader.postings(field_name, text))  # deleted ones left out
                assert [d for d, _w in live] == expected[0].tolist()
                assert [w for _d, w in live] == pytest.approx(expected[1].tolist())
                checked += 1
            assert (
                postings.length_bytes(reader, field_name).tolist()
                == postings.slow_length_bytes(reader, field_name).tolist()
            )
    assert checked > 100
    assert postings.term_postings(searcher.reader().leaf_readers()[0][0], "title_fr", "absent")[0].size == 0


@pytest.mark.parametrize("text", QUERIES)
def test_clause_scores_equal_a_plain_computation_through_whooshs_interface(reading, text):
    clauses = user_query.build(user_query.parse(text), load())
    ranker = Ranker(reading)
    checked = 0
    for clause in clauses:
        ids, scores = ranker.clause(clause)
        expected = reference_scores(reading.searcher, clause)
        assert ids.tolist() == sorted(expected) and expected
        assert scores.tolist() == pytest.approx([expected[d] for d in ids.tolist()], rel=1e-9)
        checked += 1
    assert checked


def test_deleted_documents_never_match(reading):
    ranker = Ranker(reading)
    matches = ranker.matches(user_query.build(user_query.parse("sidérurgie"), load()), None, 1)
    identifiers = {reading.searcher.stored_fields(int(d))["id"] for d in matches.docnums()}
    assert identifiers == {str(n) for n in range(1, 12)} - {"2", "9"}
    assert len(ranker.every()) == 9


def test_filters_facets_and_orders_agree_with_a_plain_count(reading):
    searcher = reading.searcher
    ranker = Ranker(reading)
    stored = {
        d: searcher.stored_fields(d) for d in range(searcher.doc_count_all()) if not searcher.reader().is_deleted(d)
    }
    ids = {d: int(fields["id"]) for d, fields in stored.items()}
    docs = {n: document(n, title) for n, title in enumerate(TITLES, start=1)}

    allowed = columns.filter_mask(reading, SearchFilters(kind="building", period=(1890, 1950)))
    matches = ranker.every(allowed)
    expected = {
        n
        for n in ids.values()
        if docs[n]["kind"] == "building"
        and docs[n]["date_earliest"] is not None
        and docs[n]["date_earliest"] <= 1950
        and docs[n]["date_latest"] >= 1890
    }
    assert {ids[int(d)] for d in matches.docnums()} == expected and expected

    everything = ranker.every()
    counts = dict(columns.facet_counts(reading, "collection", everything.docnums()))
    assert counts == {"patrimoine": sum(1 for n in ids.values() if n % 2)}
    decades = dict(columns.facet_counts(reading, "decade", everything.docnums()))
    assert sum(decades.values()) == sum(1 for n in ids.values() if docs[n]["date_earliest"] is not None)

    by_title = [ids[d] for d in columns.first_in_order(reading, everything, "title", 5)]
    assert by_title == sorted(ids.values(), key=lambda n: schema.fold(docs[n]["sort_title"]))[:5]
    by_date = [ids[d] for d in columns.first_in_order(reading, everything, "date", 20)]
    assert by_date == sorted(
        ids.values(), key=lambda n: (docs[n]["date_earliest"] or schema.NO_DATE, schema.fold(docs[n]["sort_title"]))
    )


def test_a_limited_facet_keeps_the_most_frequent_values_ties_by_value(reading):
    everything = Ranker(reading).every().docnums()
    every = columns.facet_counts(reading, "creator", everything)
    expected = sorted(every, key=lambda row: (-row[1], row[0]))
    assert len(expected) == 4
    assert columns.facet_counts(reading, "creator", everything, limit=3) == expected[:3]
    assert columns.facet_counts(reading, "creator", everything, limit=10) == expected


def test_relevance_order_breaks_ties_by_index_order(reading):
    matches = Ranker(reading).matches(user_query.build(user_query.parse("Villerupt"), load()), None, 1)
    ordered = columns.first_in_order(reading, matches, "relevance", 50)
    scores = [float(matches.scores[d]) for d in ordered]
    assert scores == sorted(scores, reverse=True)
    assert all(
        a < b
        for (a, sa), (b, sb) in zip(
            zip(ordered, scores, strict=True), zip(ordered[1:], scores[1:], strict=True), strict=False
        )
        if sa == sb
    )
    assert columns.first_in_order(reading, matches, "relevance", 3) == ordered[:3]
