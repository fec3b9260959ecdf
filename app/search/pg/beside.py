"""Records of other kinds found beside the items on PostgreSQL (registry.Companion: exhibits), as
app/search/beside.py finds them in the Whoosh engine's companion indexes: the best few having every word."""

from sqlalchemy import Connection, text

from app.search import beside, registry
from app.search.pg.statement import Statement


def find(connection: Connection, statement: Statement, marks: dict, lang: str) -> list[beside.Found]:
    """The best `beside.SHOWN` records of every companion having all the clauses (a year typed is no word here)."""
    if not statement.clauses:
        return []
    found: list[beside.Found] = []
    for companion in registry.companions():
        sql = (
            f"{statement.queries()} SELECT d.display FROM search_passages d, q"
            f" WHERE d.index_name = {statement.bind(companion.name)} AND {statement.every()}"
            f" ORDER BY ({statement.rank()}) DESC, d.record_id LIMIT {beside.SHOWN}"
        )
        shown = connection.scalars(text(sql), statement.params)
        found += [beside._found(companion, display, marks, lang) for display in shown]
    return found
