"""Landing on the second: the passages matching a query, grouped per record, best moments first.

The visitor's clauses (app/search/query.py) are scored on the passages' index (app/search/passages.py)
as on the items': a moment with more of the words comes first, then the higher score, then the
earlier second. A record's groups are ordered by their best moment.
"""

import json
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from app.localize import Localized, localized
from app.search import columns, dates, passages
from app.search.analysis import field_language
from app.search.extracts import highlight, plain
from app.search.index import IndexUnavailable, SearchIndex
from app.search.query import Clause
from app.search.ranking import Ranker
from app.search.schemas import SearchFilters

SHOWN = 3  # moments shown per record
GROUPS = 5  # records listed for their moments alone, beside the ranked results
SNIPPET_CHARS = 160
# Fewer moments than this have every word: moments with some of them follow (as items do, service.PARTIAL_BELOW).
PARTIAL_BELOW = 20


@dataclass(frozen=True)
class Moment:
    """A place in a record where the words are: its second, speaker, chapter and highlighted extract."""

    t: int
    speaker: str | None
    chapter: str | None
    snippet_html: str
    lang: str
    part: int = 1  # the recording the second is in, for an interview recorded in several parts

    @property
    def query(self) -> dict[str, int]:
        """The page's query parameters opening the player at this moment: `t`, and `part` after the first."""
        return {"t": self.t} | ({"part": self.part} if self.part > 1 else {})

    @property
    def snippet(self) -> str:
        return plain(self.snippet_html)


@dataclass(frozen=True)
class Group:
    """A record's best moments for a query, and how many more matched."""

    record_id: int
    identifier: str
    title: str
    title_lang: str
    moments: tuple[Moment, ...]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.moments)


@dataclass(frozen=True)
class Found:
    """The records with matching moments: the best `GROUPS` of them, and the groups of some records asked for."""

    best: list[Group]
    of_records: dict[int, Group]


NOTHING = Found([], {})


def find(
    index: SearchIndex, clauses: list[Clause], side_by_side, marks: dict, filters: SearchFilters, wanted, lang: str
) -> Found:
    """The moments matching `clauses`, for the best records and for the records `wanted` (ids)."""
    if index.passages is None or not any(clause.alternatives for clause in clauses):
        return NOTHING
    # A year typed matches an item's dates; a moment must have the words said.
    clauses = [replace(clause, period=None) for clause in clauses]
    try:
        with index.passages.reading() as reading:
            return _found(reading, clauses, side_by_side, marks, filters, set(wanted), lang)
    except IndexUnavailable:  # the moments are an addition: the items' results stand without them
        return NOTHING


def _found(reading, clauses, side_by_side, marks, filters, wanted: set[int], lang: str) -> Found:
    matches = Ranker(reading).matches(clauses, columns.filter_mask(reading, filters), PARTIAL_BELOW, side_by_side)
    docs = matches.docnums()
    if not len(docs):
        return NOTHING
    records = dates.numbers(reading, passages.RECORD)[docs]
    scores = matches.scores[docs]
    order = np.lexsort((dates.numbers(reading, passages.START)[docs], -scores, records))
    docs, records, scores = docs[order], records[order], scores[order]
    starts = np.flatnonzero(np.r_[True, records[1:] != records[:-1]])
    totals = np.diff(np.r_[starts, len(docs)])
    ranked = np.argsort(-scores[starts], kind="stable")
    chosen = [int(g) for g in ranked[:GROUPS]] + [int(g) for g in ranked[GROUPS:] if int(records[starts[g]]) in wanted]
    stored = reading.searcher.stored_fields
    groups = {}
    for g in chosen:
        first = starts[g]
        shown = [json.loads(stored(int(doc))["display"]) for doc in docs[first : first + SHOWN]]
        groups[int(records[first])] = _group(int(records[first]), shown, int(totals[g]), marks, lang)
    best = [groups[int(records[starts[g]])] for g in ranked[:GROUPS]]
    return Found(best, {record: group for record, group in groups.items() if record in wanted})


def _group(record_id: int, shown: list[dict], total: int, marks: dict, lang: str) -> Group:
    head = shown[0]
    title = localized(head["titles"], head["language"], lang) or Localized(head["identifier"], "")
    moments = tuple(_moment(display, marks) for display in shown)
    return Group(record_id, head["identifier"], title.value, title.lang, moments, total)


def _moment(display: dict, marks: dict) -> Moment:
    """The moment's words with what matched marked: the text, else its translation, else its chapter's title."""
    candidates = [("transcript", display.get("lang"), display.get("text"))]
    candidates.append(("transcript", display.get("translation_lang"), display.get("translation")))
    candidates += [
        ("text", display.get("lang"), display.get("text")),
        ("title", display["lang"], display.get("chapter")),
    ]
    at = partial(Moment, display["t"], display.get("speaker"), display.get("chapter"), part=int(display.get("part", 1)))
    fallback = None
    for kind, code, text in candidates:
        if not text:
            continue
        analyzed = field_language(code)
        extract = highlight(text, analyzed, marks.get(f"{kind}_{analyzed}", set()), SNIPPET_CHARS)
        if "<mark>" in extract:
            return at(extract, code or "")
        fallback = fallback or at(extract, code or "")
    return fallback or at("", "")
