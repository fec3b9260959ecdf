"""The worker commits for real: each test gets its own migrated database and session factory."""

import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import make_engine, make_session_factory
from app.job.models import Job
from app.job.registry import JobContext
from tests.job.handlers import effects


@pytest.fixture
def job_database_url(request, tmp_path) -> str:
    """A fresh SQLite file, or on PostgreSQL the shared test database (its jobs are deleted)."""
    if os.environ.get("MUSEUM_TEST_DATABASE_URL"):
        return request.getfixturevalue("database_url")
    path = tmp_path / "jobs.db"
    shutil.copyfile(request.getfixturevalue("migrated_sqlite_file"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def job_engine(job_database_url) -> Iterator[Engine]:
    engine = make_engine(job_database_url)
    _empty(engine)
    effects.create(engine, checkfirst=True)  # left behind by an interrupted run
    yield engine
    # The shared PostgreSQL database must look untouched to the tests that follow
    # (the migrations check would see the extra table).
    effects.drop(engine)
    _empty(engine)
    engine.dispose()


def _empty(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(delete(Job))


@pytest.fixture
def session_factory(job_engine) -> sessionmaker[Session]:
    return make_session_factory(job_engine)


@pytest.fixture
def job_settings(tmp_path, job_database_url) -> Settings:
    return Settings(database_url=job_database_url, media_dir=tmp_path / "media", index_dir=tmp_path / "index")


@pytest.fixture
def job_context(job_settings) -> JobContext:
    return JobContext.from_settings(job_settings)
