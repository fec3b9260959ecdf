"""Searching the catalog: ranked hits with highlighted extracts, facet counts, spelling corrections."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from whoosh import query as q

from app.localize import Localized, localized
from app.search import beside as beside_search
from app.search import columns, registry, schema, spelling
from app.search import moments as said_moments
from app.search import query as user_query
from app.search.analysis import ANALYZED, field_language, word_terms
from app.search.dates import typed_period
from app.search.extracts import excerpt, highlight, spans
from app.search.glossary import Glossary, load
from app.search.index import IndexUnavailable, SearchIndex
from app.search.ranking import Matches, Ranker
from app.search.reading import Limited, Reading
from app.search.schemas import SearchFilters

SNIPPET_CHARS = 220
FACET_LIMIT = 20
FACET_NAMES = {
    "kind": "kind",
    "collection": "collection",
    "century": "century",
    "decade": "decade",
    "place": "place",
    "creator": "creator",
    "subject_facet": "subject",
    "exhibit": "exhibit",
}
PARTIAL_BELOW = 20  # fewer items with every word than this: items with some of them follow
LABELS_KEPT = 10_000  # facet labels kept per index state
# Searches run at once in this process; the others wait their turn. Python runs one thread at a time,
# so eight searches at once only take turns, each slower (on the real corpus with 8 clients: 61 pages/s
# at 8, 72 at 2, 79 at 1). Two, so that one slow search does not hold up every other.
SEARCHES_AT_ONCE = 2
_searching = threading.BoundedSemaphore(SEARCHES_AT_ONCE)


@dataclass(frozen=True)
class Hit:
    item_id: int
    identifier: str
    kind: str
    title: str
    title_lang: str
    title_html: str
    snippet_html: str
    date_text: str | None
    score: float | None = None
    moments: tuple[said_moments.Moment, ...] = ()  # where the words are said in it, best first (interviews)
    more_moments: int = 0  # how many more of its moments match


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    page: int = 1
    per_page: int = 20
    complete: int = 0  # how many of the `total` items have every word (they come first)
    interviews: list[said_moments.Group] = field(default_factory=list)  # the records with the best moments
    beside: list[beside_search.Found] = field(default_factory=list)  # exhibits with every word (first page, no filters)


NO_FILTERS = SearchFilters()
MAP_NEEDS_WHOOSH = "The map is not available with the PostgreSQL search engine yet (MUSEUM_SEARCH_ENGINE=postgres)."


def search(
    index: SearchIndex,
    text: str,
    filters: SearchFilters = NO_FILTERS,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    lang: str = "fr",
    glossary: Glossary | None = None,
) -> SearchResults:
    """One page of published items matching the visitor's words and the filters."""
    if index.engine_name != "whoosh":  # PostgreSQL: app/search/pg/searching.py
        options = {"sort": sort, "page": page, "per_page": per_page, "lang": lang, "glossary": glossary}
        return cast(SearchResults, index.search(text, filters, **options))  # type: ignore[attr-defined]
    with _searching, index.reading() as reading:
        units = user_query.parse(text)
        ranker = Ranker(reading)
        clauses, matches, suggestion = _best_query(
            reading, ranker, units, columns.filter_mask(reading, filters), glossary or load(), lang
        )
        matched = matches.docnums()
        marks = user_query.marks(clauses) if len(matched) else {}
        start = (page - 1) * per_page
        order = sort if sort in ("title", "date") else ("relevance" if units else "title")
        docnums = columns.first_in_order(reading, matches, order, start + per_page, matched)[start:]
        stored = [(reading.searcher.stored_fields(docnum), float(matches.scores[docnum])) for docnum in docnums]
        found = SearchResults(
            len(matched),
            [],
            _facets(reading, matched, lang),
            suggestion,
            page,
            per_page,
            complete=matches.complete if units else len(matched),
        )
    said = _moments(index, clauses, units, filters, [int(fields["id"]) for fields, _score in stored], lang)
    groups = said.of_records
    found.hits = [_hit(fields, score, marks, lang, groups.get(int(fields["id"]))) for fields, score in stored]
    found.interviews = said.best
    if page == 1 and not filters.query_args():
        found.beside = _beside(index, clauses if suggestion is None else [], units, glossary or load(), lang)
    return found


