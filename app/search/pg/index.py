"""`PgIndex`: the search index on PostgreSQL, with the methods the app and the indexer call on a SearchIndex.

It holds no state of its own: every server process reading the same database reads the same index. Searches
read in one REPEATABLE READ transaction, so the total, the page and the facets describe one snapshot.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import ProgrammingError

from app.search import registry
from app.search.index import IndexUnavailable
from app.search.pg import alongside, searching, store, suggesting, tables
from app.search.pg.passages import PASSAGES, PgPassages
from app.search.schemas import SearchFilters

MISSING = "The PostgreSQL search tables are missing: run `museum init` (they are made by the migrations)."


class PgIndex:
    """The search tables, read and written through `bind`: the app's engine, or (in tests) one connection."""

    engine_name = "postgres"
    map_points: object = None  # the map's points at one generation (app/map/pg_points.py)

    def __init__(self, bind: Engine | Connection, *, owned: bool = False):
        self.bind, self.owned = bind, owned
        # The interviews' moments and the companions' records (exhibits): rows of search_passages, which the
        # indexer and `museum reindex` rebuild through these as they do the Whoosh engine's companion indexes.
        self.passages = PgPassages(self, PASSAGES)
        self.companions = {found.name: PgPassages(self, found.name) for found in registry.companions()}

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection in a read-only snapshot; IndexUnavailable when the tables are missing."""
        with self._connected() as connection:
            try:
                with connection.begin_nested() if connection.in_transaction() else connection.begin():
                    if not isinstance(self.bind, Connection):
                        # No JIT for a search: PostgreSQL compiles a statement whose estimate passes jit_above_cost
                        # (the facets of a search finding most of the catalog), which costs more than it saves on
                        # statements of a few milliseconds. One round trip for both settings.
                        connection.exec_driver_sql(
                            "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL jit = off"
                        )
                    yield connection
            except ProgrammingError as error:
                if "search_" in str(error) and "does not exist" in str(error):
                    raise IndexUnavailable(MISSING) from error
                raise

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        with self._connected() as connection:
            with connection.begin_nested() if connection.in_transaction() else connection.begin():
                yield connection

    @contextmanager
    def _connected(self) -> Iterator[Connection]:
        if isinstance(self.bind, Connection):
            yield self.bind
        else:
            with self.bind.connect() as connection:
                yield connection

    # Searching: the service's functions call these when the app's index is this one

    def search(self, text_typed: str, filters: SearchFilters, **options) -> object:
        """A page of results with its moments and the exhibits found beside, from one snapshot."""
        with self.reading() as connection:
            found, shown = searching.search(connection, text_typed, filters, **options)
            return alongside.add(
                connection, found, shown, text_typed, filters, options.get("lang", "fr"), options.get("glossary")
            )

    def matching_ids(self, text_typed: str, filters: SearchFilters, lang: str) -> list[int]:
        with self.reading() as connection:
            return searching.matching_ids(connection, text_typed, filters, lang)

    def suggest(self, key: str, lang: str, limit: int) -> list:
        with self.reading() as connection:
            return suggesting.suggest(connection, key, lang, limit)

    # What the indexer, the health check and `museum reindex` call

    def exists(self) -> bool:
        return True  # made by the migrations

    def doc_count(self) -> int:
        with self.reading() as connection:
            return connection.scalar(select(func.count()).select_from(tables.documents)) or 0

    def indexed_ids(self) -> dict[int, str]:
        with self.reading() as connection:
            return {
                row[0]: row[1] for row in connection.execute(select(tables.documents.c.id, tables.documents.c.updated))
            }

    def update(self, documents: Iterable[dict | None]) -> int:
        with self.writing() as connection:
            return store.write(connection, (document for document in documents if document is not None))

    def delete(self, ids: Iterable[int]) -> int:
        with self.writing() as connection:
            return store.remove(connection, ids)

    def rebuild(
        self, documents: Iterable[dict | None], progress: Callable[[int], None] | None = None, procs: int = 1
    ) -> int:
        """Every document written anew in one transaction: searches see the old index until it commits."""
        with self.writing() as connection:
            connection.execute(tables.words.delete())
            connection.execute(tables.documents.delete())  # the suggestions cascade; the passages: self.passages
            return store.write(connection, (document for document in documents if document is not None), progress)

    def warm_up(self, warmer: Callable) -> None:
        """Nothing to warm: PostgreSQL keeps its own caches."""

    def close(self) -> None:
        """Dispose of the engine made for this index (connections go back to the pool after each search)."""
        if self.owned and isinstance(self.bind, Engine):
            self.bind.dispose()
