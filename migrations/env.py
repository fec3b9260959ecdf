"""Alembic environment: the URL comes from the caller's config, else from Settings."""

from logging.config import fileConfig

from alembic import context

import app.models  # noqa: F401  (registers every table)
from app.config import Settings
from app.db import Base, make_engine
from app.search.pg.tables import NAMES as POSTGRES_SEARCH_TABLES

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or Settings().database_url,
        target_metadata=Base.metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or Settings().database_url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=_compared,
        version_table_schema=_own_schema(connection),
    )
    with context.begin_transaction():
        context.run_migrations()


def _own_schema(connection) -> str | None:
    """On PostgreSQL, the schema the tables are made in (the first of the search path): a database migrated in a
    schema of its own (the search tests') then keeps its version there, not in another schema of the path."""
    # The dialect read current_schema() when it first connected: no query here, which would begin the transaction
    # that Alembic must begin (and commit) itself. In `public`, as before (None: where `alembic check` expects it).
    schema = connection.dialect.default_schema_name if connection.dialect.name == "postgresql" else None
    return schema if schema != "public" else None


def _compared(found, name, type_, reflected, compare_to) -> bool:
    """Whether `alembic check` compares this object: not the PostgreSQL-only search tables (app/search/pg/tables.py),
    which the models do not describe, nor Alembic's version table, which it only recognises in `public`: a museum
    in a schema of its own (each test worker's, `_own_schema`) keeps it there."""
    table = found if type_ == "table" else getattr(found, "table", None)
    return getattr(table, "name", None) not in POSTGRES_SEARCH_TABLES | {"alembic_version"}


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
