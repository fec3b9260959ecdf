"""A deployment of two `museum serve` and two `museum worker` processes on a PostgreSQL database of its own.

The database is `<test database>_deployment` (or MUSEUM_TEST_DEPLOYMENT_DATABASE_URL), dropped and created again:
the servers only see committed rows, which the rolled-back sessions of the other tests must never meet.
"""

import os
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from sqlalchemy.orm import Session

from app.db import make_engine
from app.migrate import upgrade
from bench.cluster import Cluster, environment, fresh_database, running, sibling_url
from tests.factories import make_exhibit, make_item, make_user

NO_POSTGRES = "several app servers share a PostgreSQL database: set MUSEUM_TEST_DATABASE_URL to run these tests"


def deployment_url() -> str | None:
    url = os.environ.get("MUSEUM_TEST_DEPLOYMENT_DATABASE_URL") or os.environ.get("MUSEUM_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        return None
    return url if "MUSEUM_TEST_DEPLOYMENT_DATABASE_URL" in os.environ else sibling_url(url, "_deployment")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    """Servers a and b, workers w1 and w2, over a fresh database holding an admin, an item and its exhibit."""
    url = deployment_url()
    if url is None:
        pytest.skip(NO_POSTGRES)
    upgrade(fresh_database(url))
    folder = tmp_path_factory.mktemp("deployment")
    (folder / "logs").mkdir()
    deployment = Cluster(environment(url, folder, {"MUSEUM_LOGIN_MAX_FAILURES": "4"}), folder / "logs")
    _catalog(url)
    with running(deployment, servers=2, workers=2):
        yield deployment


def _catalog(url: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        make_user(session, "directrice", role="admin")
        item = make_item(session, identifier="DEP-0001", title="Haut-fourneau de la Paix")
        make_exhibit(session, [item], slug="forges")
        session.commit()
    engine.dispose()


@pytest.fixture
def browser() -> Iterator[httpx.Client]:
    """One browser: its cookies go to both servers (the same host behind the proxy), as they would in production."""
    with httpx.Client(timeout=60, follow_redirects=False) as client:
        yield client
