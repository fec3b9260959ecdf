"""The search page and the search API over HTTP: contract, facets, filters, paging, safety, drafts; with each
search engine (PostgreSQL's searches inside the test's transaction, when the tests run on PostgreSQL)."""

import pytest
from sqlalchemy import select

from app.item import search as item_search
from app.item.kinds import DRAFT
from app.item.models import Item
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag
from tests.search.both_engines import app, index_of, settings  # noqa: F401  (fixtures: each engine)

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def indexed(session, settings, app):
    """A few items, indexed at the app's index folder; returns a function that (re)builds the index."""
    furnace = make_item(
        session,
        identifier="PA00106017",
        titles={"fr": "Haut-fourneau (ancien)"},
        descriptions={"fr": "Le dernier haut-fourneau de la vallée de l'Alzette."},
        date_text="1865",
        date_earliest=1865,
        date_latest=1865,
    )
    church = make_item(
        session,
        identifier="PA00106443",
        titles={"fr": "Église Sainte-Barbe", "de": "Kirche"},
        date_text="1937",
        date_earliest=1937,
        date_latest=1937,
    )
    painting = make_item(
        session,
        identifier="N05738",
        kind="artwork",
        language="en",
        titles={"en": "Blast Furnaces at Night"},
        date_text="c.1794",
        date_earliest=1789,
        date_latest=1799,
    )
    make_item(
        session,
        identifier="XSS-1",
        titles={"fr": f"Maison {HOSTILE} fourneau"},
        descriptions={"fr": f"Texte {HOSTILE} du haut-fourneau"},
    )
    make_item(session, identifier="SECRET-1", titles={"fr": "Haut-fourneau secret"}, status=DRAFT)
    credit(session, painting, make_agent(session, "J. M. W. Turner"), "creator")
    tag(session, church, "église")
    make_collection(session, [furnace, church], slug="patrimoine-protege", titles={"fr": "Patrimoine protégé"})

    def build():
        session.flush()
        index = index_of(app, settings)
        index.rebuild(item_search.documents(session))
        index.close()

    build()
    return build


def test_api_search_carries_the_contract_keys(client, indexed):
    body = client.get("/api/v1/search?q=haut-fourneau").json()
    assert {"total", "results", "facets", "suggestion"} <= body.keys()
    identifiers = [hit["identifier"] for hit in body["results"]]
    assert identifiers[0] == "PA00106017"
    for hit in body["results"]:
        assert {"identifier", "kind", "title", "url", "snippet"} <= hit.keys()
    assert {"kind", "collection", "century"} <= body["facets"].keys()


def test_drafts_never_appear_in_results_facets_or_suggestions(client, indexed):
    body = client.get("/api/v1/search?q=secret").json()
    assert "SECRET-1" not in [hit["identifier"] for hit in body["results"]]
    assert all("secret" not in s["text"].lower() for s in client.get("/api/v1/suggest?q=haut").json())
    assert "secret" not in client.get("/search?q=haut-fourneau").text.lower()


def test_german_words_find_the_french_item(client, indexed):
    body = client.get("/api/v1/search?q=Hochofen").json()
    assert "PA00106017" in [hit["identifier"] for hit in body["results"]]


def test_filters_combine_and_facet_links_keep_the_words(client, indexed):
    body = client.get("/api/v1/search?q=furnaces&kind=artwork").json()
    assert [hit["identifier"] for hit in body["results"]] == ["N05738"]
    nothing = client.get("/api/v1/search?q=fourneau&kind=object").json()
    assert (nothing["total"], nothing["results"]) == (0, [])
    page = client.get("/search?q=fourneau").text
    assert "/search?q=fourneau&amp;kind=building" in page


def test_words_with_a_period_work_before_any_interview_is_indexed(client, indexed):
    # The moments' index is still empty: its reader has no date columns to filter by period (was a 500).
    body = client.get("/api/v1/search?q=fourneau&period=1860-1869").json()
    assert [hit["identifier"] for hit in body["results"]] == ["PA00106017"]
    assert client.get("/search?q=fourneau&period=1860-1869").status_code == 200


@pytest.mark.parametrize("words", ['"haut', "haut)", "(((", "AND", "OR NOT", "église AND", '""', "*", "?:^~"])
def test_stray_syntax_never_breaks_the_page(client, indexed, words):
    assert client.get("/search", params={"q": words}).status_code == 200
    assert client.get("/api/v1/search", params={"q": words}).status_code == 200


def test_item_text_is_escaped_in_titles_and_extracts(client, indexed):
    page = client.get("/search?q=fourneau").text
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
    body = client.get("/api/v1/search?q=maison").json()
    snippet = next(hit["snippet"] for hit in body["results"] if hit["identifier"] == "XSS-1")
    assert "<script>" not in snippet and "<img" not in snippet


