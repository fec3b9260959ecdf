"""Exhibits in search: the "in exhibit" facet of the items a published exhibit shows, kept in step by the outbox
(on PostgreSQL, in the change's own transaction), and the exhibits found beside the items; with each engine."""

import json

import pytest
from sqlalchemy import select

from app.db import make_session_factory
from app.exhibit import blocks, editing
from app.exhibit.publishing import EXHIBIT
from app.job.models import Job
from app.publishing import revisions, workflow
from app.search import jobs, sync
from app.search import service as search_service
from app.search.cli import reindex_command
from app.search.pg.index import PgIndex
from app.search.schemas import SearchFilters
from tests.factories import make_exhibit, make_item
from tests.search.both_engines import app, index_of, settings  # noqa: F401  (fixtures: each engine)
from tests.search.conftest import emptied, pg_committing  # noqa: F401  (fixture)
from tests.search.test_cli import env, invoke  # noqa: F401  (fixtures)
from tests.search.test_jobs import drain, on_disk
from tests.search.test_sync import (  # noqa: F401  (fixtures)
    add_item,
    clear_jobs,
    factory,
    search_engine,
    search_settings,
)
from tests.web.html import parse

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def indexed(session, settings, app):
    """Two furnaces, one shown by a published exhibit and both by a draft one, indexed at the app's folder."""
    lexy = make_item(session, identifier="PA00106017", titles={"fr": "Haut-fourneau (ancien)"})
    longuyon = make_item(session, identifier="PA00106073", titles={"fr": "Haut-fourneau (vestiges)"})
    pages = [
        {
            "key": "la-minette",
            "titles": {"fr": "La minette lorraine", "de": "Die lothringische Minette"},
            "blocks": [
                {"type": "text", "body": {"fr": f"Le **minerai** de fer nourrit les hauts-fourneaux. {HOSTILE}"}},
                {"type": "item", "item": lexy.identifier, "caption": {"fr": "Le haut-fourneau de Lexy"}},
                {"type": "quote", "text": {"fr": "On vivait au rythme des coulées."}, "source": {"fr": "Un fondeur"}},
            ],
        }
    ]
    make_exhibit(
        session,
        pages=pages,
        slug="paysages-industriels",
        titles={"fr": "Paysages industriels", "de": "Industrielandschaften"},
        summaries={"fr": "Trois siècles de sidérurgie."},
    )
    make_exhibit(session, [lexy, longuyon], slug="brouillon", titles={"fr": "Brouillon secret"}, status="draft")
    session.flush()
    index = index_of(app, settings)
    jobs.rebuild(session, index)
    index.close()


def test_items_of_a_published_exhibit_carry_it_as_a_facet(client, indexed):
    body = client.get("/api/v1/search", params={"q": "haut-fourneau"}).json()
    assert body["total"] == 2
    assert body["facets"]["exhibit"] == [{"value": "paysages-industriels", "label": "Paysages industriels", "count": 1}]
    german = client.get("/api/v1/search", params={"q": "haut-fourneau"}, headers={"Accept-Language": "de"}).json()
    assert german["facets"]["exhibit"][0]["label"] == "Industrielandschaften"


def test_the_exhibit_filter_keeps_the_items_it_shows(client, indexed):
    body = client.get("/api/v1/search", params={"q": "haut-fourneau", "exhibit": "paysages-industriels"}).json()
    assert [hit["identifier"] for hit in body["results"]] == ["PA00106017"]
    assert client.get("/api/v1/search", params={"exhibit": "brouillon"}).json()["total"] == 0


def test_the_search_page_lists_the_facet_with_the_exhibits_title(client, indexed):
    page = client.get("/search", params={"q": "haut-fourneau"}).text
    assert "In exhibit" in page or "Dans l’exposition" in page
    assert "Paysages industriels" in page and "exhibit=paysages-industriels" in page
    assert "Brouillon" not in page


@pytest.mark.parametrize(
    "words", ["paysages industriels", "minerai", "minette", "coulées", "fondeur", "Lexy", "sidérurgie", "Minette"]
)
def test_an_exhibits_texts_find_it_with_a_link_to_its_page(client, indexed, words):
    found = client.get("/api/v1/search", params={"q": words}).json()["exhibits"]
    assert [hit["url"] for hit in found] == ["http://testserver/exhibits/paysages-industriels"]
    assert found[0]["title"] == "Paysages industriels"


