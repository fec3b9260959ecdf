"""The exhibits' JSON API: published exhibits only, their pages and blocks, and only published items resolved."""

import pytest

from app.exhibit import blocks
from tests.exhibit.published import every_block, exhibit, shown  # noqa: F401 - fixtures
from tests.factories import make_exhibit, make_item
from tests.web.html import parse


def test_the_list_has_published_exhibits_with_cover_credits_and_links(client, session, exhibit):
    make_exhibit(session, slug="brouillon", status="draft")
    body = client.get("/api/v1/exhibits").json()
    assert body["total"] == 1
    (listed,) = body["exhibits"]
    assert listed["slug"] == "la-cite-ouvriere"
    assert listed["title"] == "La cité ouvrière" and listed["titles"]["de"] == "Die Arbeitersiedlung"
    assert listed["summary"] == "Vivre à Villerupt." and listed["tags"] == ["cités"]
    assert listed["credits"] == [{"name": "Lucie Marchal", "role": "catalogued_by"}]
    assert listed["cover"]["alt"] == "Des maisons en rangée"
    assert listed["cover"]["urls"]["thumb"].startswith("http://testserver/media/")
    assert listed["url"] == "http://testserver/exhibits/la-cite-ouvriere"
    assert listed["iiif_collection"] == "http://testserver/iiif/exhibit/la-cite-ouvriere"
    assert listed["updated"].endswith("Z")


def test_titles_follow_the_visitors_language(client, exhibit):
    listed = client.get("/api/v1/exhibits", headers={"Accept-Language": "de"}).json()["exhibits"][0]
    assert (listed["title"], listed["title_language"]) == ("Die Arbeitersiedlung", "de")


def test_the_detail_has_every_page_and_block_with_its_items(client, exhibit, shown):
    first, second, _third = shown
    body = client.get("/api/v1/exhibits/la-cite-ouvriere").json()
    assert [page["key"] for page in body["pages"]] == ["les-cites", "la-mine"]
    page = body["pages"][0]
    assert page["title"] == "Les cités" and page["url"] == "http://testserver/exhibits/la-cite-ouvriere/les-cites"
    kinds = [block["type"] for block in page["blocks"]]
    assert kinds == list(blocks.BLOCK_TYPES)
    text, item, gallery, zoom, compare, quote, moment, map_, timeline = page["blocks"]
    assert "<h4>Les cités</h4>" in text["html"]["fr"] and "<em>maisons</em>" in text["html"]["fr"]
    assert item["width"] == "half" and item["caption"] == {"fr": "La cité Bel-Air"}
    (resolved,) = item["items"]
    assert resolved["identifier"] == first.identifier and resolved["title"] == "La cité Bel-Air"
    assert resolved["url"] == f"http://testserver/items/{first.identifier}"
    assert resolved["iiif_manifest"] == f"http://testserver/iiif/manifest/{first.identifier}"
    assert resolved["images"][0]["iiif_service"].startswith("http://testserver/iiif/3/")
    assert [i["identifier"] for i in gallery["items"]] == [first.identifier, second.identifier]
    assert zoom["fields"]["region"] == {"x": 10, "y": 20, "w": 30, "h": 40}
    assert compare["fields"]["before"] == first.identifier and compare["fields"]["after_label"] == {"fr": "2020"}
    assert quote["fields"]["source"] == {"fr": "Une habitante"} and quote["items"] == []
    assert moment["fields"]["start"] == 12.5 and moment["items"][0]["iiif_manifest"] is None
    assert [i["identifier"] for i in timeline["items"]] == [second.identifier, first.identifier]
    assert map_["fields"]["items"] == [first.identifier, second.identifier]


@pytest.mark.parametrize("status", ["draft", "in_review", "withdrawn"])
def test_an_exhibit_not_published_is_a_404_problem_in_the_visitors_language(client, session, status):
    make_exhibit(session, slug="cachee", status=status)
    response = client.get("/api/v1/exhibits/cachee", headers={"Accept-Language": "fr"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Il n’y a pas d’exposition « cachee »."
    assert client.get("/api/v1/exhibits").json()["total"] == 0


def test_an_unpublished_item_is_neither_resolved_nor_named(client, session, shown):
    first = shown[0]
    hidden = make_item(session, identifier="SECRET-1", status="draft", titles={"fr": "Brouillon secret"})
    make_exhibit(
        session, slug="melange", pages=[{"key": "p", "blocks": every_block(first.identifier, "SECRET-1", "SECRET-1")}]
    )
    text = client.get("/api/v1/exhibits/melange").text
    assert hidden.identifier not in text and "Brouillon secret" not in text
    page = client.get("/api/v1/exhibits/melange").json()["pages"][0]
    by_type = {block["type"]: block for block in page["blocks"]}
    assert by_type["compare"]["fields"]["after"] is None and by_type["moment"]["fields"]["item"] is None
    assert [i["identifier"] for i in by_type["gallery"]["items"]] == [first.identifier]
    assert by_type["gallery"]["fields"]["items"] == [first.identifier]


def test_a_cover_of_an_unpublished_item_is_not_shown(client, session, exhibit, shown):
    shown[0].status = "draft"
    session.flush()
    assert client.get("/api/v1/exhibits/la-cite-ouvriere").json()["cover"] is None


def test_the_api_routes_are_described_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "ExhibitDetail" in str(paths["/api/v1/exhibits/{slug}"]["get"]["responses"]["200"])
    assert "404" in paths["/api/v1/exhibits/{slug}"]["get"]["responses"]


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>window.__xss=1</script>",
        '"><img src=x onerror="window.__xss=1">',
        "[lien](javascript:window.__xss=1)",
        '<a href="javascript:window.__xss=1">lien</a>',
    ],
)
def test_a_text_blocks_html_never_carries_markup_from_the_author(client, session, hostile):
    make_exhibit(session, slug="hostile", pages=[{"key": "p", "blocks": [{"type": "text", "body": {"fr": hostile}}]}])
    html = client.get("/api/v1/exhibits/hostile").json()["pages"][0]["blocks"][0]["html"]["fr"]
    elements = list(parse(f"<div>{html}</div>").iter())
    assert {element.tag for element in elements} <= {"div", "p", "a"}
    for element in elements:
        assert not any(name.startswith("on") for name in element.attrs)
        assert not (element.get("href") or "").startswith("javascript")
    assert "window.__xss=1" in parse(f"<div>{html}</div>").text  # shown as text


def test_an_exhibit_is_read_in_a_fixed_number_of_queries_whatever_its_blocks(client, session, shown, query_counter):
    counts = []
    for copies in (1, 5):
        slug = f"taille-{copies}"
        make_exhibit(
            session, slug=slug, pages=[{"key": "p", "blocks": every_block(*(i.identifier for i in shown)) * copies}]
        )
        session.flush()
        query_counter.clear()
        assert client.get(f"/api/v1/exhibits/{slug}").status_code == 200
        counts.append(len(query_counter))
    assert counts[0] == counts[1]
