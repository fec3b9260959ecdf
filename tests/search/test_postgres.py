"""The PostgreSQL engine (MUSEUM_SEARCH_ENGINE=postgres): written in the change's own transaction, so every
connection finds a change once it commits and never before; the engine choice; both engines agree on facets."""

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, select

from app.config import Settings
from app.db import make_session_factory
from app.item.kinds import DRAFT
from app.item.models import Item
from app.job.models import DONE, Job
from app.main import create_app
from app.search import query, service, suggestions, sync
from app.search.pg import compounds
from app.search.pg.index import PgIndex
from tests.factories import make_item
from tests.migrate import in_schema
from tests.search.conftest import museum_settings, postgres_url, schema_of_its_own


@pytest.fixture(scope="module")
def museum(worker_id):
    """A museum database of its own (a schema of the PostgreSQL test database): these tests commit."""
    with schema_of_its_own(postgres_url(), f"search_sync_{worker_id}") as engine:
        yield engine


@pytest.fixture
def factory(museum):
    """Sessions as the app makes them with MUSEUM_SEARCH_ENGINE=postgres; every item is removed afterwards."""
    factory = make_session_factory(museum)
    sync.install(factory, "postgres")
    yield factory
    with factory.begin() as session:
        for item in session.scalars(select(Item)):
            session.delete(item)


def found(index, words: str) -> list[str]:
    return [hit.identifier for hit in service.search(index, words).hits]


def test_a_committed_change_is_found_at_once_from_another_connection_and_never_before(museum, factory):
    other = PgIndex(museum)  # each search on a pooled connection of its own, as another server's would be
    with factory() as session:
        item = make_item(session, identifier="SYNC-1", title="Minette rouge de Micheville")
        assert found(other, "minette") == []  # flushed, not committed: nobody else sees it
        session.commit()
        item_id = item.id
    assert found(other, "minette micheville") == ["SYNC-1"]
    with factory.begin() as session:
        session.get(Item, item_id).titles = {"fr": "Forge de Micheville"}
    assert found(other, "minette") == [] and found(other, "forge") == ["SYNC-1"]
    assert service.matching_ids(other, "forge micheville") == [item_id]  # the timeline's question
    with factory() as session:
        session.get(Item, item_id).titles = {"fr": "Titre abandonné"}
        session.flush()
        session.rollback()
    assert found(other, "forge") == ["SYNC-1"] and found(other, "abandonne") == []
    with factory.begin() as session:
        session.get(Item, item_id).status = DRAFT
    assert found(other, "forge") == [] and other.doc_count() == 0


def test_no_index_job_is_queued_with_the_postgres_engine_but_the_generation_moves(museum, factory):
    with factory() as session:
        before = sync.generation(session)
    with factory.begin() as session:
        make_item(session, identifier="SYNC-2", title="Cité ouvrière")
        sync.enqueue(session, [])  # a write bypassing the ORM calls this: no job either
    with factory() as session:
        waiting = select(func.count()).select_from(Job).where(Job.kind == sync.INDEX_JOB, Job.status != DONE)
        assert session.scalar(waiting) == 0
        # The change is recorded as done, so the caches of every server (exhibit pages, media) see it.
        assert sync.generation(session) > before
    assert found(PgIndex(museum), "cite ouvriere") == ["SYNC-2"]


@pytest.mark.parametrize(
    ("words", "lang", "expected"),
    [
        ("EGLISE sainte barbe", "fr", "ACC-FR"),
        ("église SAINTE-BARBE", "fr", "ACC-FR"),
        ("l'eglise", "fr", "ACC-FR"),
        ("strasse", "de", "ACC-DE"),
        ("STRAßE der Hüttenarbeiter", "de", "ACC-DE"),
        ("huttenarbeiter", "de", "ACC-DE"),
        ("ironworks", "en", "ACC-EN"),
        ("OLD Ironworks", "en", "ACC-EN"),
    ],
)
def test_accents_and_case_do_not_matter_in_french_german_and_english(session, words, lang, expected):
    index = postgres_index(session)
    make_item(session, identifier="ACC-FR", title="Église Sainte-Barbe")
    make_item(session, identifier="ACC-DE", language="de", title="Straße der Hüttenarbeiter")
    make_item(session, identifier="ACC-EN", language="en", title="The old ironworks")
    session.commit()  # the test's savepoint: the documents are written at the commit
    assert found_in(index, words, lang) == [expected]


def found_in(index, words: str, lang: str) -> list[str]:
    return [hit.identifier for hit in service.search(index, words, lang=lang).hits]


def postgres_index(session) -> PgIndex:
    """The PostgreSQL index inside the test's transaction, written at the session's commits (of its savepoint)."""
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("the PostgreSQL search engine needs MUSEUM_TEST_DATABASE_URL=postgresql+psycopg://...")
    sync.install(session, "postgres")
    return PgIndex(session.connection())