@contextmanager
def searching(index: SearchIndex) -> Iterator[Reading]:
    """A reading of the index, in turn with the searches (for other views of the results: the map).

    Whoosh only: the map reads its points from the index's columns, which the PostgreSQL engine does not have."""
    if index.engine_name != "whoosh":
        raise IndexUnavailable(MAP_NEEDS_WHOOSH)
    with _searching, index.reading() as reading:
        yield reading


MATCHES_KEPT = 16  # text matches kept per index state for the map (one byte per document each)


def matching(reading: Reading, text: str, filters: SearchFilters = NO_FILTERS, lang: str = "fr") -> np.ndarray:
    """True for each document that `search` counts for these words and filters (cached per index state: the map
    asks again at every move)."""
    cache = reading.cache.setdefault("matching", Limited(MATCHES_KEPT))
    found = cache.get((text, filters, lang))  # read once: another thread may push it out meanwhile
    if found is None:
        allowed = columns.filter_mask(reading, filters)
        _clauses, matches, _fix = _best_query(reading, Ranker(reading), user_query.parse(text), allowed, load(), lang)
        found = cache[(text, filters, lang)] = matches.matched
    return found


def matching_ids(index: SearchIndex, text: str, filters: SearchFilters = NO_FILTERS, *, lang: str = "fr") -> list[int]:
    """The ids of every item `search` counts in its total for these words and filters (in no order): for pages
    that show the same items another way (the timeline)."""
    if index.engine_name != "whoosh":
        return index.matching_ids(text, filters, lang)  # type: ignore[attr-defined]
    with searching(index) as reading:
        return columns.record_ids(reading)[matching(reading, text, filters, lang)].tolist()


def _beside(index: SearchIndex, clauses, units, glossary: Glossary, lang: str) -> list[beside_search.Found]:
    """The exhibits (records found beside the items) having every word, as typed: the items' clauses unless a
    spelling correction changed them (the items' index does not know the exhibits' words)."""
    if not units:
        return []
    if not clauses or not all(clause.alternatives for clause in clauses):
        clauses = user_query.build(units, glossary, None, lang)
    with _searching:
        return beside_search.find(index, clauses, user_query.proximity(units), user_query.marks(clauses), lang)


def _moments(index: SearchIndex, clauses, units, filters, wanted: list[int], lang: str) -> said_moments.Found:
    """The moments of the interviews among the hits, and the interviews with the best moments."""
    if not clauses:
        return said_moments.NOTHING
    with _searching:
        side_by_side = user_query.proximity(units)
        return said_moments.find(index, clauses, side_by_side, user_query.marks(clauses), filters, wanted, lang)


def _best_query(reading, ranker: Ranker, units, allowed, glossary, lang: str) -> tuple[list, Matches, str | None]:
    """The clauses answered, every document they match with its score, and the corrected spelling
    of the words the index does not know (if any).

    Items with every clause come first; when fewer than a page of them exist, items with most of
    the clauses follow, ranked below.
    """
    if not units:
        return [], ranker.every(allowed), None
    fixes = _corrections(reading, units)
    clauses = user_query.build(units, glossary, fixes, lang)
    matches = ranker.matches(clauses, allowed, PARTIAL_BELOW, user_query.proximity(units))
    suggestion = " ".join(fixes[word][0] if fixes.get(word) else word for word in user_query.plain_words(units))
    return clauses, matches, suggestion if any(fixes.values()) else None


def _corrections(reading, units) -> dict[str, list[str]]:
    """{unknown word: the known words it may be a misspelling of}, for the first few unknown words."""
    found: dict[str, list[str]] = {}
    for word in user_query.plain_words(units):
        if len(found) >= spelling.MAX_WORDS:
            break
        # A year is matched against the items' dates, never "corrected" to a word the index knows.
        if word not in found and typed_period(word) is None and not _known(reading.searcher.reader(), word):
            found[word] = spelling.corrections(reading, word)
    return found


# Facets: counted over the matched documents, labelled from the items' stored names


def _facets(reading, matched, lang: str) -> dict[str, list[tuple[str, str, int]]]:
    return {
        name: _labelled(
            reading, field_name, columns.facet_counts(reading, field_name, matched, _limit(field_name)), lang
        )
        for field_name, name in FACET_NAMES.items()
    }


