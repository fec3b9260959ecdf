"""Search lands on the second: an interview's cues and index segments are found one by one, grouped per
interview, and only what the public may read of it is ever found (redactions, closed segments, access levels).

The museum here commits for real and is searched through the real app over HTTP, with each engine: on its own
SQLite file, indexed through the outbox and the worker (Whoosh); on a schema of the PostgreSQL test database,
written in the change's own transaction (PostgreSQL, where `drain` finds no job to run).
"""

import re
import shutil
import threading
from contextlib import closing
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import make_engine, make_session_factory
from app.interview.models import ON_REQUEST, PUBLIC, SEALED, WITHDRAWN, Cue, IndexSegment, Interview, Redaction
from app.item.kinds import PUBLISHED
from app.item.models import Item
from app.job.models import Job
from app.job.registry import JobContext
from app.job.worker import run
from app.main import create_app
from app.media.models import Media
from app.search import health, jobs, sync
from app.search.cli import reindex_command
from app.search.index import open_index
from tests.migrate import settings_on_copy
from tests.search.conftest import ENGINES, emptied, museum_settings

IDENTIFIER = "ORAL-0001"
# (second, speaker, words): five moments say "laminoir"; one is redacted, one lies in a withdrawn segment.
CUES = [
    (12, "Maria Rossi", "Nous sommes arrivés de Gubbio en 1948, avec ma mère et mes deux frères."),
    (754, "Maria Rossi", "Mon père travaillait au laminoir de Micheville, il rentrait noir de poussière."),
    (800, "Maria Rossi", "Le laminoir ne s'arrêtait jamais, même le dimanche."),
    (830, "Jean Muller", "On entendait le laminoir depuis l'école."),
    (860, "Maria Rossi", "Au laminoir on parlait italien, polonais, un peu français."),
    (880, "Maria Rossi", "Mon frère est entré au laminoir à quinze ans."),
    (900, "Maria Rossi", "Le contremaître Bertolucci nous traitait très mal au laminoir."),  # redacted
    (1010, "Maria Rossi", "Le secret du zabaglione de ma grand-mère."),  # in a withdrawn segment
]


@pytest.fixture(params=ENGINES)
def museum(request, tmp_path):
    """(settings, committing session factory) of a museum with one interview indexed by each engine: a SQLite file
    of the test's own with the outbox, or the module's PostgreSQL schema emptied (migrated once)."""
    if request.param == "postgres":
        engine = emptied(request.getfixturevalue("pg_committing"))
        settings = museum_settings(engine.url.render_as_string(hide_password=False), tmp_path)
    else:
        settings = settings_on_copy(tmp_path, request.getfixturevalue("migrated_sqlite_file"))
        engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    sync.install(factory, settings.search_engine)
    with factory.begin() as session:
        add_interview(session)
    with factory() as session, closing(open_index(settings)) as index:
        jobs.rebuild(session, index)
    yield settings, factory
    if request.param == "whoosh":
        engine.dispose()


def add_interview(session: Session) -> Item:
    item = Item(
        identifier=IDENTIFIER,
        kind="interview",
        status=PUBLISHED,
        language="fr",
        titles={"fr": "Entretien avec Maria Rossi"},
        sort_title="entretien avec maria rossi",
    )
    session.add(item)
    session.flush()
    session.add(Interview(item_id=item.id, access=PUBLIC))
    for position, (second, speaker, text) in enumerate(CUES):
        session.add(
            Cue(
                item_id=item.id,
                position=position,
                start_seconds=second,
                end_seconds=second + 10,
                speaker=speaker,
                language="fr",
                text=text,
            )
        )
    session.add(
        IndexSegment(
            item_id=item.id,
            position=0,
            start_seconds=700,
            end_seconds=899,
            language="fr",
            title="Le travail des pères",
            synopsis="Souvenirs de l'usine de Micheville.",
            keywords=["sidérurgie"],
        )
    )
    session.add(
        IndexSegment(
            item_id=item.id,
            position=1,
            start_seconds=1000,
            end_seconds=1100,
            language="fr",
            title="Une recette de famille",
            synopsis="Une recette gardée secrète.",
            access=WITHDRAWN,
        )
    )
    session.add(Redaction(item_id=item.id, start_seconds=895, end_seconds=905, reason="Names a living person"))
    return item


@pytest.fixture
def client(museum):
    settings, _factory = museum
    with TestClient(create_app(settings)) as client:
        yield client