def test_the_search_page_lists_the_exhibit_with_its_marked_extract(client, indexed):
    page = client.get("/search", params={"q": "minerai"}).text
    assert 'href="/exhibits/paysages-industriels"' in page
    assert "<mark>minerai</mark>" in page
    assert "<script>alert" not in page and "<img src=x" not in page


def test_a_draft_exhibit_is_never_found(client, indexed):
    body = client.get("/api/v1/search", params={"q": "brouillon secret"}).json()
    assert body["exhibits"] == [] and body["total"] == 0


def test_exhibits_are_listed_on_the_first_page_without_filters_only(client, indexed):
    assert client.get("/api/v1/search", params={"q": "minerai", "kind": "building"}).json()["exhibits"] == []


def test_the_exhibits_found_beside_are_ranked_by_relevance_not_by_age(client, session, settings, app):
    """The older exhibit names the word once in a long text; the newer one is about it, in its title."""
    long_text = " ".join(["Les ouvriers des aciéries vivaient dans les cités de la vallée."] * 12) + " Puis le charbon."
    for slug, title, body in (
        ("vallee", "La vallée", long_text),
        ("charbon", "Le charbon de la Sarre", "Le charbon arrivait de la Sarre."),
    ):
        pages = [{"key": "p", "titles": {"fr": title}, "blocks": [{"type": "text", "body": {"fr": body}}]}]
        make_exhibit(session, pages=pages, slug=slug, titles={"fr": title})
    session.flush()
    index = index_of(app, settings)
    jobs.rebuild(session, index)
    index.close()
    found = client.get("/api/v1/search", params={"q": "charbon"}).json()["exhibits"]
    assert [hit["url"].rsplit("/", 1)[1] for hit in found] == ["charbon", "vallee"]


# Through the outbox: the workflow's steps and the editor's saves reach the index.


def exhibit_facet(settings, item_id: int) -> dict:
    with on_disk(settings).reading(recheck=True) as reading:
        stored = reading.searcher.document(id=str(item_id))
    return [] if stored is None else json.loads(stored["display"])["labels"].get("exhibit", {})


def found_exhibits(settings, words: str) -> list[str]:
    index = on_disk(settings)
    try:
        return [hit.path for hit in search_service.search(index, words).beside]
    finally:
        index.close()


def document(*identifiers: str) -> blocks.Document:
    return blocks.load({"pages": [{"key": "p", "blocks": [{"type": "item", "item": i} for i in identifiers]}]})


def step(factory, slug: str, *steps: str) -> None:
    with factory.begin() as session:
        for name in steps:
            workflow.take(session, editing.load(session, slug), name, None)


def test_publishing_editing_and_withdrawing_an_exhibit_update_its_items(factory, search_settings):
    first, second = add_item(factory, n=1), add_item(factory, n=2)
    with factory.begin() as session:
        editing.create(session, {"slug": "cites", "titles": {"fr": "Les cités"}}, None, document("SYNC-0001"))
    drain(factory, search_settings)
    assert exhibit_facet(search_settings, first) == {}  # a draft is never a facet value

    assert found_exhibits(search_settings, "cités") == []

    step(factory, "cites", "submit", "publish")
    drain(factory, search_settings)
    assert exhibit_facet(search_settings, first) == {"cites": {"fr": "Les cités"}}
    assert found_exhibits(search_settings, "cités") == ["/exhibits/cites"]

    with factory.begin() as session:
        exhibit = editing.load(session, "cites")
        editing.save_document(session, exhibit, document("SYNC-0002"), None, _latest(session, exhibit))
    drain(factory, search_settings)
    assert exhibit_facet(search_settings, first) == {}
    assert exhibit_facet(search_settings, second) == {"cites": {"fr": "Les cités"}}

    step(factory, "cites", "withdraw")
    drain(factory, search_settings)
    assert exhibit_facet(search_settings, second) == {}
    assert found_exhibits(search_settings, "cités") == []


