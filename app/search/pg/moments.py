"""Landing on the second on PostgreSQL: the moments matching a search, grouped per interview, as
app/search/moments.py finds them on the Whoosh engine's passages.

The same clauses as the items' search, without the years (a moment must have the words said); moments with every
clause come first, and when fewer than moments.PARTIAL_BELOW have them all, those with the most clauses that
that many have follow. In a record, more clauses first, then the higher rank, then the earlier second; records
are ordered by their best moment. The groups are cut and counted in one SQL statement: only the moments shown are
read.
"""

from sqlalchemy import Connection, text

from app.search import moments
from app.search.pg.passages import PASSAGES
from app.search.pg.statement import Statement

ORDER = "matched DESC, score DESC"
# A moment's rank is not divided by its length: a cue is shorter than an index segment's title and synopsis,
# which the Whoosh ranker weights higher (text 1.0, transcript 0.6) and the tsvectors' weights do not tell apart.
NORMALIZATION = 0


def find(connection: Connection, statement: Statement, marks: dict, wanted: list[int], lang: str) -> moments.Found:
    """The best `moments.GROUPS` records' moments, and those of the records `wanted` (the page's hits)."""
    if not statement.clauses:
        return moments.NOTHING
    groups: dict[int, list] = {}
    for record_id, place, total, display in connection.execute(text(_sql(statement, wanted)), statement.params):
        groups.setdefault(record_id, [place, total, []])[2].append(display)
    made = {record: moments._group(record, shown, total, marks, lang) for record, (_p, total, shown) in groups.items()}
    best = sorted((place, record) for record, (place, _total, _shown) in groups.items() if place <= moments.GROUPS)
    return moments.Found([made[record] for _place, record in best], {r: made[r] for r in made if r in set(wanted)})


def _sql(statement: Statement, wanted: list[int]) -> str:
    """(record_id, its place among the records, its moments matched, a moment's display) of the moments shown, in
    one statement: `m` the moments having any clause, `least` the clauses a moment needs (as Ranker.matches with
    moments.PARTIAL_BELOW), `r` each record's moments ranked, `g` the records ranked by their best moment."""
    ours = f"d.index_name = {statement.bind(PASSAGES)}"
    score = statement.rank(NORMALIZATION)
    matched = (
        f"SELECT d.id, d.record_id, d.start, ({statement.each_on_row()}) AS matched, ({score}) AS score"
        f" FROM search_passages d, q WHERE {ours} AND {statement.where()} AND d.tsv @@ q.qany"
    )
    least = (
        f"SELECT coalesce(max(k), 1) AS k FROM generate_series(1, {len(statement.clauses)}) k"
        f" WHERE (SELECT count(*) FROM m WHERE m.matched >= k) >= {moments.PARTIAL_BELOW}"
    )
    return (
        f"{statement.queries()}, m AS MATERIALIZED ({matched}), least AS ({least}),"
        f" r AS (SELECT m.*, row_number() OVER (PARTITION BY record_id ORDER BY {ORDER}, start) AS n,"
        " count(*) OVER (PARTITION BY record_id) AS total FROM m, least WHERE m.matched >= least.k),"
        f" g AS (SELECT record_id, row_number() OVER (ORDER BY {ORDER}, record_id) AS place FROM r WHERE n = 1)"
        " SELECT r.record_id, g.place, r.total, d.display FROM r JOIN g USING (record_id)"
        f" JOIN search_passages d ON {ours} AND d.id = r.id"
        f" WHERE r.n <= {moments.SHOWN} AND (g.place <= {moments.GROUPS}"
        f" OR r.record_id = ANY(CAST({statement.bind(wanted)} AS int[])))"
        " ORDER BY g.place, r.n"
    )
