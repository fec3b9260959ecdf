"""Every document matching a query, with its score, computed a posting list at a time.

Whoosh ranks by walking a tree of matchers one document at a time, several method calls per
document and per field: about 20 ms per 1,000 hits for a word found in ten thousand items.
Here each term's postings are read whole (app/search/postings.py) and its BM25F scores are
added into one array over the index's documents, with Whoosh's own formula and statistics
(idf, average field lengths, one-byte lengths), so the order is the one Whoosh would give:

- a term adds idf x boost x w(K1 + 1) / (w + K1(1 - B + B x length / average length));
- `Or` adds its children's scores; `And` keeps the documents every child matched, with the sum;
- fuzzy and other multi-term queries count as the `Or` of the terms they expand to;
- any other query is left to Whoosh's own matchers.
"""

from dataclasses import dataclass

import numpy as np
from whoosh import query as q
from whoosh.util.numeric import byte_to_length

from app.search.postings import EMPTY, length_bytes, term_postings

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults, which the index's searcher uses too
_lengths: dict[tuple[str, str], np.ndarray] = {}  # (segment id, field) -> lengths; segments never change


@dataclass
class Matches:
    """The matched documents of one searcher: `matched[docnum]` and `scores[docnum]`, dense arrays."""

    matched: np.ndarray  # bool
    scores: np.ndarray  # float64

    @classmethod
    def empty(cls, size: int) -> "Matches":
        return cls(np.zeros(size, bool), np.zeros(size))

    def docnums(self) -> np.ndarray:
        return np.flatnonzero(self.matched)

    def __len__(self) -> int:
        return int(np.count_nonzero(self.matched))


