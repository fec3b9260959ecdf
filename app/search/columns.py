"""What the search service knows about every document of a searcher, as arrays: filter masks,
facet values and sort orders, each built once per searcher (segments' parts once per segment).

Facet values come from the facet fields' posting lists (one array per value), so counting the
facets of a result is a `bincount` over the matched documents' values.
"""

import numpy as np
from whoosh import query as q

from app.search import dates
from app.search.postings import term_postings
from app.search.ranking import Matches
from app.search.reading import Limited, Reading, segment_id
from app.search.schemas import SearchFilters

FILTER_FIELDS = {
    "kind": "kind",
    "collection": "collection",
    "place": "place",
    "creator": "creator",
    "subject": "subject_facet",
    "exhibit": "exhibit",
}
MASKS_KEPT = 64  # filter masks kept per index state (a mask is one byte per document)


# Filters: one cached mask per (searcher, filter value)


def filter_mask(reading: Reading, filters: SearchFilters) -> np.ndarray | None:
    """True for each document the filters allow (None: no filter). Cached masks are never changed."""
    searcher = reading.searcher
    cache = reading.cache.setdefault("filters", Limited(MASKS_KEPT))
    masks = []
    for name, field_name in FILTER_FIELDS.items():
        value = getattr(filters, name)
        if value:
            masks.append(_mask(cache, (field_name, value), searcher, q.Term(field_name, value)))
    if filters.period:
        masks.append(dates.overlapping(reading, filters.period))
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


def facet_counts(
    reading: Reading, field_name: str, docs: np.ndarray, limit: int | None = None
) -> list[tuple[str, int]]:
    """(value, number of the documents `docs` that have it) for every value present among them; with `limit`,
    only the `limit` most frequent, most frequent first (ties by value)."""
    starts, codes, vocabulary, alphabetical = _facet_values(reading, field_name)
    first = starts[docs]
    lengths = starts[docs + 1] - first
    total = int(lengths.sum())
    if not total:
        return []
    # The positions of every matched document's values, without a Python loop over documents.
    positions = np.arange(total) + np.repeat(first - (np.cumsum(lengths) - lengths), lengths)
    counts = np.bincount(codes[positions], minlength=len(vocabulary))
    present = np.flatnonzero(counts)
    if limit is not None:  # thousands of names match a common word: only the ones shown become Python objects
        present = present[np.lexsort((alphabetical[present], -counts[present]))[:limit]]
    return [(vocabulary[code], int(counts[code])) for code in present]


def _facet_values(reading: Reading, field_name: str) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """(first value position of each document, value numbers, values, each value's place in alphabetical order)."""
    cache, searcher = reading.cache, reading.searcher
    if ("facet", field_name) not in cache:
        vocabulary: dict[str, int] = {}
        all_docs, all_codes = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for reader, offset in searcher.reader().leaf_readers():
            docs, codes, values = _segment_pairs(reading.segments, reader, field_name)
            numbers = np.array([vocabulary.setdefault(value, len(vocabulary)) for value in values], dtype=np.int64)
            all_docs.append(docs + offset)
            all_codes.append(numbers[codes] if len(values) else codes)
        docs, codes = np.concatenate(all_docs), np.concatenate(all_codes)
        order = np.argsort(docs, kind="stable")
        starts = np.zeros(searcher.doc_count_all() + 1, np.int64)
        np.cumsum(np.bincount(docs, minlength=searcher.doc_count_all()), out=starts[1:])
        values = list(vocabulary)
        alphabetical = np.empty(len(values), np.int64)
        alphabetical[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
        cache[("facet", field_name)] = (starts, codes[order], values, alphabetical)
    return cache[("facet", field_name)]


def _segment_pairs(segments: dict, reader, field_name: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(documents, value numbers, values) of one segment, deleted documents included."""
    key = (segment_id(reader), f"facet:{field_name}")
    if key not in segments:
        values = list(reader.field_terms(field_name))
        docs, codes = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for number, value in enumerate(values):
            ids, _weights = term_postings(reader, field_name, value)
            docs.append(ids)
            codes.append(np.full(len(ids), number, np.int64))
        segments[key] = (np.concatenate(docs), np.concatenate(codes), values)
    return segments[key]


# Order: a rank for every document, by title or by date then title (ties: index order)


def first_in_order(
    reading: Reading, matches: Matches, sort: str, count: int, docs: np.ndarray | None = None
) -> list[int]:
    """The first `count` matched documents (`docs`, if already known): by score (highest first),
    "title" or "date"."""
    docs = matches.docnums() if docs is None else docs
    if sort == "relevance":
        keys = -matches.scores[docs]
    else:
        keys = _ranks(reading, sort)[docs]
    if len(docs) > count:
        # Only the first `count` are sorted; ties at the cut are decided by index order below.
        cut = np.partition(keys, count - 1)[count - 1]
        keep = keys <= cut
        docs, keys = docs[keep], keys[keep]
    return [int(docnum) for docnum in docs[np.lexsort((docs, keys))][:count]]


def _ranks(reading: Reading, sort: str) -> np.ndarray:
    cache = reading.cache
    if ("rank", sort) not in cache:
        titles, years = [], []
        for reader, _offset in reading.searcher.reader().leaf_readers():
            titles += _segment_column(reading.segments, reader, "sort_title")
            years += dates.segment_numbers(reading.segments, reader, "sort_date").tolist()
        key = titles.__getitem__ if sort == "title" else lambda docnum: (years[docnum], titles[docnum])
        ranks = np.empty(len(titles), np.int64)
        ranks[sorted(range(len(titles)), key=key)] = np.arange(len(titles))
        cache[("rank", sort)] = ranks
    return cache[("rank", sort)]


def record_ids(reading: Reading) -> np.ndarray:
    """The record id of every document (deleted ones included), indexed by document number."""
    cache = reading.cache
    if "ids" not in cache:
        ids = [np.zeros(0, np.int64)]
        for reader, _offset in reading.searcher.reader().leaf_readers():
            if reader.doc_count_all():  # an empty index's reader has no columns at all
                values = _segment_column(reading.segments, reader, "id")
                ids.append(np.array([int(value or 0) for value in values], np.int64))
        cache["ids"] = np.concatenate(ids)
    return cache["ids"]


def _segment_column(segments: dict, reader, field_name: str) -> list:
    key = (segment_id(reader), f"column:{field_name}")
    if key not in segments:
        segments[key] = list(reader.column_reader(field_name))
    return segments[key]