def test_publishing_editing_and_withdrawing_an_exhibit_reach_the_postgres_engine_at_each_commit(pg_committing):
    factory = make_session_factory(emptied(pg_committing))
    sync.install(factory, "postgres")
    index = PgIndex(pg_committing)  # its own connections, as another server's
    for n in (1, 2):
        add_item(factory, n=n)
    with factory.begin() as session:
        editing.create(session, {"slug": "cites", "titles": {"fr": "Les cités"}}, None, document("SYNC-0001"))
    assert in_exhibit(index, "cites") == [] and beside(index, "cités") == []  # a draft is seen by no one

    step(factory, "cites", "submit", "publish")
    assert in_exhibit(index, "cites") == ["SYNC-0001"] and beside(index, "cités") == ["/exhibits/cites"]
    assert search_service.search(index, "maison").facets["exhibit"] == [("cites", "Les cités", 1)]

    with factory.begin() as session:
        exhibit = editing.load(session, "cites")
        editing.save_document(session, exhibit, document("SYNC-0002"), None, _latest(session, exhibit))
    assert in_exhibit(index, "cites") == ["SYNC-0002"]

    step(factory, "cites", "withdraw")
    assert in_exhibit(index, "cites") == [] and beside(index, "cités") == []


def in_exhibit(index, slug: str) -> list[str]:
    return [hit.identifier for hit in search_service.search(index, "", SearchFilters(exhibit=slug)).hits]


def beside(index, words: str) -> list[str]:
    return [found.path for found in search_service.search(index, words).beside]


def test_a_drafts_edits_write_no_job_for_the_items_it_shows_before(factory):
    add_item(factory, n=1)
    with factory.begin() as session:
        exhibit = editing.create(session, {"slug": "cites", "titles": {"fr": "Les cités"}}, None)
    clear_jobs(factory)
    with factory.begin() as session:
        exhibit = editing.load(session, "cites")
        editing.update(session, exhibit, {"titles": {"fr": "Cités"}}, None, _latest(session, exhibit))
    with factory() as session:
        payloads = session.scalars(select(Job.payload).where(Job.kind == sync.INDEX_JOB)).all()
    assert all(not payload.get("item_ids") for payload in payloads)


def _latest(session, exhibit) -> int:
    return revisions.latest_number(session, EXHIBIT, exhibit.id)


def test_museum_reindex_includes_the_published_exhibits(env, factory):
    add_item(factory, n=1)
    with factory.begin() as session:
        editing.create(session, {"slug": "cites", "titles": {"fr": "Les cités"}}, None, document("SYNC-0001"))
        editing.create(session, {"slug": "brouillon", "titles": {"fr": "Brouillon"}}, None, document("SYNC-0001"))
    step(factory, "cites", "submit", "publish")
    assert "(0 moments, 1 exhibit(s))" in invoke(reindex_command)
    assert found_exhibits(env, "cités") == ["/exhibits/cites"]
    assert found_exhibits(env, "brouillon") == []


RUN = "window.__xss=1"
HOSTILE_TEXTS = [
    f"<script>{RUN}</script>",
    f'"><img src=x onerror="{RUN}">',
    f"<svg onload={RUN}>",
    f'<a href="javascript:{RUN}">lien</a>',
    f"[lien](javascript:{RUN})",
    f"</script><script>{RUN}</script>",
    "{{ 7*7 }} {% raw %}",
]


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_hostile_exhibit_texts_are_only_text_on_the_search_page(client, app, session, settings, hostile):
    words = {"fr": f"Fourneau {hostile} fourneau"}
    block = {"caption": words}
    pages = [
        {
            "key": "p",
            "titles": words,
            "blocks": [
                {"type": "text", "body": words, **block},
                {"type": "quote", "text": words, "source": words, **block},
            ],
        }
    ]
    make_item(session, titles={"fr": "Fourneau"})
    make_exhibit(session, pages=pages, slug="hostile", titles=words, summaries=words)
    session.flush()
    index = index_of(app, settings)
    jobs.rebuild(session, index)
    index.close()
    page = parse(client.get("/search", params={"q": "fourneau"}).text)
    assert page.find("a", href="/exhibits/hostile")
    for element in page.iter():
        assert not any(name.startswith("on") for name in element.attrs), element
        assert not (element.get("href") or "").lower().startswith("javascript"), element
        if element.tag == "script":
            assert "__xss" not in element.text
