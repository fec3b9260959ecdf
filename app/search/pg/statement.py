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
from app.search.query import EQUIVALENT
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
    # each clause's alternatives, each its tsquery by language: ranked apart when a clause has several
    each_alternative: list[list[dict[str, str]]] = field(default_factory=list)
    params: dict = field(default_factory=dict)
    # Each distinct tsquery, by the column of `t` (then of `q`) that holds it (`queries`): a long query's
    # statements gave each tsquery as a parameter wherever it was used (in the union, each language's and each
    # rank), 2,000 parameters a search that SQLAlchemy and psycopg parsed in as long as the database worked.
    terms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        found = [*(part for parts in self.parts for part in parts), *(p for ps in self.by_lang.values() for p in ps)]
        found += [part for alternatives in self.each_alternative for made in alternatives for part in made.values()]
        self.terms = {term: f"t{number}" for number, term in enumerate(dict.fromkeys(found))}

    def bind(self, value) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def queries(self) -> str:
        """`WITH q AS (...)`: each distinct tsquery (t0, t1...: `terms`), one tsquery per clause (q0, q1...), their
        union `qany` and intersection `qall`, and the union of those made by each language's configuration
        (`qany_fr`...), which `rank` gives its tsvector."""
        made = [f"CAST({self.bind(term)} AS tsquery) AS {column}" for term, column in self.terms.items()]
        columns = [f"{self._tsquery(self.parts[number])} AS q{number}" for number in range(len(self.clauses))]
        names = [f"q{number}" for number in range(len(self.clauses))]
        union = self._tsquery(tuple(dict.fromkeys(part for parts in self.parts for part in parts)))
        meet = " && ".join(names) or "''::tsquery"
        own = "".join(f", {self._tsquery(self.by_lang.get(lang, ()))} AS qany_{lang}" for lang in CONFIGS)
        own += "".join(f", {self._tsquery(parts)} AS qtyped_{lang}" for lang, parts in self._typed().items())
        return (
            f"WITH t AS (SELECT {', '.join(made) or 'NULL AS t'}),"
            f" q0s AS (SELECT {', '.join(columns) or 'NULL AS nothing'} FROM t),"
            f" q AS (SELECT q0s.*, t.*, {union} AS qany, {meet} AS qall{own} FROM q0s, t)"
        )

    def complete_only(self) -> bool:
        """Whether `d.tsv @@ q.qall` is exactly "has every clause": no clause is a period (matched by dates too)
        nor empty (a clause of stop words only matches nothing, but `&&` would drop its empty tsquery)."""
        return bool(self.clauses) and all(
            clause.period is None and parts for clause, parts in zip(self.clauses, self.parts, strict=True)
        )

    def _tsquery(self, parts: tuple[str, ...]) -> str:
        """The OR of these tsqueries, read from `t` (in `queries`)."""
        found = [f"t.{self.terms[part]}" for part in parts]
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

    def rank(self, normalization: int = RANK_NORMALIZATION) -> str:
        """ts_rank_cd over each language's tsvector with the tsqueries of its own configuration, the page's
        languages (and names) counting fully: as each Whoosh field is searched with its language's stems, a
        French stem ("chapel") is no match for an English word stemmed alike ("Chapel"). When a clause has
        glossary equivalents, each clause is ranked by its best alternative, and the words typed together."""
        if not self.clauses:
            return "0"
        if all(len(alternatives) < 2 for alternatives in self.each_alternative):
            ranked = self._ranked({lang: f"q.qany_{lang}" for lang in CONFIGS}, normalization)
        else:
            clauses = [self._clause_rank(number, normalization) for number in range(len(self.clauses))]
            ranked = " + ".join([*clauses, self._typed_rank(normalization)])
        # A document found by its dates alone (a year typed) has none of the words: it is not ranked at all.
        return f"CASE WHEN d.tsv @@ q.qany THEN {ranked} ELSE 0 END"

    def _clause_rank(self, number: int, normalization: int) -> str:
        """The best of a clause's alternatives, a glossary equivalent's times EQUIVALENT, as app/search/ranking.py
        scores a clause: ranked together, a title and its translations, each matching another equivalent (chapelle,
        Kapelle, chapel), outranked the shorter titles that the word typed fits best."""
        clause, found = self.clauses[number], []
        for written, tsqueries in zip(clause.alternatives, self.each_alternative[number], strict=True):
            if tsqueries:
                made = {lang: f"q.{self.terms[part]}" for lang, part in tsqueries.items()}
                ranked = self._ranked(made, normalization)
                found.append(f"({ranked}) * {EQUIVALENT}" if written in clause.equivalents else f"({ranked})")
        # A document without the clause scores 0 for it: its 4 x alternatives ranks are then not computed (a long
        # query's partial matches have most clauses missing, and it was most of their cost).
        return f"CASE WHEN d.tsv @@ q.q{number} THEN GREATEST({', '.join(found)}) ELSE 0 END" if found else "0"

    def _typed_rank(self, normalization: int) -> str:
        """The words typed (no equivalent) ranked together: ts_rank_cd's cover density rewards them side by side,
        as the Whoosh ranker does with its word pairs; ranked a clause at a time, a one-word equivalent ("Mairie")
        outranked every "Hôtel de ville". Their union is a column of `q` (`queries`), made once, not per row."""
        found = {lang: f"q.qtyped_{lang}" for lang, parts in self._typed().items() if parts}
        return f"({self._ranked(found, normalization)})" if found else "0"

    def _typed(self) -> dict[str, tuple[str, ...]]:
        """By language, the distinct tsqueries of the words typed (no glossary equivalent)."""
        typed: dict[str, dict[str, None]] = {lang: {} for lang in CONFIGS}
        for clause, alternatives in zip(self.clauses, self.each_alternative, strict=True):
            for written, tsqueries in zip(clause.alternatives, alternatives, strict=True):
                if written not in clause.equivalents:
                    for lang, made in tsqueries.items():
                        typed[lang][made] = None
        return {lang: tuple(parts) for lang, parts in typed.items()}

    def _ranked(self, tsqueries: dict[str, str], normalization: int) -> str:
        """ts_rank_cd of each language's tsvector with its tsquery, the page's languages (and names) counting fully."""
        own = read_by(self.lang)
        return " + ".join(
            f"ts_rank_cd({RANK_WEIGHTS}, d.tsv_{lang}, {made}, {normalization})"
            f" * {1.0 if lang in own else OTHER_LANGUAGE}"
            for lang, made in tsqueries.items()
        )


