"""The SQL of one search: the clauses' tsqueries, the filters, the clauses each document matches, its rank.

Written as text with bound parameters: only the visitor's words (as tsqueries) and the filters' values are
parameters; the configurations, columns and weights are the module's own constants.
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from app.search.analysis import read_by
from app.search.pg.tables import CONFIGS
from app.search.pg.terms import Clause
from app.search.schemas import SearchFilters

# ts_rank_cd's weights of D, C, B and A (app/search/pg/rows.py puts titles in A, descriptions in D).
RANK_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'"
# ts_rank_cd's normalization 1: a rank divided by 1 + log of the tsvector's length, as BM25 (app/search/ranking.py)
# favours short fields: "[inscriptions by Turner]" before the long titles naming Turner among other words.
RANK_NORMALIZATION = 1
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
    parts: list[tuple[str, ...]] = field(default_factory=list)  # each clause's distinct tsqueries (`statement`)
    by_lang: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every clause's, made by each language's
    params: dict = field(default_factory=dict)

    def bind(self, value) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def queries(self) -> str:
        """`WITH q AS (...)`: one tsquery per clause (q0, q1...), their union `qany` and intersection `qall`, and
        the union of those made by each language's configuration (`qany_fr`...), which `rank` gives its tsvector."""
        columns = [f"{self._tsquery(self.parts[number])} AS q{number}" for number in range(len(self.clauses))]
        names = [f"q{number}" for number in range(len(self.clauses))]
        union = self._tsquery(tuple(dict.fromkeys(part for parts in self.parts for part in parts)))
        meet = " && ".join(names) or "''::tsquery"
        own = "".join(f", {self._tsquery(self.by_lang.get(lang, ()))} AS qany_{lang}" for lang in CONFIGS)
        return f"WITH q0s AS (SELECT {', '.join(columns) or 'NULL AS nothing'}), " + (
            f"q AS (SELECT q0s.*, {union} AS qany, {meet} AS qall{own} FROM q0s)"
        )

    def complete_only(self) -> bool:
        """Whether `d.tsv @@ q.qall` is exactly "has every clause": no clause is a period (matched by dates too)
        nor empty (a clause of stop words only matches nothing, but `&&` would drop its empty tsquery)."""
        return bool(self.clauses) and all(
            clause.period is None and parts for clause, parts in zip(self.clauses, self.parts, strict=True)
        )

    def _tsquery(self, parts: tuple[str, ...]) -> str:
        found = [f"CAST({self.bind(part)} AS tsquery)" for part in parts]
        return "(" + (" || ".join(found) or "''::tsquery") + ")"

    def counted(self) -> str:
        """`SELECT id, matched`: the documents allowed by the filters having some clause, and how many clauses
        each has. Each clause's documents are found through its own index (GIN; for a year typed, ORed with the
        dates' B-tree) and counted by id: testing every clause on every document that has one read the
        document's tsvector again for each clause."""
        branches = []
        for number, clause in enumerate(self.clauses):
            has = [f"d.tsv @@ q.q{number}"] if self.parts[number] else []  # an empty tsquery matches nothing
            if clause.period is not None:
                first, last = clause.period
                has.append(f"(d.date_latest >= {self.bind(first)} AND d.date_earliest <= {self.bind(last)})")
            if has:
                branches.append(f"SELECT d.id FROM search_documents d, q WHERE {self.where()} AND ({' OR '.join(has)})")
        if not branches:
            return "SELECT 0 AS id, 0 AS matched WHERE FALSE"
        return f"SELECT id, count(*) AS matched FROM ({' UNION ALL '.join(branches)}) c GROUP BY id"

    def each_on_row(self) -> str:
        """How many clauses row `d` has, each tested on the row itself: for the passages (moments, exhibits), whose
        candidates are the few rows of `d.tsv @@ q.qany`. Their clauses have no period (a year is no word there)."""
        return " + ".join(f"coalesce(d.tsv @@ q.q{number}, false)::int" for number in range(len(self.clauses))) or "0"

    def every(self) -> str:
        """The documents allowed by the filters having every clause (the GIN index intersects them)."""
        return f"{self.where()} AND {'d.tsv @@ q.qall' if self.clauses else 'TRUE'}"

    def found(self, least: int) -> str:
        """`FROM ... WHERE ...` of the documents allowed by the filters having at least `least` clauses, with
        `m.matched`, how many they have: `counted`, or when the GIN index finds the documents having every
        clause, these with a constant."""
        if least >= len(self.clauses) and not any(clause.period for clause in self.clauses):
            return f"search_documents d, q, (SELECT {len(self.clauses)} AS matched) m WHERE {self.every()}"
        return f"({self.counted()}) m JOIN search_documents d USING (id), q WHERE m.matched >= {least}"

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
        """ts_rank_cd over each language's tsvector with the tsqueries of its own configuration, the page's
        languages (and names) counting fully: as each Whoosh field is searched with its language's stems, a
        French stem ("chapel") is no match for an English word stemmed alike ("Chapel")."""
        if not self.clauses:
            return "0"
        own = read_by(self.lang)
        return " + ".join(
            f"ts_rank_cd({RANK_WEIGHTS}, d.tsv_{lang}, q.qany_{lang}, {RANK_NORMALIZATION})"
            f" * {1.0 if lang in own else OTHER_LANGUAGE}"
            for lang in CONFIGS
        )


def statement(connection: Connection, clauses: list[Clause], filters: SearchFilters, lang: str = "fr") -> Statement:
    """The Statement of these clauses, their tsqueries made first, each part once: ts_rank_cd's cost grows with
    the operands of its query, and a word that the four configurations stem alike gave four of each (an OR of
    the same operand again matches and ranks as the operand once)."""
    return Statement(clauses, filters, lang, *_parts(connection, clauses))


def _parts(connection: Connection, clauses: list[Clause]) -> tuple[list[tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each clause's distinct non-empty tsqueries (as text), its alternatives in each configuration, in order;
    and by language, the distinct tsqueries its configuration made of every clause."""
    pairs = [
        (number, _HYPHENS.sub(" ", written), lang)
        for number, clause in enumerate(clauses)
        for written in clause.alternatives
        for lang in CONFIGS
    ]
    if not pairs:
        return [() for _clause in clauses], {}
    made = connection.scalars(
        text(
            "SELECT phraseto_tsquery(CAST(c AS regconfig), t)::text FROM unnest(CAST(:configs AS text[]),"
            " CAST(:texts AS text[])) WITH ORDINALITY AS u(c, t, n) ORDER BY n"
        ),
        {"configs": [CONFIGS[lang] for _n, _t, lang in pairs], "texts": [written for _n, written, _l in pairs]},
    ).all()
    found: list[dict[str, None]] = [{} for _clause in clauses]
    by_lang: dict[str, dict[str, None]] = {lang: {} for lang in CONFIGS}
    for (number, _written, lang), tsquery in zip(pairs, made, strict=True):
        if tsquery:
            found[number][tsquery] = None
            by_lang[lang][tsquery] = None
    return [tuple(parts) for parts in found], {lang: tuple(parts) for lang, parts in by_lang.items()}
