"""The public JSON API: what scripts and partner sites rely on."""

import pytest

from app.item.kinds import DRAFT
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag


@pytest.fixture
def catalog(session):
    villerupt = make_place(session, "Villerupt", latitude=49.4689, longitude=5.9286)
    church = make_item(
        session,
        identifier="PA00106443",
        title="Église Sainte-Barbe",
        date_text="1937",
        date_earliest=1937,
        date_latest=1937,
        place_id=villerupt.id,
        titles={"fr": "Église Sainte-Barbe", "de": "Kirche Sankt Barbara"},
        descriptions={"fr": "Église de la cité ouvrière."},
        rights="https://creativecommons.org/licenses/by/4.0/",
        address="Rue de la Paix",
        protection="Monument historique (inscription)",
    )
    painting = make_item(
        session,
        identifier="N05738",
        kind="artwork",
        language="en",
        title="Blast Furnaces",
        date_text="c.1794",
        date_earliest=1789,
        date_latest=1799,
        medium="Oil paint on canvas",
    )
    make_item(session, identifier="DRAFT-1", title="Brouillon secret", status=DRAFT)
    credit(session, church, make_agent(session, "Émile Architecte"), "architect")
    credit(session, church, make_agent(session, "Stagiaire Une"), "catalogued_by")
    credit(session, painting, make_agent(session, "J. M. W. Turner"), "creator")
    tag(session, church, "église")
    make_collection(
        session,
        [church, painting],
        slug="patrimoine",
        titles={"fr": "Patrimoine", "de": "Kulturerbe", "en": "Heritage"},
    )
    return {"church": church, "painting": painting}


def test_list_carries_the_contract_keys(client, catalog):
    body = client.get("/api/v1/items").json()
    assert {"total", "page", "per_page", "items"} <= body.keys()
    assert body["total"] == 2
    for item in body["items"]:
        assert {"identifier", "kind", "title", "url"} <= item.keys()
        assert item["url"].startswith("http://testserver/items/")


def test_drafts_are_never_listed_counted_or_served(client, catalog):
    listed = client.get("/api/v1/items?per_page=100").json()
    assert "DRAFT-1" not in [item["identifier"] for item in listed["items"]]
    assert client.get("/api/v1/items/DRAFT-1").status_code == 404
    collections = client.get("/api/v1/collections").json()["collections"]
    assert [c["item_count"] for c in collections if c["slug"] == "patrimoine"] == [2]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=artwork", ["N05738"]),
        ("kind=building", ["PA00106443"]),
        ("collection=patrimoine", ["N05738", "PA00106443"]),
        ("period=1900-1950", ["PA00106443"]),
        ("period=1795", ["N05738"]),
        ("place=", ["N05738", "PA00106443"]),
        ("kind=artwork&period=1900-1999", []),
    ],
)
def test_filters_combine(client, catalog, query, expected):
    body = client.get(f"/api/v1/items?{query}").json()
    assert sorted(item["identifier"] for item in body["items"]) == expected


def test_filter_by_place_slug(client, catalog, session):
    slug = client.get("/api/v1/items/PA00106443").json()["place"]["slug"]
    body = client.get(f"/api/v1/items?place={slug}").json()
    assert [item["identifier"] for item in body["items"]] == ["PA00106443"]


def test_one_item_by_identifier_has_every_field(client, catalog):
    body = client.get("/api/v1/items/PA00106443").json()
    assert body["identifier"] == "PA00106443"
    assert body["kind"] == "building"
    assert body["title"] == "Église Sainte-Barbe"
    assert body["url"] == "http://testserver/items/PA00106443"
    assert body["place"]["latitude"] == pytest.approx(49.4689)
    assert {"name": "Stagiaire Une", "role": "catalogued_by"} in body["credits"]
    assert body["rights"]["label"].startswith("CC BY 4.0")
    assert body["details"]["protection"] == "Monument historique (inscription)"
    assert body["dublin_core"]["creator"] == ["Émile Architecte"]
    assert "PA00106443" in body["citation"]
    assert body["collections"][0]["slug"] == "patrimoine"


def test_item_title_follows_the_visitors_language(client, catalog):
    german = client.get("/api/v1/items/PA00106443", headers={"Accept-Language": "de-DE,de;q=0.9"}).json()
    assert (german["title"], german["title_language"]) == ("Kirche Sankt Barbara", "de")
    english = client.get("/api/v1/items/PA00106443?lang=en").json()
    assert (english["title"], english["title_language"]) == ("Église Sainte-Barbe", "fr")


def test_pagination(client, session):
    for n in range(5):
        make_item(session, identifier=f"PAGE-{n}", title=f"Item {n}")
    first = client.get("/api/v1/items?per_page=2").json()
    last = client.get("/api/v1/items?per_page=2&page=3").json()
    assert (first["total"], len(first["items"]), len(last["items"])) == (5, 2, 1)


@pytest.mark.parametrize(
    "query, status, words",
    [
        ("page=4&per_page=2", 404, "4"),
        ("page=0", 400, "page"),
        ("page=abc", 400, "page"),
        ("per_page=1000", 400, "per_page"),
        ("kind=castle", 400, "castle"),
        ("period=long-ago", 400, "long-ago"),
        ("period=1950-1900", 400, "1950"),
        ("sort=price", 400, "price"),
    ],
)
def test_bad_input_is_a_clear_problem_detail(client, catalog, query, status, words):
    response = client.get(f"/api/v1/items?{query}")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and words in problem["detail"]


def test_problem_details_speak_the_visitors_language(client, catalog):
    response = client.get("/api/v1/items/NOPE", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert "NOPE" in response.json()["detail"] and "identifiant" in response.json()["detail"]


def test_collections(client, catalog):
    body = client.get("/api/v1/collections?lang=de").json()
    heritage = next(c for c in body["collections"] if c["slug"] == "patrimoine")
    assert heritage["title"] == "Kulturerbe"
    assert heritage["items_url"].endswith("/api/v1/items?collection=patrimoine")
    assert client.get("/api/v1/collections/patrimoine").json()["item_count"] == 2
    assert client.get("/api/v1/collections/nope").status_code == 404


def test_openapi_documents_the_error_responses(client):
    spec = client.get("/api/v1/openapi.json").json()
    item = spec["paths"]["/api/v1/items/{identifier}"]["get"]
    assert "application/problem+json" in item["responses"]["404"]["content"]
    assert {"total", "page", "per_page", "items"} <= set(spec["components"]["schemas"]["ItemList"]["properties"])
