"""The request's database session (app/web/deps.py): committed once after the view, rolled back when the view
fails, closed with its connection back in the pool; a view done with the database may end it early."""

from datetime import date

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

import app.models  # noqa: F401  (every table mapped)
from app.db import make_engine, make_session_factory
from app.report.models import SiteVisit
from app.web.deps import SessionDep, done_reading

DAY = date(2026, 5, 1)


@pytest.fixture
def engine(tmp_path, migrated_sqlite_file):
    path = tmp_path / "museum.db"
    path.write_bytes(migrated_sqlite_file.read_bytes())
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def client(engine):
    """A small app whose views take the museum's own session dependency (not a test's)."""
    api = FastAPI()
    api.state.session_factory = make_session_factory(engine)

    @api.get("/read")
    def read(session: SessionDep):
        return {"one": session.scalar(text("SELECT 1"))}

    @api.get("/done")
    def done(session: SessionDep):
        session.scalar(text("SELECT 1"))
        done_reading(session)
        return {"open": session.in_transaction()}

    @api.post("/write")
    def write(session: SessionDep, section: str, fail: bool = False):
        session.add(SiteVisit(day=DAY, section=section, count=1))
        session.flush()
        if fail:
            raise HTTPException(409)
        return {"stored": section}

    with TestClient(api) as client:
        yield client


def _sections(engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(SiteVisit.section).order_by(SiteVisit.section)))


def test_a_write_is_committed_and_the_connection_returned(client, engine):
    assert client.post("/write", params={"section": "home"}).json() == {"stored": "home"}
    assert _sections(engine) == ["home"]
    assert engine.pool.checkedout() == 0


def test_a_failing_view_stores_nothing(client, engine):
    assert client.post("/write", params={"section": "map", "fail": True}).status_code == 409
    assert _sections(engine) == []
    assert engine.pool.checkedout() == 0


@pytest.mark.parametrize("path", ["/read", "/done"])
def test_a_read_ends_its_transaction_and_returns_the_connection(client, engine, path):
    assert client.get(path).status_code == 200
    assert engine.pool.checkedout() == 0


def test_a_view_done_reading_ends_the_transaction_on_its_own_thread(client):
    assert client.get("/done").json() == {"open": False}


def test_done_reading_leaves_a_session_the_request_does_not_own(engine):
    with Session(engine) as session:
        session.scalar(select(func.count()).select_from(SiteVisit))
        done_reading(session)
        assert session.in_transaction()
