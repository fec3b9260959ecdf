"""A search on PostgreSQL: the same answers as app/search/service.py's, from the search tables in one snapshot.

Documents having every clause come first; when fewer than PARTIAL_BELOW have them, those having the most
clauses that that many documents have follow (as the Whoosh ranker does). When no document has every word, the
words no document has are corrected from the index's words by trigram similarity and the search made again.
"""

import json
from typing import NamedTuple

from sqlalchemy import Connection, text

from app.localize import localized
from app.search import query as user_query
from app.search import registry
from app.search import service as search_service
from app.search.glossary import Glossary, load
from app.search.pg import compounds, spelling
from app.search.pg.statement import Statement, statement
from app.search.pg.tables import FACETS
from app.search.pg.terms import clauses as pg_clauses
from app.search.schemas import SearchFilters

FACET_NAMES = {"kind": "kind"} | {facet: facet for facet in FACETS}
PERIODS = ("century", "decade")
LABEL_KEYS = {"subject": "subject_facet"}  # the display's labels are keyed by the Whoosh field names
ORDERS = {  # over the matched documents `f` (`_page_and_facets`)
    "relevance": "matched DESC, score DESC, id",
    "title": "sort_title, id",
    "date": "sort_date, sort_title, id",
}


def search(
    connection: Connection,
    text_typed: str,
    filters: SearchFilters,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    lang: str = "fr",
    glossary: Glossary | None = None,
) -> tuple[search_service.SearchResults, Statement]:
    """One page of the public records matching the words and filters, with facets and a spelling correction; and
    the statement it was found by (the corrected one when it shows a suggestion), for what the page shows
    alongside (app/search/pg/alongside.py)."""
    units = user_query.parse(text_typed)
    glossary = glossary or load()
    counted = _counted(connection, units, glossary, {}, filters, lang)
    if units and not counted.complete:
        fixes = spelling.corrections(connection, units, glossary)
        if any(fixes.values()):
            fixed = _counted(connection, units, glossary, fixes, filters, lang, complete_only=True)
            if fixed.complete:
                found = _results(connection, fixed, units, glossary, sort, page, per_page, lang)
                words = user_query.plain_words(units)
                found.suggestion = " ".join(fixes[word][0] if fixes.get(word) else word for word in words)
                return found, fixed.statement
    return _results(connection, counted, units, glossary, sort, page, per_page, lang), counted.statement


def matching_ids(connection: Connection, text_typed: str, filters: SearchFilters, lang: str) -> list[int]:
    """The ids of every record `search` counts in its total (in no order)."""
    made = _statement(connection, user_query.parse(text_typed), load(), {}, filters, lang)
    least, _complete, _total, _levels = _threshold(connection, made)
    sql = f"{made.queries()} SELECT d.id FROM {made.found(least)}"
    return list(connection.scalars(text(sql), made.params))


def _statement(connection, units, glossary: Glossary, fixes: dict, filters: SearchFilters, lang: str) -> Statement:
    return statement(connection, pg_clauses(units, glossary, fixes, compounds.splits(connection, units)), filters, lang)


class Counted(NamedTuple):
    """A search's statement and its threshold (`_threshold`); `fixes`, the corrections it was made with."""

    statement: Statement
    fixes: dict
    least: int
    complete: int
    total: int
    levels: dict[int, int]  # {clauses matched: how many documents match that many}, from `least` up


def _counted(connection, units, glossary, fixes, filters, lang, complete_only: bool = False) -> Counted:
    """The statement of these words and how many documents it finds. With `complete_only`, a search having no
    document with every clause is not counted further: a correction is kept only when it finds some, and only
    the search shown gets its page and facets."""
    statement = _statement(connection, units, glossary, fixes, filters, lang)
    if complete_only and statement.complete_only() and not _complete(connection, statement):
        return Counted(statement, fixes, len(statement.clauses), 0, 0, {})
    return Counted(statement, fixes, *_threshold(connection, statement))


def _results(connection, counted: Counted, units, glossary, sort, page, per_page, lang) -> search_service.SearchResults:
    statement, fixes, least, complete, total, levels = counted
    order = sort if sort in ("title", "date") else ("relevance" if units else "title")
    start = (page - 1) * per_page
    ranked = _ranked_from(levels, least, start + per_page)
    rows, facets = _page_and_facets(connection, statement, least, ranked, order, start, per_page) if total else ([], [])
    marks = user_query.marks(user_query.build(units, glossary, fixes, lang)) if units and total else {}
    hits = [search_service._hit(stored, score, marks, lang, None) for stored, score in rows]
    return search_service.SearchResults(total, hits, _facets(facets, lang), None, page, per_page, complete=complete)


def _complete(connection: Connection, statement: Statement) -> int:
    """How many documents have every clause, through the GIN index (`Statement.complete_only` must hold)."""
    sql = f"{statement.queries()} SELECT count(*) FROM search_documents d, q WHERE {statement.every()}"
    return connection.scalar(text(sql), statement.params) or 0


def _threshold(connection: Connection, statement: Statement) -> tuple[int, int, int, dict[int, int]]:
    """(the clauses a document needs, how many documents have them all, how many have the clauses needed, how many
    have each number of clauses from the clauses needed up).

    The documents having every clause are counted first, through the GIN index: when there are enough of them,
    the documents having only some are not counted at all."""
    wanted = len(statement.clauses)
    if statement.complete_only():
        complete = _complete(connection, statement)
        if complete >= search_service.PARTIAL_BELOW:
            return wanted, complete, complete, {wanted: complete}
    if wanted:
        sql = f"{statement.queries()} SELECT matched, count(*) FROM ({statement.counted()}) m GROUP BY matched"
    else:
        sql = f"SELECT 0, count(*) FROM search_documents d WHERE {statement.where()}"
    counts = {row[0]: row[1] for row in connection.execute(text(sql), statement.params)}
    complete = counts.get(wanted, 0)
    least = wanted
    while least > 1 and sum(n for matched, n in counts.items() if matched >= least) < search_service.PARTIAL_BELOW:
        least -= 1
    levels = {matched: n for matched, n in counts.items() if matched >= max(least, 1) or not wanted}
    return least, complete, sum(levels.values()), levels