def drain(client, factory: sessionmaker[Session]) -> None:
    """Run the outbox's jobs as the app's own worker thread does: with the index the app searches."""
    context = JobContext(client.app.state.settings, client.app.state.search_index)
    assert run(factory, context, stop=threading.Event(), drain=True) == 0


def search(client, words: str) -> dict:
    response = client.get("/api/v1/search", params={"q": words})
    assert response.status_code == 200, response.text
    return response.json()


def moments_of(body: dict) -> list[dict]:
    """Every moment the API gives, in the results and in the interviews listed beside them."""
    found = [moment for hit in body["results"] for moment in hit["moments"]]
    return found + [moment for group in body["interviews"] for moment in group["moments"]]


def seconds(moments: list[dict]) -> list[int]:
    return [moment["t"] for moment in moments]


def set_access(factory: sessionmaker[Session], level: str, sealed_until: date | None = None) -> None:
    with factory.begin() as session:
        interview = session.scalars(select(Interview)).one()
        interview.access, interview.sealed_until = level, sealed_until


def test_the_api_gives_each_interview_its_moments_with_second_url_snippet_and_speaker(client):
    body = search(client, "laminoir")
    hit = next(hit for hit in body["results"] if hit["identifier"] == IDENTIFIER)
    assert len(hit["moments"]) == 3 and hit["more_moments"] == 2  # five visible cues say it; three shown
    first = hit["moments"][0]
    assert first["speaker"] in ("Maria Rossi", "Jean Muller")
    assert "laminoir" in first["snippet"] and "<mark>" not in first["snippet"]
    for moment in hit["moments"]:
        url = urlsplit(moment["url"])
        assert url.path == f"/items/{IDENTIFIER}" and parse_qs(url.query) == {"t": [str(moment["t"])]}
    assert body["interviews"][0]["identifier"] == IDENTIFIER
    assert parse_qs(urlsplit(body["interviews"][0]["url"]).query) == {"q": ["laminoir"]}


def test_the_moment_with_every_word_comes_first(client):
    body = search(client, "laminoir micheville")
    found = body["interviews"][0]["moments"]
    assert found[0]["t"] == 754 and found[0]["snippet"].startswith("Mon père travaillait au laminoir de Micheville")
    assert seconds(found)[1] == 700  # the index segment of the fathers' work: Micheville in its synopsis
    assert found[1]["chapter"] == "Le travail des pères"


def test_the_search_page_groups_moments_under_their_interview_linking_to_their_second(client):
    page = client.get("/search", params={"q": "laminoir micheville"})
    assert page.status_code == 200
    entry = page.text[page.text.index(f'href="http://testserver/items/{IDENTIFIER}"') :]
    links = re.findall(rf'href="http://testserver/items/{IDENTIFIER}\?t=(\d+)"', entry)
    assert links[:2] == ["754", "700"] and len(links) == 3
    assert "<mark>laminoir</mark> de <mark>Micheville</mark>" in entry
    assert "Maria Rossi" in entry and "12:34" in entry  # 754 seconds
    assert f'/items/{IDENTIFIER}?q=laminoir+micheville"' in entry  # "n more moments in this interview"


def test_an_interview_found_only_by_a_chapter_is_listed_with_its_moment(client):
    body = search(client, "sidérurgie")
    assert seconds(moments_of(body)) and set(seconds(moments_of(body))) == {700}
    page = client.get("/search", params={"q": "sidérurgie"}).text
    assert f"/items/{IDENTIFIER}?t=700" in page


@pytest.mark.parametrize("words", ["Bertolucci", "zabaglione", "recette gardée secrète"])
def test_redacted_and_closed_passages_are_never_found(client, words):
    body = search(client, words)
    assert body["total"] == 0 and moments_of(body) == []
    assert not client.get("/api/v1/suggest", params={"q": words[:5]}).json()
    page = client.get("/search", params={"q": words}).text
    assert "?t=" not in page and "Aucun élément ne correspond" in page


@pytest.mark.parametrize(
    "level, until",
    [(WITHDRAWN, None), (SEALED, date.today() + timedelta(days=365 * 25)), (ON_REQUEST, None)],
)
def test_no_word_of_a_closed_interview_is_found_and_its_moments_come_back_when_it_opens(museum, client, level, until):
    _settings, factory = museum
    set_access(factory, level, until)
    drain(client, factory)
    body = search(client, "laminoir")
    assert moments_of(body) == [] and IDENTIFIER not in [hit["identifier"] for hit in body["results"]]
    assert "?t=" not in client.get("/search", params={"q": "laminoir"}).text
    assert not [s for s in client.get("/api/v1/suggest", params={"q": "lamin"}).json()]
    by_title = search(client, "Entretien Rossi")  # the record itself stays public unless withdrawn
    assert (IDENTIFIER in [hit["identifier"] for hit in by_title["results"]]) is (level != WITHDRAWN)
    assert moments_of(by_title) == []
    set_access(factory, PUBLIC)
    drain(client, factory)
    assert seconds(moments_of(search(client, "laminoir")))


