"""Equivalent terms read from collections/search/*.csv: glossary, abbreviations, place names.

Applied to the visitor's query, not to the index: curators extend the files without a reindex.
"""

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.search.analysis import ANALYZED, word_terms, words

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "collections" / "search"
MAX_WORDS = 5
NAMED_COLUMNS = {"fr", "de", "lb", "en"}


def _key(lang: str, text_words: list[str]) -> tuple[str, ...]:
    stems: list[str] = []
    for word in text_words:
        stems.extend(word_terms(lang, word).stems)
    return tuple(stems)


@dataclass
class Glossary:
    """Groups of equivalent terms, found in a sequence of query words whatever their form."""

    groups: list[tuple[str, ...]] = field(default_factory=list)
    _index: dict[tuple[str, tuple[str, ...]], int] = field(default_factory=dict)

    def add(self, terms: list[str]) -> None:
        terms = [term.strip() for term in terms if term.strip()]
        if len(terms) < 2:
            return
        number = len(self.groups)
        self.groups.append(tuple(terms))
        for term in terms:
            term_words = [match.group() for match in words(term)]
            for lang in ANALYZED:
                key = _key(lang, term_words)
                if key:
                    self._index.setdefault((lang, key), number)

    def match(self, query_words: list[str], start: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest group term starting at `start`: (words used, the group's terms)."""
        for length in range(min(MAX_WORDS, len(query_words) - start), 0, -1):
            span = query_words[start : start + length]
            for lang in ANALYZED:
                key = _key(lang, span)
                if key and (lang, key) in self._index:
                    return length, self.groups[self._index[(lang, key)]]
        return None


def read(directory: Path) -> Glossary:
    """Every *.csv of `directory`, one group per line; `#` starts a comment line. A file whose first
    line is a header naming the languages (places.csv) gives a group per row: its names in those
    columns, and the `|`-separated spellings of its `other_names` column."""
    glossary = Glossary()
    for path in sorted(Path(directory).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            lines = (line for line in f if line.strip() and not line.lstrip().startswith("#"))
            rows = csv.reader(lines, skipinitialspace=True)
            header = next(rows, [])
            if not NAMED_COLUMNS.issubset(header):
                glossary.add(header)
            for row in rows:
                glossary.add(_names(header, row) if NAMED_COLUMNS.issubset(header) else row)
    return glossary


def _names(header: list[str], row: list[str]) -> list[str]:
    values = dict(zip(header, row, strict=False))
    names = [values.get(lang, "") for lang in ("fr", "de", "lb", "en")]
    return list(dict.fromkeys(names + (values.get("other_names") or "").split("|")))


@lru_cache(maxsize=4)  # by folder: the app reads one, tests a few
def load(directory: Path = DEFAULT_DIR) -> Glossary:
    """The glossary of `directory`, read once per process."""
    return read(directory)
