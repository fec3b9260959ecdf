"""The SQL of one search: the clauses' tsqueries, the filters, the clauses each document matches, its rank.

Written as text with bound parameters: only the visitor's words and the filters' values are parameters; the
configurations, columns and weights are the module's own constants.
"""

import re
from dataclasses import dataclass, field

from app.search.analysis import read_by
from app.search.pg.tables import CONFIGS
from app.search.pg.terms import Clause
from app.search.schemas import SearchFilters

# ts_rank_cd's weights of D, C, B and A (app/search/pg/rows.py puts titles in A, descriptions in D).
RANK_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
OTHER_LANGUAGE = 0.6  # as app/search/query.py: a text in another language than the page's counts for less
ARRAY_FILTERS = ("collection", "place", "creator", "subject", "exhibit")
# A compound is searched as its words side by side: PostgreSQL stems "hauts-fourneaux" as a whole too, which
# "haut-fourneau" would not match, but indexes its parts at consecutive positions, which "haut <-> fourneau" does.
_HYPHENS = re.compile(r"[-‐‑]")


@dataclass
class Statement:
    """Fragments of SQL and their parameters, for one search's clauses and filters."""

    clauses: list[Clause]
    filters: SearchFilters
    lang: str = "fr"
    params: dict = field(default_factory=dict)

    def bind(self, value) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def queries(self) -> str:
        """`WITH q AS (...)`: one tsquery per clause (q0, q1...), their union `qany` and intersection `qall`."""
        columns = [f"{self._tsquery(clause)} AS q{number}" for number, clause in enumerate(self.clauses)]
        names = [f"q{number}" for number in range(len(self.clauses))]
        union = " || ".join(names) or "''::tsquery"
        meet = " && ".join(names) or "''::tsquery"
        return f"WITH q0s AS (SELECT {', '.join(columns) or 'NULL AS nothing'}), " + (
            f"q AS (SELECT q0s.*, {union} AS qany, {meet} AS qall FROM q0s)"
        )

    def _tsquery(self, clause: Clause) -> str:
        parts = [
            f"phraseto_tsquery('{config}', {self.bind(_HYPHENS.sub(' ', text))})"
            for text in clause.alternatives
            for config in CONFIGS.values()
        ]
        return "(" + " || ".join(parts) + ")"

    def matches(self, number: int) -> str:
        """Whether document `d` has clause `number` (its words, or for a year typed, a date within it)."""
        found = f"d.tsv @@ q.q{number}"
        period = self.clauses[number].period
        if period is not None:
            found += f" OR (d.date_earliest <= {self.bind(period[1])} AND d.date_latest >= {self.bind(period[0])})"
        return f"coalesce({found}, false)"

    def count(self) -> str:
        """How many clauses document `d` has."""
        return " + ".join(f"{self.matches(number)}::int" for number in range(len(self.clauses))) or "0"

    def any_clause(self) -> str:
        if not self.clauses:
            return "TRUE"
        if any(clause.period for clause in self.clauses):
            return "(" + " OR ".join(self.matches(number) for number in range(len(self.clauses))) + ")"
        return "d.tsv @@ q.qany"

    def having(self, least: int) -> str:
        """The documents allowed by the filters having at least `least` clauses (all of them: the GIN index
        intersects them)."""
        if least >= len(self.clauses) and not any(clause.period for clause in self.clauses):
            words = "d.tsv @@ q.qall" if self.clauses else "TRUE"
        else:
            words = f"{self.any_clause()} AND ({self.count()}) >= {least}"
        return f"{self.where()} AND {words}"

    def where(self) -> str:
        """The filters, on document `d`."""
        found = ["TRUE"]
        if self.filters.kind:
            found.append(f"d.kind = {self.bind(self.filters.kind)}")
        for name in ARRAY_FILTERS:
            value = getattr(self.filters, name)
            if value:
                found.append(f"d.{name} @> ARRAY[{self.bind(value)}]::text[]")
        if self.filters.period:
            first, last = self.filters.period
            found.append(f"d.date_earliest <= {self.bind(last)} AND d.date_latest >= {self.bind(first)}")
        return " AND ".join(found)

    def rank(self) -> str:
        """ts_rank_cd over each language's tsvector, the page's languages (and names) counting fully."""
        if not self.clauses:
            return "0"
        own = read_by(self.lang)
        return " + ".join(
            f"ts_rank_cd({RANK_WEIGHTS}, d.tsv_{lang}, q.qany) * {1.0 if lang in own else OTHER_LANGUAGE}"
            for lang in CONFIGS
        )
