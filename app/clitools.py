"""What every `museum` command needs: the settings and a database session for the run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.config import Settings


@contextmanager
def command_session() -> Iterator[tuple[Session, Settings]]:
    """Settings from the environment and a session on their database; the command commits."""
    # Imported here, not at the top: `museum --help` loads every command module and must stay quick.
    import app.models  # noqa: F401  (every table is mapped before the first query)
    from app.config import Settings
    from app.db import make_engine, make_session_factory
    from app.media import visibility as media_visibility
    from app.search import sync as search_sync

    settings = Settings()
    settings.ensure_dirs()
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    # What the command changes reaches the search index: through the outbox, or in its transaction (PostgreSQL engine).
    search_sync.install(factory, settings.search_engine)
    media_visibility.install(factory)  # drops this process's answers (running servers see the index jobs)
    try:
        with factory() as session:
            yield session, settings
    finally:
        engine.dispose()
