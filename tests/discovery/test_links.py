"""Link headers and <link rel="alternate"> on public record pages; robots.txt.

The item's manifest link is decided from the database outside the request's session, so these tests use an
app over a database file of their own whose rows are committed (not the rolled-back test session)."""

import shutil

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.account.routes import item_with_image
from tests.factories import make_collection, make_exhibit, make_item

IIIF = 'type="application/ld+json;profile=\\"http://iiif.io/api/presentation/3/context.json\\""'


@pytest.fixture
def committed(tmp_path, settings, migrated_sqlite_file):
    path = tmp_path / "links.db"
    shutil.copy(migrated_sqlite_file, path)
    own = settings.model_copy(update={"database_url": f"sqlite:///{path}"})
    app = create_app(own)
    with app.state.session_factory() as session, TestClient(app) as client:
        yield session, own, client


def _links(response) -> str:
    assert response.status_code == 200
    return response.headers.get("link", "")


def test_item_page_links_its_json_and_manifest(committed):
    session, settings, client = committed
    item, _media = item_with_image(session, settings, "published")
    bare = make_item(session)
    session.commit()
    links = _links(client.get(f"/items/{item.identifier}"))
    assert f'<http://testserver/api/v1/items/{item.identifier}>; rel="alternate"; type="application/json"' in links
    assert f'<http://testserver/iiif/manifest/{item.identifier}>; rel="alternate"; {IIIF}' in links
    assert "iiif/manifest" not in _links(client.get(f"/items/{bare.identifier}"))  # no image: no manifest
    page = client.get(f"/items/{item.identifier}").text
    assert (
        f'<link rel="alternate" type="application/json" href="http://testserver/api/v1/items/{item.identifier}">'
        in page
    )


def test_collection_and_exhibit_pages_link_their_json(committed):
    session, _settings, client = committed
    item = make_item(session)
    collection, exhibit = make_collection(session, [item]), make_exhibit(session, [item])
    session.commit()
    assert f"/api/v1/collections/{collection.slug}>" in _links(client.get(f"/collections/{collection.slug}"))
    links = _links(client.get(f"/exhibits/{exhibit.slug}"))
    assert f"/api/v1/exhibits/{exhibit.slug}>" in links and f"/iiif/exhibit/{exhibit.slug}>" in links
    assert (
        'type="application/json" href="http://testserver/api/v1/exhibits/'
        in client.get(f"/exhibits/{exhibit.slug}").text
    )


def test_missing_and_draft_records_have_no_links(committed):
    session, _settings, client = committed
    draft = make_item(session, status="draft")
    session.commit()
    for path in (f"/items/{draft.identifier}", "/items/NOPE", "/collections/nope"):
        response = client.get(path)
        assert response.status_code == 404 and "link" not in response.headers
        assert "application/json" not in response.text.split("</head>")[0]


def test_robots_names_the_sitemap_and_keeps_crawlers_out_of_private_parts(client, app):
    response = client.get("/robots.txt")
    assert response.headers["content-type"].startswith("text/plain") and "public" in response.headers["cache-control"]
    lines = response.text.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    disallowed = {line.split(":", 1)[1].strip() for line in lines if line.startswith("Disallow:")}
    assert {"/workspace", "/account", "/login", "/api/"} <= disallowed
    assert not disallowed & {"/", "/items", "/feeds", "/sitemaps", "/iiif", "/oai", "/collections"}
    app.state.settings.public_base_url = "https://villerupt.example"
    assert "Sitemap: https://villerupt.example/sitemap.xml" in client.get("/robots.txt").text.splitlines()
