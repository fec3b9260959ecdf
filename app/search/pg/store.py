"""Writing the PostgreSQL search tables.

A record's rows are written on the connection of the transaction that changes it (app/search/pg/sync.py), so
they commit or roll back with the change and every app server reads the same index as soon as it commits.
"""

import json
from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import Connection, delete, insert, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.search import registry
from app.search.pg import rows, tables
from app.search.pg.tables import documents as documents_table

BATCH = 200  # documents per INSERT


def write(connection: Connection, documents: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
    """Add or replace these documents (their suggestions and words too); returns how many were written."""
    count = 0
    for batch in _batches(documents):
        ids = [document["id"] for document in batch]
        connection.execute(delete(documents_table).where(documents_table.c.id.in_(ids)))  # suggestions cascade
        connection.execute(text(rows.INSERT_SQL), {"rows": json.dumps([rows.values(document) for document in batch])})
        found = [row for document in batch for row in rows.suggestion_rows(document)]
        if found:
            connection.execute(insert(tables.suggestions), found)
        words = sorted(set().union(*(rows.spelling_words(document) for document in batch)))
        if words:
            connection.execute(pg_insert(tables.words).on_conflict_do_nothing(), [{"word": word} for word in words])
        count += len(batch)
        if progress is not None:
            progress(count)
    return count


def remove(connection: Connection, ids: Iterable[int]) -> int:
    """Remove these records' documents; returns how many were there."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    return connection.execute(delete(documents_table).where(documents_table.c.id.in_(wanted))).rowcount


def apply(connection: Connection, session, ids: Iterable[int]) -> None:
    """Make the search tables agree with the database about these records: public ones written, others removed."""
    wanted = set(ids)
    found = list(registry.source().documents(session, sorted(wanted)))  # the public ones only
    write(connection, found)
    remove(connection, wanted - {document["id"] for document in found})


def _batches(documents: Iterable[dict | None]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for document in documents:
        if document is not None:
            batch.append(document)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