# Words every matched item has all of: with some words only, the engines' partial matches differ (README).
@pytest.mark.parametrize("words", ["", "église", "haut fourneau", "Metz", "1930", "Hochofen", "chapelle"])
def test_both_engines_count_the_same_facets(demo_index, pg_demo_index, words):
    whoosh = service.search(demo_index, words, per_page=1)
    postgres = service.search(pg_demo_index, words, per_page=1)
    assert postgres.total == whoosh.total
    assert postgres.facets == whoosh.facets


def test_a_typo_gets_a_suggestion_and_results(pg_demo_index):
    results = service.search(pg_demo_index, "fournau")
    assert results.suggestion == "fourneau" and results.total >= 3
    assert "Ehemaliger Hochofen" in [s.text for s in suggestions.suggest(pg_demo_index, "hochof", "de")]
    assert suggestions.suggest(pg_demo_index, "thionv", "de")[0].kind == "place"


def test_a_compound_typed_as_one_word_is_found_as_its_words_and_no_suggestion(pg_demo_index):
    results = service.search(pg_demo_index, "hautfourneau")
    assert "PA00106017" in [hit.identifier for hit in results.hits] and results.suggestion is None
    with pg_demo_index.reading() as connection:
        splits = compounds.splits(connection, query.parse("hautfourneau fourneau"))
    assert splits == {"hautfourneau": ["haut fourneau"]}  # "fourneau", a word documents have, is not cut


def test_postgres_search_is_refused_on_sqlite(tmp_path):
    with pytest.raises(ValidationError, match="MUSEUM_SEARCH_ENGINE=postgres needs a PostgreSQL database"):
        Settings(database_url=f"sqlite:///{tmp_path / 'museum.db'}", search_engine="postgres")


def test_the_app_searches_and_suggests_with_the_postgres_engine(museum, factory, tmp_path, worker_id):
    app = postgres_app(tmp_path, worker_id)
    with TestClient(app) as client:
        with app.state.session_factory.begin() as session:
            make_item(session, identifier="APP-1", title="Hauts-fourneaux de Micheville")
        answer = client.get("/api/v1/search", params={"q": "haut fourneau micheville"}).json()
        assert [hit["identifier"] for hit in answer["results"]] == ["APP-1"]
        assert answer["facets"]["kind"] == [{"value": "building", "label": "Bâtiment", "count": 1}]
        suggested = client.get("/api/v1/suggest", params={"q": "michev"}).json()
        assert suggested[0]["text"] == "Hauts-fourneaux de Micheville"
        page = client.get("/search", params={"q": "Hochofen"})
        assert page.status_code == 200 and "Micheville" in page.text
        assert not (tmp_path / "index").exists() or not any((tmp_path / "index").iterdir())


def test_the_map_reads_its_points_from_the_postgres_engine(museum, factory, tmp_path, worker_id):
    app = postgres_app(tmp_path, worker_id)
    with TestClient(app) as client:
        with app.state.session_factory.begin() as session:
            make_item(session, identifier="MAP-1", title="Mairie de Villerupt", latitude=49.4672, longitude=5.932)
            make_item(session, identifier="MAP-2", title="Église d'Esch", latitude=49.4958, longitude=5.9806)
            make_item(session, identifier="MAP-3", title="Projet", status=DRAFT, latitude=49.47, longitude=5.94)
        features = client.get("/api/v1/map", params={"bbox": "5.9,49.4,6.0,49.5", "zoom": 18}).json()["features"]
        assert sorted(feature["properties"]["identifier"] for feature in features) == ["MAP-1", "MAP-2"]
        filtered = client.get("/api/v1/map", params={"bbox": "5.9,49.4,6.0,49.5", "zoom": 18, "q": "mairie"})
        assert [feature["properties"]["identifier"] for feature in filtered.json()["features"]] == ["MAP-1"]
        with app.state.session_factory.begin() as session:  # seen at the next request: no worker, no lag
            session.scalars(select(Item).where(Item.identifier == "MAP-2")).one().status = DRAFT
        features = client.get("/api/v1/map", params={"bbox": "5.9,49.4,6.0,49.5", "zoom": 18}).json()["features"]
        assert [feature["properties"]["identifier"] for feature in features] == ["MAP-1"]
        page = client.get("/map", params={"near": "", "lat": 49.4958, "lon": 5.9806, "zoom": 15})
        assert page.status_code == 200 and "Mairie de Villerupt" in page.text


def postgres_app(tmp_path, worker_id):
    """The real app on the tests' own museum schema, searching with the PostgreSQL engine."""
    return create_app(museum_settings(in_schema(postgres_url(), f"search_sync_{worker_id}"), tmp_path))
