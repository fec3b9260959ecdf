"""Spelling corrections from a dictionary of the index's words, found within a bounded cost.

The dictionary is every folded word of the items' titles, names and subjects, with the number
of live items using it (`schema.spelling_words`, read from the `spelling` column), read once per
segment (a segment never changes, so an edit does not rebuild the dictionary of the others) and
grouped by first letter. A word is corrected to the closest words of its group, one edit away (two for
words of eight letters or more), with rapidfuzz's Levenshtein distance in C: a few milliseconds
over the whole vocabulary of 100,000 real records, where Whoosh's fuzzy terms built an automaton
per field and language over every term (seconds on real data).
"""

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from app.search import schema
from app.search.analysis import fold
from app.search.reading import Reading, segment_id

MIN_LENGTH = 4  # shorter words are not corrected: too many words are one letter away
CANDIDATES = 3  # corrections kept for one word at most
MAX_WORDS = 8  # unknown words corrected in one query (a long query's tail is left as typed)


@dataclass(frozen=True)
class Group:
    """The dictionary's words starting with one letter, with their document frequencies."""

    words: list[str]
    frequencies: np.ndarray


def max_distance(word: str) -> int:
    return 1 if len(word) < 8 else 2


def corrections(reading: Reading, word: str) -> list[str]:
    """Known words `word` may be a misspelling of, closest and most used first."""
    folded = fold(word)
    if len(folded) < MIN_LENGTH or folded.isdigit():
        return []
    found: dict[str, list[int]] = {}  # word -> [distance, items using it in all segments]
    for reader, _offset in reading.searcher.reader().leaf_readers():
        group = _segment_groups(reading.segments, reader).get(folded[0])
        if group is None:
            continue
        for text, distance, position in process.extract(
            folded, group.words, scorer=Levenshtein.distance, score_cutoff=max_distance(folded), limit=CANDIDATES * 4
        ):
            found.setdefault(text, [distance, 0])[1] += int(group.frequencies[position])
    ranked = sorted(
        ((text, distance, used) for text, (distance, used) in found.items() if text != folded),
        key=lambda row: (row[1], -row[2], row[0]),
    )
    if not ranked:
        return []
    _best, distance, used = ranked[0]
    # Others only when as close and about as common: "eglse" is "eglise", not also "else".
    return [text for text, d, n in ranked[:CANDIDATES] if d == distance and n * 2 >= used]


def _segment_groups(segments: dict, reader) -> dict[str, Group]:
    """One segment's dictionary, by first letter (segments never change: built once each)."""
    # Kept in the index state's `segments` (on the app's SearchIndex), which drops a segment's entries
    # once it leaves the index: one dictionary per live segment, no more.
    key = (segment_id(reader), "spelling")
    if key not in segments:
        groups: dict[str, list[tuple[str, int]]] = {}
        for text, used in schema.spelling_words(reader).items():
            if text and not text.isdigit():
                groups.setdefault(text[0], []).append((text, used))
        segments[key] = {
            first: Group([text for text, _n in rows], np.array([n for _text, n in rows]))
            for first, rows in groups.items()
        }
    return segments[key]