def _ranked_from(levels: dict[int, int], least: int, end: int) -> int:
    """The fewest clauses a document of the page (in relevance order, up to position `end`) can have: documents
    with more clauses come first whatever their rank, so the ones with fewer than that are never ranked. A long
    query found 5,398 documents by some of its words, the page's 20 among the 105 having the most."""
    before = 0
    for matched in sorted(levels, reverse=True):
        before += levels[matched]
        if before >= end:
            return max(matched, least)
    return least


def _page_and_facets(
    connection, statement: Statement, least: int, ranked: int, order: str, start: int, count: int
) -> tuple[list[tuple[dict, float]], list[tuple[str, str, int, str | None]]]:
    """The page's (stored document, score) and every facet's (facet, value, count, label) among the matched
    documents, in one statement that finds them once.

    The matched documents are read once into `f` with their facet columns; in relevance order, those having at
    least `ranked` clauses (`_ranked_from`) are ranked, all of them in `f` itself, else joined back for their
    tsvectors; the page's 20 are joined back for their stored documents; each facet is counted with GROUP BY over
    its unnested arrays. Joining each facet back to the table cost a lookup per document and facet, and estimates
    high enough for PostgreSQL to compile the statement (JIT)."""
    order_by, columns = ORDERS[order], ", ".join(f"d.{facet}" for facet in FACETS)
    everyone = order == "relevance" and ranked <= least  # every matched document is ranked
    found = (
        f"f AS MATERIALIZED (SELECT d.id, m.matched, {f'({statement.rank()})' if everyone else '0'} AS score,"
        f" d.sort_title, d.sort_date, d.kind, {columns}, d.labels FROM {statement.found(least)})"
    )
    window = f"LIMIT {statement.bind(count)} OFFSET {statement.bind(start)}"
    if order == "relevance" and not everyone:
        paged = (
            f"p AS (SELECT f.id, f.matched, ({statement.rank()}) AS score FROM f JOIN search_documents d USING (id), q"
            f" WHERE f.matched >= {statement.bind(ranked)} ORDER BY {order_by} {window})"
        )
    else:
        paged = f"p AS (SELECT id, matched, score, sort_title, sort_date FROM f ORDER BY {order_by} {window})"
    score = "p.score" if order == "relevance" else f"({statement.rank()})::float8"
    parts = [
        f"SELECT NULL, NULL, NULL, NULL, d.stored, {score}, p.place"
        f" FROM (SELECT p.*, row_number() OVER (ORDER BY {order_by}) AS place FROM p) p"
        " JOIN search_documents d USING (id), q",
        "SELECT 'kind', kind, count(*), NULL, NULL, NULL, NULL FROM f GROUP BY kind",
    ]
    for facet in FACETS:
        key = LABEL_KEYS.get(facet, facet)
        # Periods are all shown, in time order; other facets, their most frequent values (ties: as Python sorts).
        top = "" if facet in PERIODS else f' ORDER BY count(*) DESC, v COLLATE "C" LIMIT {search_service.FACET_LIMIT}'
        parts.append(
            f"(SELECT '{facet}', v, count(*), min((f.labels->'{key}'->v)::text), NULL, NULL, NULL"
            f" FROM f, unnest(f.{facet}) v GROUP BY v{top})"
        )
    sql = f"{statement.queries()}, {found}, {paged} " + " UNION ALL ".join(parts)
    page: list[tuple[int, dict, float]] = []
    facets: list[tuple[str, str, int, str | None]] = []
    for facet, value, counted, label, stored, score, place in connection.execute(text(sql), statement.params):
        if facet is None:
            page.append((place, stored, float(score)))
        else:
            facets.append((facet, value, int(counted), label))
    return [(stored, score) for _place, stored, score in sorted(page, key=lambda row: row[0])], facets


def _facets(found: list[tuple[str, str, int, str | None]], lang: str) -> dict[str, list[tuple[str, str, int]]]:
    """Every facet's (value, label, count) as the search service gives them."""
    rows: dict[str, list[tuple[str, int, str | None]]] = {name: [] for name in FACET_NAMES}
    for facet, value, count, label in found:
        rows[facet].append((value, count, label))
    return {name: _shown(name, rows[name], lang) for name in search_service.FACET_NAMES.values()}


def _shown(name: str, rows: list[tuple[str, int, str | None]], lang: str) -> list[tuple[str, str, int]]:
    """(value, label, count) as the Whoosh engine gives them: periods in time order, others most frequent first."""
    if name in PERIODS:
        width = 100 if name == "century" else 10
        ordered = sorted(rows, key=lambda row: int(row[0]))
        return [(f"{v}-{int(v) + width - 1}", f"{v}–{int(v) + width - 1}", n) for v, n, _label in ordered]
    ordered = sorted(rows, key=lambda row: (-row[1], row[0]))[: search_service.FACET_LIMIT]
    return [(value, _label(name, value, label, lang), count) for value, count, label in ordered]


def _label(name: str, value: str, label: str | None, lang: str) -> str:
    if name == "kind":
        return str(registry.source().kinds.get(value, value))
    found = json.loads(label) if label else value
    if isinstance(found, dict):
        named = localized(found, "fr", lang)
        return named.value if named else value
    return str(found)
