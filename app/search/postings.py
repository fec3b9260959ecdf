"""Whole posting lists and length columns of one index segment, as numpy arrays.

Whoosh's matchers read postings one document at a time, through several method calls each; a
ranked query over 100,000 items spends most of its time there. These functions hand back a
term's document numbers and weights, and a field's one-byte lengths, as arrays.

They rely on the block layout of whoosh-reloaded 2.7.5 (pinned in pyproject.toml): each block's
data is (gaps between ids, weights or None or one float, values). Any other matcher is read
through the public, slower Matcher interface, and tests/search/test_postings.py checks that both
ways agree, so an upgrade that changes the layout fails a test instead of a search.
"""

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import length_to_byte

EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.float64))


def term_postings(reader, field_name: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of the term in this segment, deleted documents included."""
    try:
        matcher = reader.postings(field_name, text)
    except TermNotFound:
        return EMPTY
    if isinstance(matcher, FilterMatcher):  # deletions: the caller leaves deleted documents out
        matcher = matcher.child
    if type(matcher) is W3LeafMatcher and not matcher._byteids:
        return _leaf_arrays(matcher)
    return matcher_arrays(matcher)


def _leaf_arrays(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    ids, weights = [], []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        gaps, stored = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids.append(np.cumsum(np.array(gaps, dtype=np.int64)))  # ids are stored as gaps from the previous one
        if stored is None:
            weights.append(np.ones(count))
        elif isinstance(stored, float):
            weights.append(np.full(count, stored))
        else:
            weights.append(np.array(stored, dtype=np.float64))
        matcher._next_block()
    if not ids:
        return EMPTY
    return np.concatenate(ids), np.concatenate(weights)


def matcher_arrays(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Any matcher's postings, read one at a time through the public interface."""
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)


def length_bytes(reader, field_name: str) -> np.ndarray:
    """The encoded length (Whoosh's one-byte form) of `field_name` in every document of this segment."""
    count = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = perdoc._cached_reader(_lenfield(field_name), LENGTHS_COLUMN) if perdoc is not None else None
    if column is None or not hasattr(column, "_basepos"):
        return slow_length_bytes(reader, field_name)
    stored = column._dbfile.get(column._basepos, min(column._count, count)) if column._count else b""
    lengths = np.zeros(count, np.uint8)
    lengths[: len(stored)] = np.frombuffer(stored, np.uint8)
    return lengths


def slow_length_bytes(reader, field_name: str) -> np.ndarray:
    """The same lengths through the public, one-document-at-a-time interface."""
    return np.array(
        [length_to_byte(reader.doc_field_length(docnum, field_name, 0)) for docnum in range(reader.doc_count_all())],
        dtype=np.uint8,
    )