def phrase_text(written: str) -> str:
    """The text given to `phraseto_tsquery` for a word or phrase typed: a compound's parts side by side."""
    return _HYPHENS.sub(" ", written)


def statement(connection: Connection, clauses: list[Clause], filters: SearchFilters, lang: str = "fr") -> Statement:
    """The Statement of these clauses, their tsqueries made first, each part once: ts_rank_cd's cost grows with
    the operands of its query, and a word that the four configurations stem alike gave four of each (an OR of
    the same operand again matches and ranks as the operand once)."""
    return Statement(clauses, filters, lang, *_parts(connection, clauses))


def _parts(connection: Connection, clauses: list[Clause]) -> tuple[list, dict, list]:
    """Each clause's distinct non-empty tsqueries (as text), its alternatives in each configuration, in order;
    by language, the distinct tsqueries its configuration made of every clause; and each clause's alternatives,
    each its tsquery by language."""
    pairs = [
        (number, alternative, lang)
        for number, clause in enumerate(clauses)
        for alternative in range(len(clause.alternatives))
        for lang in CONFIGS
    ]
    if not pairs:
        return [() for _clause in clauses], {}, [[] for _clause in clauses]
    made = connection.scalars(
        text(
            "SELECT phraseto_tsquery(CAST(c AS regconfig), t)::text FROM unnest(CAST(:configs AS text[]),"
            " CAST(:texts AS text[])) WITH ORDINALITY AS u(c, t, n) ORDER BY n"
        ),
        {
            "configs": [CONFIGS[lang] for _n, _t, lang in pairs],
            "texts": [phrase_text(clauses[n].alternatives[a]) for n, a, _l in pairs],
        },
    ).all()
    found: list[dict[str, None]] = [{} for _clause in clauses]
    by_lang: dict[str, dict[str, None]] = {lang: {} for lang in CONFIGS}
    each: list[list[dict[str, str]]] = [[{} for _written in clause.alternatives] for clause in clauses]
    for (number, alternative, lang), tsquery in zip(pairs, made, strict=True):
        if tsquery:
            found[number][tsquery] = None
            by_lang[lang][tsquery] = None
            each[number][alternative][lang] = tsquery
    return [tuple(parts) for parts in found], {lang: tuple(parts) for lang, parts in by_lang.items()}, each
