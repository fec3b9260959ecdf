"""What the search service knows about every document of a searcher, as arrays: filter masks,
facet values and sort orders, each built once per searcher (segments' parts once per segment).

Facet values come from the facet fields' posting lists (one array per value), so counting the
facets of a result is a `bincount` over the matched documents' values.
"""

import threading

import numpy as np
from whoosh import query as q

from app.search.postings import term_postings
from app.search.ranking import Matches
from app.search.schemas import SearchFilters

FILTER_FIELDS = {"kind": "kind", "collection": "collection", "place": "place",
                 "creator": "creator", "subject": "subject_facet"}
STATES_KEPT = 4  # index states whose caches are kept (searchers of an older state may still be open)
_segments: dict[tuple[str, str], object] = {}  # (segment id, what) -> arrays; segments never change
_states: dict[tuple, dict] = {}
_states_lock = threading.Lock()


def searcher_cache(searcher) -> dict:
    """A dictionary for one state of the index, shared by every thread's searcher of that state.

    A state is its segments and their live document counts: a segment never changes, and its
    deletions only grow, so the same key always means the same documents.
    """
    cache = getattr(searcher, "museum_cache", None)
    if cache is None:
        key = tuple((reader.segment().segment_id(), reader.doc_count_all(), reader.doc_count())
                    for reader, _offset in searcher.reader().leaf_readers() if hasattr(reader, "segment"))
        with _states_lock:
            cache = _states.pop(key, None) or {}
            _states[key] = cache  # most recently used last
            while len(_states) > STATES_KEPT:
                _states.pop(next(iter(_states)))
        searcher.museum_cache = cache
    return cache


# Filters: one cached mask per (searcher, filter value)

def filter_mask(searcher, filters: SearchFilters) -> np.ndarray | None:
    """True for each document the filters allow (None: no filter). Cached masks are never changed."""
    cache = searcher_cache(searcher).setdefault("filters", {})
    masks = []
    for name, field_name in FILTER_FIELDS.items():
        value = getattr(filters, name)
        if value:
            masks.append(_mask(cache, (field_name, value), searcher, q.Term(field_name, value)))
    if filters.period:
        if ("period", filters.period) not in cache:
            first, last = filters.period
            earliest, latest = _numbers(searcher, "date_earliest"), _numbers(searcher, "date_latest")
            cache[("period", filters.period)] = (earliest <= last) & (latest >= first)  # overlaps the period
        masks.append(cache[("period", filters.period)])
    if not masks:
        return None
    return masks[0] if len(masks) == 1 else np.logical_and.reduce(masks)


def _mask(cache: dict, key, searcher, query: q.Query) -> np.ndarray:
    if key not in cache:
        mask = np.zeros(searcher.doc_count_all(), bool)
        mask[list(searcher.docs_for_query(query))] = True
        cache[key] = mask
    return cache[key]


# Facets: each document's value numbers (CSR: `codes[starts[d]:starts[d + 1]]`), counted over the matches

def facet_counts(searcher, field_name: str, docs: np.ndarray) -> list[tuple[str, int]]:
    """(value, number of the documents `docs` that have it) for every value present among them."""
    starts, codes, vocabulary = _facet_values(searcher, field_name)
    first = starts[docs]
    lengths = starts[docs + 1] - first
    total = int(lengths.sum())
    if not total:
        return []
    # The positions of every matched document's values, without a Python loop over documents.
    positions = np.arange(total) + np.repeat(first - (np.cumsum(lengths) - lengths), lengths)
    counts = np.bincount(codes[positions], minlength=len(vocabulary))
    return [(vocabulary[code], int(counts[code])) for code in np.flatnonzero(counts)]


def _facet_values(searcher, field_name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    cache = searcher_cache(searcher)
    if ("facet", field_name) not in cache:
        vocabulary: dict[str, int] = {}
        all_docs, all_codes = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for reader, offset in searcher.reader().leaf_readers():
            docs, codes, values = _segment_pairs(reader, field_name)
            numbers = np.array([vocabulary.setdefault(value, len(vocabulary)) for value in values], dtype=np.int64)
            all_docs.append(docs + offset)
            all_codes.append(numbers[codes] if len(values) else codes)
        docs, codes = np.concatenate(all_docs), np.concatenate(all_codes)
        order = np.argsort(docs, kind="stable")
        starts = np.zeros(searcher.doc_count_all() + 1, np.int64)
        np.cumsum(np.bincount(docs, minlength=searcher.doc_count_all()), out=starts[1:])
        cache[("facet", field_name)] = (starts, codes[order], list(vocabulary))
    return cache[("facet", field_name)]


def _segment_pairs(reader, field_name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(documents, value numbers, values) of one segment, deleted documents included."""
    key = (reader.segment().segment_id(), f"facet:{field_name}")
    if key not in _segments:
        values = list(reader.field_terms(field_name))
        docs, codes = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for number, value in enumerate(values):
            ids, _weights = term_postings(reader, field_name, value)
            docs.append(ids)
            codes.append(np.full(len(ids), number, np.int64))
        _remember(key, (np.concatenate(docs), np.concatenate(codes), values))
    return _segments[key]


# Order: a rank for every document, by title or by date then title (ties: index order)

def first_in_order(searcher, matches: Matches, sort: str, count: int, docs: np.ndarray | None = None) -> list[int]:
    """The first `count` matched documents (`docs`, if already known): by score (highest first),
    "title" or "date"."""
    docs = matches.docnums() if docs is None else docs
    if sort == "relevance":
        keys = -matches.scores[docs]
    else:
        keys = _ranks(searcher, sort)[docs]
    if len(docs) > count:
        # Only the first `count` are sorted; ties at the cut are decided by index order below.
        cut = np.partition(keys, count - 1)[count - 1]
        keep = keys <= cut
        docs, keys = docs[keep], keys[keep]
    return [int(docnum) for docnum in docs[np.lexsort((docs, keys))][:count]]


def _numbers(searcher, field_name: str) -> np.ndarray:
    """A numeric column of every document (dates: items without one hold the column's default)."""
    return np.concatenate([np.zeros(0, np.int64)] + [_segment_numbers(reader, field_name)
                                                     for reader, _offset in searcher.reader().leaf_readers()])


def _segment_numbers(reader, field_name: str) -> np.ndarray:
    key = (reader.segment().segment_id(), f"numbers:{field_name}")
    if key not in _segments:
        _remember(key, np.array(reader.column_reader(field_name).load(), dtype=np.int64))
    return _segments[key]


def _ranks(searcher, sort: str) -> np.ndarray:
    cache = searcher_cache(searcher)
    if ("rank", sort) not in cache:
        titles, dates = [], []
        for reader, _offset in searcher.reader().leaf_readers():
            titles += _segment_column(reader, "sort_title")
            dates += _segment_numbers(reader, "sort_date").tolist()
        key = titles.__getitem__ if sort == "title" else lambda docnum: (dates[docnum], titles[docnum])
        ranks = np.empty(len(titles), np.int64)
        ranks[sorted(range(len(titles)), key=key)] = np.arange(len(titles))
        cache[("rank", sort)] = ranks
    return cache[("rank", sort)]


def _segment_column(reader, field_name: str) -> list:
    key = (reader.segment().segment_id(), f"column:{field_name}")
    if key not in _segments:
        _remember(key, list(reader.column_reader(field_name)))
    return _segments[key]


def _remember(key, value) -> None:
    if len(_segments) > 1000:  # segments merged away long ago
        _segments.clear()
    _segments[key] = value
