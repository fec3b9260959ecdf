"""A search index over the demo collection, built once for the relevance and service tests."""

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.demo.service import load_demo
from app.item import search as item_search
from app.search.index import SearchIndex
from app.transfer.importer import import_file
from tests.migrate import upgrade

REAL_ROWS = Path(__file__).parents[1] / "fixtures" / "real_corpus" / "rows.jsonl.gz"


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


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Iterator[SearchIndex]:
    """The slice of real records in tests/fixtures/real_corpus imported into a fresh database, then indexed."""
    folder = tmp_path_factory.mktemp("real-search")
    index = build_index(REAL_ROWS, folder)
    yield index
    index.close()


def build_index(rows: Path, folder: Path) -> SearchIndex:
    """Import a gzipped JSON Lines file of catalog rows into a migrated SQLite database in `folder`, and index it."""
    url = f"sqlite:///{folder / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=folder / "media", index_dir=folder / "index", run_worker=False)
    unpacked = folder / "rows.jsonl"
    unpacked.write_bytes(gzip.decompress(rows.read_bytes()))
    engine = make_engine(url)
    index = SearchIndex(settings.index_dir)
    with Session(engine) as session:
        report = import_file(session, unpacked, settings)
        assert not report.rejected, report.summary()
        session.commit()
        index.rebuild(item_search.documents(session))
    engine.dispose()
    return index


@pytest.fixture
def index(tmp_path) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path / "index")
    yield index
    index.close()
