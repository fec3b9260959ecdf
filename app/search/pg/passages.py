"""The passages on PostgreSQL: the interviews' moments and the companions' records (exhibits) in search_passages.

The Whoosh engine keeps them in indexes of their own (app/search/passages.py); here they are rows of one table,
told apart by `index_name`, written in the transaction of the change that alters them (app/search/pg/sync.py).
A row's texts are analyzed as the records' documents are (app/search/pg/rows.py: the same configurations and
weights), and it carries its record's facets and dates, so that a search's filters apply to it.
"""

import json
from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import Connection, delete, func, select, text
from sqlalchemy.orm import Session

from app.search import passages, registry
from app.search.analysis import ANALYZED
from app.search.pg import rows, tables
from app.search.pg.tables import FACETS, LANGS

PASSAGES = "passages"  # the index_name of the interviews' moments (as the Whoosh folder, app/search/index.py)
BATCH = 500  # rows per INSERT
_NAMES = {"names": "people", "place_names": "places"}  # the passages' name fields as rows.py's text keys


def values(index_name: str, doc: dict) -> dict:
    """The search_passages row of a passage document (app/interview/search.py, app/exhibit/search.py) as JSON."""
    fields = passages.to_fields(doc)
    row = {
        "index_name": index_name,
        "id": doc["id"],
        "record_id": doc["record"],
        "start": fields[passages.START],
        "kind": fields.get("kind"),
        "date_earliest": fields.get("date_earliest"),
        "date_latest": fields.get("date_latest"),
        "display": doc["display"],
        "texts": {_NAMES.get(name, name): value for name, value in fields.items() if _is_text(name) and value},
    }
    for facet in FACETS:
        found = fields.get(rows.FACET_FIELDS.get(facet, facet))
        row[facet] = found.split(",") if found else []
    return row


def _is_text(name: str) -> bool:
    """Whether a passage field is a text (`transcript_fr`, `names`...), not a facet (`subject_facet`) or a column."""
    kind, _, lang = name.rpartition("_")
    return name in _NAMES or (kind in passages.TEXT_KINDS and lang in ANALYZED)


_COLUMNS = (
    "index_name text, id text, record_id int, start int, kind text, date_earliest int, date_latest int,"
    " display jsonb, texts jsonb, " + ", ".join(f"{facet} text[]" for facet in FACETS)
)
_PLAIN = ("index_name", "id", "record_id", "start", "kind", "date_earliest", "date_latest", "display", *FACETS)
# As rows.INSERT_SQL: each language's tsvector from its texts by its configuration, `tsv` their union.
INSERT_SQL = (
    f"INSERT INTO search_passages ({', '.join(_PLAIN)}, {', '.join(f'tsv_{lang}' for lang in LANGS)}, tsv)"
    f" SELECT {', '.join(f'r.{name}' for name in _PLAIN)},"
    f" {', '.join(f'v.{lang}' for lang in LANGS)}, {' || '.join(f'v.{lang}' for lang in LANGS)}"
    f" FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({_COLUMNS})"
    f" CROSS JOIN LATERAL (SELECT {', '.join(f'{rows._vector_sql(lang)} AS {lang}' for lang in LANGS)}) AS v"
)


def write(connection: Connection, index_name: str, documents: Iterable[dict]) -> int:
    """Insert these passage documents (their ids not yet there); returns how many were written."""
    count = 0
    batch: list[dict] = []
    for document in documents:
        batch.append(values(index_name, document))
        if len(batch) >= BATCH:
            count += _insert(connection, batch)
            batch = []
    return count + (_insert(connection, batch) if batch else 0)


def _insert(connection: Connection, batch: list[dict]) -> int:
    connection.execute(text(INSERT_SQL), {"rows": json.dumps(batch, ensure_ascii=False)})
    return len(batch)


def replace(connection: Connection, index_name: str, record_ids: Iterable[int], documents: Iterable[dict]) -> int:
    """The passages of these records replaced by `documents` (theirs, as they are now)."""
    table = tables.passages
    wanted = sorted(set(record_ids))
    if wanted:
        connection.execute(delete(table).where(table.c.index_name == index_name, table.c.record_id.in_(wanted)))
    return write(connection, index_name, documents)


def apply(connection: Connection, session: Session, ids: set[int], beside: dict[str, set[int]]) -> None:
    """Make search_passages agree with the database: the moments of the records `ids`, and the companions'
    records `beside` (by companion name); only what the public may read is written."""
    if ids:
        replace(connection, PASSAGES, ids, _moments(session, sorted(ids)))
    for companion in registry.companions():
        if found := beside.get(companion.name):
            replace(connection, companion.name, found, companion.documents(session, sorted(found)))


def _moments(session: Session, ids: list[int] | None) -> Iterator[dict]:
    for found in registry.passages():
        yield from found.documents(session, ids)


class PgPassages:
    """The rows of one `index_name`, with the methods the indexer, `museum reindex` and the health check call on
    the Whoosh engine's companion indexes (rebuild, replace, doc_count, exists)."""

    def __init__(self, index, index_name: str):
        self.index, self.index_name = index, index_name

    def rebuild(self, documents: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
        """Every row of this index written anew in one transaction."""
        with self.index.writing() as connection:
            connection.execute(delete(tables.passages).where(tables.passages.c.index_name == self.index_name))
            return write(connection, self.index_name, documents)

    def replace(self, _field_name: str, record_ids: Iterable[str], documents: Iterable[dict]) -> int:
        """As SearchIndex.replace("record_id", ...) (app/search/jobs.py's call): these records' rows replaced."""
        with self.index.writing() as connection:
            return replace(connection, self.index_name, map(int, record_ids), documents)

    def doc_count(self) -> int:
        table = tables.passages
        with self.index.reading() as connection:
            query = select(func.count()).select_from(table).where(table.c.index_name == self.index_name)
            return connection.scalar(query) or 0

    def exists(self) -> bool:
        return True  # made by the migrations

    def close(self) -> None:
        """Nothing of its own to close: the rows are read through the index's connections."""
