"""The EDM views of an item: RDF/XML and JSON-LD that parse back, 404 for anything not public, and the alternates
the item page announces (in its head and its Link header)."""

import shutil

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, URIRef

from app.edm.graph import EDM, ORE
from app.main import create_app
from tests.edm.conftest import TRAINEE_NAME
from tests.factories import make_item
from tests.oai.conftest import private_items

# rdflib 7's own JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates (its problem, not ours).
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
FORMATS = {"edm.rdf": ("application/rdf+xml", "xml"), "edm.jsonld": ("application/ld+json", "json-ld")}


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_a_public_item_as_edm_parses_back_with_rdflib(client, rich, suffix):
    response = client.get(f"/items/{rich.identifier}/{suffix}")
    media_type, rdf_format = FORMATS[suffix]
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = Graph().parse(data=response.content, format=rdf_format)
    cho = URIRef(f"http://testserver/items/{rich.identifier}#cho")
    assert list(graph.subjects(RDF.type, EDM.ProvidedCHO)) == [cho]
    assert len(list(graph.subjects(RDF.type, ORE.Aggregation))) == 1
    assert {title.language for title in graph.objects(cho, URIRef("http://purl.org/dc/elements/1.1/title"))} == {
        "fr",
        "de",
        "lb",
        "en",
    }
    assert TRAINEE_NAME not in response.text


@pytest.mark.parametrize("suffix", list(FORMATS))
@pytest.mark.parametrize("state", ["draft", "review", "withdrawn", "sealed", "pulled"])
def test_guessing_a_private_items_edm_url_is_a_404(client, session, suffix, state):
    hidden = private_items(session)
    response = client.get(f"/items/{hidden[state].identifier}/{suffix}")
    assert response.status_code == 404
    assert hidden[state].titles["fr"] not in response.text


def test_an_unknown_item_is_the_sites_404_page(client):
    response = client.get("/items/VIL-0000-0000/edm.rdf")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html") and "<h1" in response.text


@pytest.fixture
def committed(tmp_path, settings, migrated_sqlite_file):
    """An app over its own database file: the Link header is decided outside the request's session."""
    path = tmp_path / "edm.db"
    shutil.copy(migrated_sqlite_file, path)
    own = settings.model_copy(update={"database_url": f"sqlite:///{path}"})
    app = create_app(own)
    with app.state.session_factory() as session, TestClient(app) as client:
        yield session, client


def test_the_item_page_links_its_edm_views(committed):
    session, client = committed
    item = make_item(session)
    session.commit()
    response = client.get(f"/items/{item.identifier}")
    assert response.status_code == 200
    links = response.headers["link"]
    for suffix, (media_type, _format) in FORMATS.items():
        url = f"http://testserver/items/{item.identifier}/{suffix}"
        assert f'<{url}>; rel="alternate"; type="{media_type}"; title="EDM"' in links
        assert f'<link rel="alternate" type="{media_type}" href="{url}" title="EDM">' in (response.text)


def test_a_sealed_interviews_page_links_no_edm(committed):
    session, client = committed
    sealed = private_items(session)["sealed"]
    session.commit()
    response = client.get(f"/items/{sealed.identifier}")
    if response.status_code == 200:  # a notice of the interview: its details, and its graph, are not public
        assert "edm." not in response.headers.get("link", "") and "edm.rdf" not in response.text
    else:
        assert response.status_code == 404