class Ranker:
    """Scores queries against one searcher; `cache` is shared by the searchers of the same index state."""

    def __init__(self, searcher, cache: dict):
        self.searcher = searcher
        self.leaves = searcher.leaf_searchers()
        self.size = searcher.doc_count_all()
        self.cache = cache
        self._norms = cache.setdefault("norms", {})
        self._read: dict[tuple, object] = {}  # what this query already read: terms' scores, expansions

    def matches(self, query: q.Query, allowed: np.ndarray | None = None) -> Matches:
        """Every live document matching `query` (and allowed by the `allowed` mask), with its score."""
        found = Matches.empty(self.size)
        self._add(query, found, 1.0)
        return self._restricted(found, allowed)

    def every(self, allowed: np.ndarray | None = None) -> Matches:
        """Every live document (allowed by the mask), each with a score of 0."""
        return self._restricted(Matches(np.ones(self.size, bool), np.zeros(self.size)), allowed)

    def live(self) -> np.ndarray:
        """True for each document that is not deleted (computed once per index state)."""
        if "live" not in self.cache:
            alive = np.ones(self.size, bool)
            for searcher, offset in self.leaves:
                reader = searcher.reader()
                if reader.has_deletions():
                    alive[[offset + docnum for docnum in reader.deleted_docs_set]] = False
            self.cache["live"] = alive
        return self.cache["live"]

    def _restricted(self, found: Matches, allowed: np.ndarray | None) -> Matches:
        found.matched &= self.live()
        if allowed is not None:
            found.matched &= allowed
        return found  # the scores of unmatched documents are never read

    # One query node

    def _add(self, query: q.Query, found: Matches, factor: float) -> None:
        boost = factor * query.boost
        if type(query) is q.Term:
            self._term(query.fieldname, query.text, boost, found)
        elif type(query) is q.Or:
            for child in query.subqueries:
                self._add(child, found, boost)
        elif type(query) is q.And:
            self._and(query.subqueries, boost, found)
        elif isinstance(query, q.MultiTerm):  # fuzzy terms, prefixes...
            for field_name, text in self._expanded(query):
                self._term(field_name, text, boost, found)
        elif isinstance(query, q.Every):
            found.matched[:] = True
        elif query is not q.NullQuery:  # anything else: Whoosh's own matching
            for hit in self.searcher.search(query, limit=None, terms=False):
                found.matched[hit.docnum] = True
                found.scores[hit.docnum] += factor * hit.score

    def _expanded(self, query: q.MultiTerm) -> list[tuple[str, str]]:
        """The terms a fuzzy (or prefix...) query stands for, looked up once per query: the fallbacks
        of one search ask for the same ones, and each lookup builds a Levenshtein automaton."""
        key = (type(query), query.fieldname, query.text, getattr(query, "maxdist", None),
               getattr(query, "prefixlength", None))
        if key not in self._read:
            self._read[key] = [(name, _text(text)) for name, text in query.expanded_terms(self.searcher.reader())]
        return self._read[key]

    def _separate(self, query: q.Query, factor: float) -> Matches:
        found = Matches.empty(self.size)
        self._add(query, found, factor)
        return found

    def _and(self, children: list[q.Query], boost: float, found: Matches) -> None:
        """Documents every child matches, with the sum of the children's scores (as sorted id arrays:
        most of a phrase's fields lack one of its words, and stop at the first empty child)."""
        parts = []
        for child in children:
            if type(child) is q.Term:
                ids, scores = self._term_scores(child.fieldname, child.text)
                scores = scores * (boost * child.boost)
            else:
                separate = self._separate(child, boost)
                ids = separate.docnums()
                scores = separate.scores[ids]
            if not len(ids):
                return
            parts.append((ids, scores))
        parts.sort(key=lambda part: len(part[0]))
        ids, scores = parts[0]
        for other_ids, other_scores in parts[1:]:
            ids, mine, theirs = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
            scores = scores[mine] + other_scores[theirs]
            if not len(ids):
                return
        found.matched[ids] = True
        found.scores[ids] += scores

    # One term

    def _term(self, field_name: str, text: str, boost: float, found: Matches) -> None:
        ids, scores = self._term_scores(field_name, text)
        if len(ids):
            found.matched[ids] = True
            found.scores[ids] += boost * scores  # a term's ids are distinct

    def _term_scores(self, field_name: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, scores at boost 1) of one term, read once per query even when the
        query names it several times (a phrase's pairs in each field, glossary alternatives)."""
        if (field_name, text) not in self._read:
            self._read[(field_name, text)] = self._read_term(field_name, text)
        return self._read[(field_name, text)]

    def _read_term(self, field_name: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        if field_name not in self.searcher.schema:
            return EMPTY
        scorable = self.searcher.schema[field_name].scorable
        if scorable:
            factor = self.searcher.idf(field_name, text) * (K1 + 1)
            norms = self._norm_table(field_name)
        all_ids, all_scores = [EMPTY[0]], [EMPTY[1]]
        for searcher, offset in self.leaves:
            reader = searcher.reader()
            ids, weights = term_postings(reader, field_name, text)
            if not len(ids):
                continue
            if scorable:
                lengths = self._segment_lengths(reader, field_name)
                all_scores.append(factor * weights / (weights + norms[lengths[ids]]))
            else:
                all_scores.append(weights)
            all_ids.append(ids + offset)
        return np.concatenate(all_ids), np.concatenate(all_scores)

    def _norm_table(self, field_name: str) -> np.ndarray:
        """K1(1 - B + B x length / average) for each of the 256 one-byte lengths."""
        if field_name not in self._norms:
            average = self.searcher.avg_field_length(field_name) or 1
            lengths = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)
            self._norms[field_name] = K1 * ((1 - B) + B * lengths / average)
        return self._norms[field_name]

    @staticmethod
    def _segment_lengths(reader, field_name: str) -> np.ndarray:
        if not hasattr(reader, "segment"):
            return length_bytes(reader, field_name)
        key = (reader.segment().segment_id(), field_name)
        if key not in _lengths:
            if len(_lengths) > 2000:  # segments merged away long ago
                _lengths.clear()
            _lengths[key] = length_bytes(reader, field_name)
        return _lengths[key]


def _text(text) -> str:
    return text.decode("utf-8") if isinstance(text, bytes) else text