def test_a_sealed_interview_whose_date_has_come_is_found(museum, client):
    _settings, factory = museum
    set_access(factory, SEALED, date.today())
    drain(client, factory)
    assert 754 in seconds(moments_of(search(client, "micheville")))


def test_a_new_redaction_takes_the_moment_out_after_its_commit(museum, client):
    _settings, factory = museum
    with factory.begin() as session:
        item_id = session.scalars(select(Item.id)).one()
        session.add(Redaction(item_id=item_id, start_seconds=750, end_seconds=760))
    drain(client, factory)
    body = search(client, "micheville poussière")
    assert 754 not in seconds(moments_of(body)) and "poussière" not in str(body)


def test_an_edited_cue_is_found_by_its_new_words_only(museum, client):
    _settings, factory = museum
    with factory.begin() as session:
        cue = session.scalars(select(Cue).where(Cue.start_seconds == 12)).one()
        cue.text = "Nous sommes venus de Frosinone en train."
    drain(client, factory)
    assert set(seconds(moments_of(search(client, "frosinone")))) == {12}
    assert moments_of(search(client, "gubbio")) == []


def test_reindex_restores_the_moments(museum, monkeypatch):
    settings, _factory = museum
    with closing(open_index(settings)) as index:
        assert index.passages is not None
        index.passages.rebuild(())  # the moments lost, the items' index intact
    with TestClient(create_app(settings)) as client:
        body = search(client, "laminoir")
        assert body["results"] and moments_of(body) == []
    monkeypatch.setenv("MUSEUM_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MUSEUM_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("MUSEUM_SEARCH_ENGINE", settings.search_engine)
    result = CliRunner().invoke(reindex_command, ["--procs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "(7 moments)" in result.output  # 6 cues outside the hidden ranges, 1 open index segment
    with TestClient(create_app(settings)) as client:
        assert len(moments_of(search(client, "laminoir"))) == 6  # 3 in the result, 3 in the interviews beside


def test_the_moments_follow_the_filters(client):
    assert moments_of(client.get("/api/v1/search", params={"q": "laminoir", "kind": "building"}).json()) == []
    assert moments_of(client.get("/api/v1/search", params={"q": "laminoir", "kind": "interview"}).json())


def test_start_up_rebuilds_an_index_that_has_no_moments_yet(museum):
    settings, factory = museum
    if settings.search_engine == "postgres":
        pytest.skip("Whoosh only: the PostgreSQL engine's moments are a table the migrations make, never missing")
    shutil.rmtree(settings.index_dir / "passages")  # an index built before moments existed
    assert health.ensure_index(factory, open_index(settings))
    with factory() as session:
        assert session.scalars(select(Job.key).where(Job.kind == sync.REBUILD_JOB)).all() == [sync.REBUILD_KEY]


def test_a_moment_of_the_second_recording_opens_that_part(client, museum):
    _settings, factory = museum
    with factory.begin() as session:
        item = session.scalars(select(Item).where(Item.identifier == IDENTIFIER)).one()
        tapes = [
            Media(
                item_id=item.id,
                position=n,
                media_type="audio",
                mime_type="audio/mp4",
                sha256=str(n) * 64,
                original_path=f"{str(n) * 64}.m4a",
                size_bytes=1,
            )
            for n in (1, 2)
        ]
        session.add_all(tapes)
        session.flush()
        words = "La grève de 1979, racontée sur la deuxième cassette."
        session.add(
            Cue(item_id=item.id, position=20, start_seconds=42, language="fr", text=words, media_id=tapes[1].id)
        )
    drain(client, factory)
    moment = moments_of(search(client, "cassette"))[0]
    assert parse_qs(urlsplit(moment["url"]).query) == {"t": ["42"], "part": ["2"]}
    assert f"/items/{IDENTIFIER}?t=42&amp;part=2" in client.get("/search", params={"q": "cassette"}).text
    first = moments_of(search(client, "laminoir"))[0]  # the first recording's moments keep their plain link
    assert parse_qs(urlsplit(first["url"]).query) == {"t": [str(first["t"])]}
