"""Autosuggest: titles, people, places and subjects with a word starting with what is typed.

Each segment keeps its suggestible texts once (folded and as written) and, sorted, the position
of every word start in them as two integer arrays: a prefix is found by bisecting those word
starts. Strings are not copied per word: 100,000 real records cost tens of megabytes, not the
hundreds that one string per word took.
"""

import json
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from app.localize import localized
from app.search.analysis import fold, words
from app.search.reading import Reading, segment_id

KINDS = ("title", "person", "place", "subject")
LABELS = (("person", "creator"), ("place", "place"), ("subject", "subject_facet"))
MAX_PREFIX = 200


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "title" | "person" | "place" | "subject"
    identifier: str | None = None


@dataclass(frozen=True)
class Entries:
    """One segment's suggestible texts and their word starts, sorted by what follows them."""

    folded: list[str]
    texts: list[str]
    kinds: np.ndarray  # index into KINDS, per text
    docnums: np.ndarray  # per text
    text_of: np.ndarray  # per word start, sorted
    start_of: np.ndarray

    def key(self, position: int) -> str:
        return self.folded[self.text_of[position]][self.start_of[position] :]

    def prefixed(self, prefix: str):
        """(text number) of every word start beginning with `prefix`, in order."""
        position = bisect_left(range(len(self.text_of)), prefix, key=self.key)
        while position < len(self.text_of) and self.key(position).startswith(prefix):
            yield int(self.text_of[position])
            position += 1


def suggest(index, prefix: str, lang: str = "fr", limit: int = 8) -> list[Suggestion]:
    """Titles, people, places and subjects of the SearchIndex `index` with a word starting with `prefix`."""
    key = fold(prefix.strip())[:MAX_PREFIX]
    if len(key) < 2:
        return []
    with index.reading() as reading:
        return _suggest(reading, key, lang, limit)


def _suggest(reading: Reading, key: str, lang: str, limit: int) -> list[Suggestion]:
    found: dict[tuple[str, str], Suggestion] = {}
    for reader, offset in reading.searcher.reader().leaf_readers():
        entries = _entries(reading.segments, reader)
        for number in entries.prefixed(key):
            if not reader.is_deleted(int(entries.docnums[number])):
                suggestion = _suggestion(reading, entries, number, offset, lang)
                found.setdefault((suggestion.kind, fold(suggestion.text)), suggestion)
            if len(found) >= limit * 4:
                break
    ranked = sorted(found.values(), key=lambda s: (not fold(s.text).startswith(key), KINDS.index(s.kind), len(s.text)))
    return ranked[:limit]


def _suggestion(reading: Reading, entries: Entries, number: int, offset: int, lang: str) -> Suggestion:
    kind, text = KINDS[entries.kinds[number]], entries.texts[number]
    if kind != "title":
        return Suggestion(text, kind)
    display = json.loads(reading.searcher.stored_fields(offset + int(entries.docnums[number]))["display"])
    title = localized(display["titles"], display["language"], lang)
    return Suggestion(title.value if title else text, "title", display["identifier"])


def _entries(segments: dict, reader) -> Entries:
    # One per live segment, in the index state's `segments`, which lets go of segments merged away.
    key = (segment_id(reader), "suggest")
    if key not in segments:
        segments[key] = _read_entries(reader)
    return segments[key]


def _read_entries(reader) -> Entries:
    texts: dict[tuple[int, str], int] = {}  # (kind, text) -> number; names are kept once
    kinds: list[int] = []
    docnums: list[int] = []
    folded_texts: list[str] = []
    written: list[str] = []
    for docnum, stored in reader.iter_docs():
        display = json.loads(stored["display"])
        found = [(0, title) for title in display["titles"].values()]
        found += [
            (KINDS.index(kind), name) for kind, group in LABELS for name in display["labels"].get(group, {}).values()
        ]
        for kind, text in found:
            if kind == 0 or (kind, text) not in texts:
                texts[(kind, text)] = len(written)
                kinds.append(kind)
                docnums.append(docnum)
                written.append(text)
                folded_texts.append(fold(text))
    starts = [(number, match.start()) for number, folded in enumerate(folded_texts) for match in words(folded)]
    starts.sort(key=lambda start: folded_texts[start[0]][start[1] :])
    return Entries(
        folded_texts,
        written,
        np.array(kinds, np.int8),
        np.array(docnums, np.int64),
        np.array([number for number, _ in starts], np.int32),
        np.array([at for _, at in starts], np.int32),
    )
