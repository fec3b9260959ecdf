"""Every document matching a query, with its score, computed a posting list at a time.

Whoosh ranks by walking a tree of matchers one document at a time, several method calls per
document and per field. Here each term's postings are read whole (app/search/postings.py) as
arrays, and a clause (app/search/query.py) is scored as BM25F over the item's fields:

- in each field, a term adds weight x w(K1 + 1) / (w + K1(1 - B + B x length / average length)),
  with Whoosh's one-byte lengths and average field lengths;
- a field's phrase needs every stem and each pair side by side, and adds the stems' parts;
- an alternative adds up its fields; a clause takes the best of its alternatives (times their
  factor), multiplied by ONE idf: that of the clause over the whole index (how many items have
  it in any field and language). An idf per field and language made a rare translation outrank
  the common French word a French visitor typed;
- a year or range of years typed also matches the items dated within it;
- documents are ranked by how many clauses they match, then by the sum of the clauses' scores.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from whoosh.util.numeric import byte_to_length

from app.search import dates
from app.search.postings import EMPTY, length_bytes, term_postings
from app.search.query import Alternative, Clause, FieldPart
from app.search.reading import Reading, segment_id

K1, B = 1.2, 0.75  # Whoosh's BM25F defaults
CLAUSE_RANK = 1e6  # one more clause matched outranks any score
DATE_WEIGHT = 2.0  # a typed year within an item's dates: as much as the year in its subjects
PAIR_WEIGHT = 2.0  # two words typed side by side and found side by side: about a title word's worth


@dataclass
class Matches:
    """The matched documents of one searcher: `matched[docnum]` and `scores[docnum]`, dense arrays."""

    matched: np.ndarray  # bool
    scores: np.ndarray  # float64: clauses matched x CLAUSE_RANK + score
    complete: int = 0  # how many matched documents have every clause

    @classmethod
    def empty(cls, size: int) -> "Matches":
        return cls(np.zeros(size, bool), np.zeros(size))

    def docnums(self) -> np.ndarray:
        return np.flatnonzero(self.matched)

    def __len__(self) -> int:
        return int(np.count_nonzero(self.matched))


class Ranker:
    """Scores clauses against one reading of the index (its searcher and that state's caches)."""

    def __init__(self, reading: Reading):
        self.reading = reading
        self.searcher = reading.searcher
        self.leaves = self.searcher.leaf_searchers()
        self.size = self.searcher.doc_count_all()
        self._norms = reading.cache.setdefault("norms", {})
        # The fields each segment holds terms in: half of a query's lookups are of fields a segment has none of
        # (German titles in the moments' index), each a miss through Whoosh's term table.
        if "fields" not in reading.cache:
            reading.cache["fields"] = [set(searcher.reader().indexed_field_names()) for searcher, _ in self.leaves]
        self._fields = reading.cache["fields"]
        self._read: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}  # this query's terms

    def live(self) -> np.ndarray:
        """True for each document that is not deleted (computed once per index state)."""
        cache = self.reading.cache
        if "live" not in cache:
            alive = np.ones(self.size, bool)
            for searcher, offset in self.leaves:
                reader = searcher.reader()
                if reader.has_deletions():
                    alive[[offset + docnum for docnum in reader.deleted_docs_set]] = False
            cache["live"] = alive
        return cache["live"]

    def every(self, allowed: np.ndarray | None = None) -> Matches:
        """Every live document (allowed by the mask), each with a score of 0."""
        matched = self.live() if allowed is None else self.live() & allowed
        return Matches(matched.copy(), np.zeros(self.size), int(np.count_nonzero(matched)))

    def matches(
        self,
        clauses: list[Clause],
        allowed: np.ndarray | None,
        enough: int,
        side_by_side: Sequence[tuple[str, str]] = (),
    ) -> Matches:
        """Live, allowed documents matching every clause; when fewer than `enough` do, those matching
        the most clauses that `enough` documents match (at least one clause). Documents with the
        `side_by_side` pairs of words score higher."""
        counts = np.zeros(self.size, np.int16)
        scores = np.zeros(self.size)
        for clause in clauses:
            ids, clause_scores = self.clause(clause)
            counts[ids] += 1
            scores[ids] += clause_scores
        for field_name, pair in side_by_side:
            ids, _parts = self._term_scores(field_name, pair)
            scores[ids] += PAIR_WEIGHT * self._idf(len(ids))
        usable = self.live() if allowed is None else self.live() & allowed
        found = np.bincount(counts[usable], minlength=len(clauses) + 1)[::-1].cumsum()[::-1]  # found[k]: >= k clauses
        need = next((k for k in range(len(clauses), 0, -1) if found[k] >= enough), 1)
        matched = usable & (counts >= need)
        return Matches(matched, counts * CLAUSE_RANK + scores, int(found[len(clauses)]) if clauses else 0)

    def clause(self, clause: Clause) -> tuple[np.ndarray, np.ndarray]:
        """(sorted document numbers, scores) of the live documents matching any of the clause's alternatives."""
        found = [self._alternative(alt) for alt in clause.alternatives]
        if clause.period is not None:
            dated = np.flatnonzero(dates.overlapping(self.reading, clause.period))
            found.append((dated, np.full(len(dated), DATE_WEIGHT)))
        found = [(ids, scores) for ids, scores in found if len(ids)]
        if not found:
            return EMPTY
        ids, scores = _best(found)
        alive = self.live()[ids]
        ids, scores = ids[alive], scores[alive]
        return ids, scores * self._idf(len(ids))

    def _idf(self, count: int) -> float:
        total = self.searcher.doc_count()
        return math.log(1 + (total - count + 0.5) / (count + 0.5))

    def _alternative(self, alt: Alternative) -> tuple[np.ndarray, np.ndarray]:
        found = [self._part(part) for part in alt.parts]
        found = [(ids, scores) for ids, scores in found if len(ids)]
        if not found:
            return EMPTY
        ids, scores = _summed(found)
        return ids, scores * alt.factor

    def _part(self, part: FieldPart) -> tuple[np.ndarray, np.ndarray]:
        if len(part.stems) == 1 and not part.joined:
            ids, scores = self._term_scores(part.field, part.stems[0])
            return ids, scores * part.weight
        found = [self._together(part)]
        if part.joined:
            found.append(self._term_scores(part.field, part.joined))
        found = [(ids, scores) for ids, scores in found if len(ids)]
        if not found:
            return EMPTY
        ids, scores = _summed(found)
        return ids, scores * part.weight

    def _together(self, part: FieldPart) -> tuple[np.ndarray, np.ndarray]:
        """Documents with every stem in the field and every pair in the item, with the stems' scores.
        Sorted id arrays, intersected smallest first, stopping at the first empty one."""
        # Pairs only narrow the documents: they bring no scores of their own (None).
        needed: list[tuple[np.ndarray, np.ndarray | None]] = [self._term_scores(part.field, s) for s in part.stems]
        if part.pairs:
            assert part.pairs_field is not None, "a part with pairs names the field they are in"
            needed += [(self._term_scores(part.pairs_field, pair)[0], None) for pair in part.pairs]
        needed.sort(key=lambda found: len(found[0]))
        ids, scores = needed[0][0], np.zeros(len(needed[0][0]))
        for other_ids, other_scores in needed:
            ids, mine, theirs = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
            scores = scores[mine] + (other_scores[theirs] if other_scores is not None else 0)
            if not len(ids):
                return EMPTY
        return ids, scores

    # One term

    def _term_scores(self, field_name: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(sorted document numbers, BM25 term parts) of one term, read once per query."""
        if (field_name, text) not in self._read:
            self._read[(field_name, text)] = self._read_term(field_name, text)
        return self._read[(field_name, text)]

    def _read_term(self, field_name: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        if field_name not in self.searcher.schema:
            return EMPTY
        scorable = self.searcher.schema[field_name].scorable
        norms = self._norm_table(field_name) if scorable else None
        all_ids, all_scores = [EMPTY[0]], [EMPTY[1]]
        for (searcher, offset), indexed in zip(self.leaves, self._fields, strict=True):
            if field_name not in indexed:
                continue
            reader = searcher.reader()
            ids, weights = term_postings(reader, field_name, text)
            if not len(ids):
                continue
            if norms is not None:  # the field is scorable
                lengths = self._segment_lengths(reader, field_name)
                all_scores.append(weights * (K1 + 1) / (weights + norms[lengths[ids]]))
            else:
                all_scores.append(weights)
            all_ids.append(ids + offset)
        return np.concatenate(all_ids), np.concatenate(all_scores)

    def _norm_table(self, field_name: str) -> np.ndarray:
        """K1(1 - B + B x length / average) for each of the 256 one-byte lengths.

        The average is over the documents having the field, not over all (Whoosh's): a French title
        field is empty in the English records, and in a mostly English catalog an average over all
        documents made every French title look fifty times too long."""
        if field_name not in self._norms:
            having = sum(
                int(np.count_nonzero(self._segment_lengths(searcher.reader(), field_name)))
                for searcher, _offset in self.leaves
            )
            average = (self.searcher.field_length(field_name) / having if having else 0) or 1
            lengths = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float64)
            self._norms[field_name] = K1 * ((1 - B) + B * lengths / average)
        return self._norms[field_name]

    def _segment_lengths(self, reader, field_name: str) -> np.ndarray:
        key = (segment_id(reader), f"lengths:{field_name}")
        segments = self.reading.segments
        if key not in segments:
            segments[key] = length_bytes(reader, field_name)
        return segments[key]


def _summed(found: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The union of several (ids, scores), each document's scores added."""
    if len(found) == 1:
        return found[0]
    ids, inverse = np.unique(np.concatenate([ids for ids, _scores in found]), return_inverse=True)
    return ids, np.bincount(inverse, weights=np.concatenate([scores for _ids, scores in found]))


def _best(found: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The union of several (ids, scores), each document keeping its highest score."""
    if len(found) == 1:
        return found[0]
    all_ids = np.concatenate([ids for ids, _scores in found])
    all_scores = np.concatenate([scores for _ids, scores in found])
    order = np.lexsort((-all_scores, all_ids))  # by id, the best score first
    all_ids, all_scores = all_ids[order], all_scores[order]
    first = np.ones(len(all_ids), bool)
    first[1:] = all_ids[1:] != all_ids[:-1]
    return all_ids[first], all_scores[first]
