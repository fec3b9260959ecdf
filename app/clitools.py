"""What every `museum` command needs: the settings and a database session for the run."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine, make_session_factory


@contextmanager
def command_session() -> Iterator[tuple[Session, Settings]]:
    """Settings from the environment and a session on their database; the command commits."""
    settings = Settings()
    settings.ensure_dirs()
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            yield session, settings
    finally:
        engine.dispose()
