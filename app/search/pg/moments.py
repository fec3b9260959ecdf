"""Landing on the second on PostgreSQL: the moments matching a search, grouped per interview, as
app/search/moments.py finds them on the Whoosh engine's passages.

The same clauses as the items' search, without the years (a moment must have the words said); moments with every
clause come first, and when fewer than moments.PARTIAL_BELOW have them all, those with the most clauses that
that many have follow. In a record, more clauses first, then the higher rank, then the earlier second; records
are ordered by their best moment. The groups are cut and counted in SQL: only the moments shown are read.
"""

from sqlalchemy import Connection, text

from app.search import moments
from app.search.pg.passages import PASSAGES
from app.search.pg.statement import Statement

ORDER = "matched DESC, score DESC"


def find(connection: Connection, statement: Statement, marks: dict, wanted: list[int], lang: str) -> moments.Found:
    """The best `moments.GROUPS` records' moments, and those of the records `wanted` (the page's hits)."""
    if not statement.clauses:
        return moments.NOTHING
    least = _least(connection, statement)
    if least is None:
        return moments.NOTHING
    groups: dict[int, list] = {}
    for record_id, place, total, display in connection.execute(text(_sql(statement, least, wanted)), statement.params):
        groups.setdefault(record_id, [place, total, []])[2].append(display)
    made = {record: moments._group(record, shown, total, marks, lang) for record, (_p, total, shown) in groups.items()}
    best = sorted((place, record) for record, (place, _total, _shown) in groups.items() if place <= moments.GROUPS)
    return moments.Found([made[record] for _place, record in best], {r: made[r] for r in made if r in set(wanted)})


def _ours(statement: Statement) -> str:
    return f"d.index_name = {statement.bind(PASSAGES)}"


def _least(connection: Connection, statement: Statement) -> int | None:
    """The clauses a moment needs (as Ranker.matches with moments.PARTIAL_BELOW); None when none has any."""
    sql = (
        f"{statement.queries()} SELECT ({statement.count()}) AS matched, count(*) FROM search_passages d, q"
        f" WHERE {_ours(statement)} AND {statement.where()} AND {statement.any_clause()} GROUP BY matched"
    )
    counts = {row[0]: row[1] for row in connection.execute(text(sql), statement.params)}
    if not counts:
        return None
    wanted = len(statement.clauses)
    found = (k for k in range(wanted, 0, -1) if sum(n for m, n in counts.items() if m >= k) >= moments.PARTIAL_BELOW)
    return next(found, 1)


def _sql(statement: Statement, least: int, wanted: list[int]) -> str:
    """(record_id, its place among the records, its moments matched, a moment's display) of the moments shown."""
    matched = (
        f"SELECT d.record_id, d.start, d.display, ({statement.count()}) AS matched, ({statement.rank()}) AS score"
        f" FROM search_passages d, q WHERE {_ours(statement)} AND {statement.having(least)}"
    )
    return (
        f"{statement.queries()}, m AS ({matched}),"
        f" r AS (SELECT m.*, row_number() OVER (PARTITION BY record_id ORDER BY {ORDER}, start) AS n,"
        " count(*) OVER (PARTITION BY record_id) AS total FROM m),"
        f" g AS (SELECT record_id, row_number() OVER (ORDER BY {ORDER}, record_id) AS place FROM r WHERE n = 1)"
        " SELECT r.record_id, g.place, r.total, r.display FROM r JOIN g USING (record_id)"
        f" WHERE r.n <= {moments.SHOWN} AND (g.place <= {moments.GROUPS}"
        f" OR r.record_id = ANY(CAST({statement.bind(wanted)} AS int[])))"
        " ORDER BY g.place, r.n"
    )
