"""A search index over the demo collection, built once for the relevance and service tests."""

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.demo.service import load_demo
from app.item import search as item_search
from app.search.index import SearchIndex
from tests.migrate import upgrade


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory) -> Iterator[SearchIndex]:
    """The demo collection loaded into a fresh database of its own, then indexed."""
    folder = tmp_path_factory.mktemp("demo-search")
    url = f"sqlite:///{folder / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=folder / "media", index_dir=folder / "index", run_worker=False)
    engine = make_engine(url)
    index = SearchIndex(settings.index_dir)
    with Session(engine) as session:
        load_demo(session, settings)
        session.commit()
        index.rebuild(item_search.documents(session))
    yield index
    index.close()
    engine.dispose()


@pytest.fixture
def index(tmp_path) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path / "index")
    yield index
    index.close()
