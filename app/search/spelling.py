"""Spelling corrections from a dictionary of the index's words, found within a bounded cost.

The dictionary is the lexicon of the `spell` field (every folded word of the items' titles,
names and subjects, with the number of items using it), read once per segment and grouped by
first letter. A word is corrected to the closest words of its group, one edit away (two for
words of eight letters or more), with rapidfuzz's Levenshtein distance in C: a few milliseconds
over the whole vocabulary of 100,000 real records, where Whoosh's fuzzy terms built an automaton
per field and language over every term (seconds on real data).
"""

from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from app.search.analysis import fold
from app.search.reading import Reading, segment_id

FIELD = "spell"
MIN_LENGTH = 4  # shorter words are not corrected: too many words are one letter away
CANDIDATES = 3  # corrections searched for one word
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
    group = _dictionary(reading).get(folded[0])
    if group is None:
        return []
    found = process.extract(folded, group.words, scorer=Levenshtein.distance,
                            score_cutoff=max_distance(folded), limit=CANDIDATES * 4)
    found.sort(key=lambda row: (row[1], -group.frequencies[row[2]], row[0]))
    return [text for text, _distance, _position in found if text != folded][:CANDIDATES]


def _dictionary(reading: Reading) -> dict[str, Group]:
    """The whole index's dictionary, built once per index state from its segments' lexicons."""
    if "spelling" not in reading.cache:
        counts: dict[str, int] = {}
        for reader, _offset in reading.searcher.reader().leaf_readers():
            for text, frequency in _segment_words(reading.segments, reader):
                counts[text] = counts.get(text, 0) + frequency
        groups: dict[str, list[str]] = {}
        for text in sorted(counts):
            if not text.isdigit():
                groups.setdefault(text[0], []).append(text)
        reading.cache["spelling"] = {first: Group(texts, np.array([counts[t] for t in texts]))
                                     for first, texts in groups.items()}
    return reading.cache["spelling"]


def _segment_words(segments: dict, reader) -> list[tuple[str, int]]:
    key = (segment_id(reader), "spelling")
    if key not in segments:
        if FIELD in reader.schema and reader.doc_count_all():
            segments[key] = [(text.decode("utf-8"), info.doc_frequency())
                             for text, info in reader.iter_field(FIELD)]
        else:
            segments[key] = []
    return segments[key]