def _labelled(reading, field_name: str, rows, lang: str) -> list[tuple[str, str, int]]:
    if field_name in ("century", "decade"):
        width = 100 if field_name == "century" else 10
        return [(f"{v}-{int(v) + width - 1}", f"{v}–{int(v) + width - 1}", n) for v, n in sorted(rows, key=_year)]
    return [(value, _label(reading, field_name, value, lang), count) for value, count in rows]


def _limit(field_name: str) -> int | None:
    """How many values a facet shows: every century and decade, in order of time; the most frequent others."""
    return None if field_name in ("century", "decade") else FACET_LIMIT


def _year(row) -> int:
    return int(row[0])


def _label(reading, field_name: str, value: str, lang: str) -> str:
    if field_name == "kind":
        return str(registry.source().kinds.get(value, value))
    labels = reading.cache.setdefault("labels", Limited(LABELS_KEPT))
    if (field_name, value, lang) not in labels:
        labels[(field_name, value, lang)] = _stored_label(reading.searcher, field_name, value, lang)
    return labels[(field_name, value, lang)]


def _stored_label(searcher, field_name: str, value: str, lang: str) -> str:
    docnum = next(iter(searcher.docs_for_query(q.Term(field_name, value))), None)
    labels = json.loads(searcher.stored_fields(docnum)["display"])["labels"] if docnum is not None else {}
    label = labels.get(field_name, {}).get(value, value)
    if isinstance(label, dict):
        found = localized(label, "fr", lang)
        return found.value if found else value
    return label


# Hits and highlighted extracts: HTML text with <mark> around what matched. Only &, < and > are escaped:
# the extracts go into element text, never attributes, and API clients got `s&#x27;installe` otherwise.


def _hit(stored: dict, score: float, marks: dict[str, set[str]], lang: str, said: said_moments.Group | None) -> Hit:
    """A result; an interview's extract is its best moment (its whole transcript is not scanned again)."""
    display = json.loads(stored["display"])
    title = localized(display["titles"], display["language"], lang) or Localized(display["identifier"], "")
    title_field = schema.text_field("title", field_language(title.lang))
    return Hit(
        item_id=int(stored["id"]),
        identifier=display["identifier"],
        kind=display["kind"],
        title=title.value,
        title_lang=title.lang,
        title_html=highlight(title.value, field_language(title.lang), marks.get(title_field, set()), None),
        snippet_html=said.moments[0].snippet_html if said else _snippet(stored, marks, lang, display["language"]),
        date_text=display.get("date_text"),
        score=score,
        moments=said.moments if said else (),
        more_moments=said.more if said else 0,
    )


def _snippet(stored: dict, marks: dict[str, set[str]], lang: str, original: str) -> str:
    preferred = [field_language(lang), field_language(original)] + list(ANALYZED)
    candidates = [(schema.text_field(kind, code), code) for kind in ("text", "transcript") for code in preferred]
    best: tuple[str, list[tuple[int, int]]] | None = None  # (field, spans) with the most spans
    for field_name, code in dict.fromkeys(candidates):
        if stored.get(field_name):
            found = spans(stored[field_name], code, marks.get(field_name, set()))
            if best is None or len(found) > len(best[1]):
                best = field_name, found
    if best is None:
        return ""
    return excerpt(stored[best[0]], best[1], SNIPPET_CHARS)


def _known(reader, word: str) -> bool:
    """True when some searched field holds the word (in that field's analysis)."""
    for field_name, lang, _weight in schema.searched_fields():
        terms = word_terms(lang, word)
        if terms.stems and all(reader.frequency(field_name, stem) for stem in terms.stems):
            return True
    return reader.frequency("ident", word.casefold()) > 0


def warm(reading) -> None:
    """Build what searches of this index state need (facet values, orders, the spelling dictionary)."""
    ranker = Ranker(reading)
    everything = ranker.every()
    _facets(reading, everything.docnums(), "fr")
    for order in ("title", "date"):
        columns.first_in_order(reading, everything, order, 1)
    spelling.corrections(reading, "warm")


def browse_facets(index: SearchIndex, filters, lang: str) -> dict[str, list[tuple[str, str, int]]]:
    """Facet counts for the browse page's filters, from the index; none while it cannot answer."""
    wanted = SearchFilters(
        kind=filters.kind,
        collection=filters.collection,
        place=filters.place,
        period=filters.period,
        creator=filters.creator,
        subject=filters.subject,
    )
    try:
        return search(index, "", wanted, per_page=1, lang=lang).facets
    except IndexUnavailable:
        return {}