def test_a_misspelling_offers_did_you_mean(client, indexed):
    body = client.get("/api/v1/search?q=fournau").json()
    assert body["suggestion"] == "fourneau"
    assert "fourneau" in client.get("/search?q=fournau").text


def test_paging_past_the_end_is_404_and_bad_filters_are_400(client, indexed):
    assert client.get("/search?q=fourneau&page=50").status_code == 404
    assert client.get("/api/v1/search?q=fourneau&page=50").status_code == 404
    bad = client.get("/search?q=fourneau&kind=castle")
    assert bad.status_code == 400 and "castle" in bad.text
    assert client.get("/api/v1/search?q=x&period=soon").headers["content-type"] == "application/problem+json"


def test_an_empty_search_shows_the_form(client, indexed):
    response = client.get("/search")
    assert response.status_code == 200 and 'type="search"' in response.text


def test_a_missing_index_gives_a_clear_page_not_an_error(client, settings, session):
    if settings.search_engine == "postgres":
        pytest.skip("Whoosh only: the PostgreSQL engine's tables are made by the migrations, never missing")
    response = client.get("/search?q=fourneau")
    assert response.status_code == 503
    assert "<title>" in response.text and 'href="http://testserver/items"' in response.text
    api = client.get("/api/v1/search?q=fourneau")
    assert api.status_code == 503 and api.headers["content-type"] == "application/problem+json"
    assert client.get("/api/v1/suggest?q=fourneau").json() == []


def test_suggestions_by_prefix_link_to_items(client, indexed):
    suggestions = client.get("/api/v1/suggest?q=egl").json()
    assert suggestions[0]["text"] == "Église Sainte-Barbe"
    assert suggestions[0]["url"] == "http://testserver/items/PA00106443"
    assert client.get("/api/v1/suggest?q=e").json() == []


def test_the_browse_page_offers_people_subject_and_decade_facets(client, indexed):
    page = client.get("/items").text
    assert "/items?creator=" in page and "/items?subject=" in page and "/items?period=1860-1869" in page


def test_browse_and_the_api_filter_by_person_and_subject(client, indexed):
    slug = client.get("/api/v1/search?q=turner").json()["facets"]["creator"][0]["value"]
    by_person = client.get(f"/api/v1/items?creator={slug}").json()
    assert [item["identifier"] for item in by_person["items"]] == ["N05738"]
    subject = client.get("/api/v1/search?q=eglise").json()["facets"]["subject"][0]["value"]
    assert [i["identifier"] for i in client.get(f"/api/v1/items?subject={subject}").json()["items"]] == ["PA00106443"]
    assert "Église Sainte-Barbe" in client.get(f"/items?subject={subject}").text


def test_the_browse_page_works_without_an_index(client, session):
    make_item(session, identifier="LONE-1", title="Croix de chemin")
    response = client.get("/items")
    assert response.status_code == 200 and "Croix de chemin" in response.text


def test_api_snippet_is_html_escaped_once_with_only_the_marks_as_tags(client, session, indexed):
    make_item(
        session,
        identifier="APOS-1",
        titles={"fr": "La forge"},
        descriptions={"fr": "L'usine s'installe à Villerupt, où <4 % des A & B>."},
    )
    indexed()
    body = client.get("/api/v1/search", params={"q": "s'installe"}).json()
    snippet = next(hit["snippet"] for hit in body["results"] if hit["identifier"] == "APOS-1")
    assert snippet == "L'usine <mark>s'installe</mark> à Villerupt, où &lt;4 % des A &amp; B&gt;."


def test_suggestions_give_the_place_and_date_of_items_with_the_same_title(client, session, indexed):
    near = make_place(session, "Thionville", names={"fr": "Thionville", "de": "Diedenhofen"})
    for identifier in ("EGL-1", "EGL-2"):
        make_item(session, identifier=identifier, titles={"fr": "Église"}, date_text="1850", place_id=near.id)
    session.get(Item, session.scalar(select(Item.id).where(Item.identifier == "EGL-2"))).place_near = True
    indexed()
    found = {s["url"].rsplit("/", 1)[1]: s for s in client.get("/api/v1/suggest?q=eglise&lang=de").json()}
    assert found["EGL-1"]["text"] == found["EGL-2"]["text"] == "Église"
    assert found["EGL-1"]["detail"] == "Diedenhofen · 1850"
    assert found["EGL-2"]["detail"] == "bei Diedenhofen · 1850"
    assert found["PA00106443"]["detail"] == "1937"


def test_words_with_a_period_work_when_no_interview_has_moments(client, indexed):
    # The moments' index is empty then: its reader has no date columns (this was a 500).
    body = client.get("/api/v1/search?q=fourneau&period=1800-1899").json()
    assert [hit["identifier"] for hit in body["results"]] == ["PA00106017"]
