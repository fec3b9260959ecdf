"""The EDM graph of a rich item: every class, language tags, rights URIs, and no private names."""

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DC, DCTERMS, SKOS

from app.edm import graph as edm_graph
from app.edm.graph import EDM, ORE, SVCS, WGS84
from app.edm.refresh import LOAD
from app.edm.rights import EDM_RIGHTS, edm_rights, reuse
from app.item.models import Item
from app.item.rights import RIGHTS
from tests.edm.conftest import TRAINEE_NAME

BASE = "https://museum.example"


def link(name: str, **params: str) -> str:
    paths = {
        "home": "/",
        "item.browse": "/items",
        "item.detail": "/items/{identifier}",
        "iiif.manifest": "/iiif/manifest/{identifier}",
        "media.file": "/media/files/{sha256}.{ext}",
    }
    return BASE + paths[name].format(**params)


def loaded(session, item: Item) -> Item:
    return session.query(Item).filter_by(id=item.id).options(*LOAD).one()


def test_rich_item_graph_holds_every_edm_class(session, rich):
    graph = edm_graph.build(loaded(session, rich), link)
    page = f"{BASE}/items/{rich.identifier}"
    cho, aggregation = URIRef(page + "#cho"), URIRef(page + "#aggregation")
    for node, kind in ((cho, EDM.ProvidedCHO), (aggregation, ORE.Aggregation)):
        assert (node, RDF.type, kind) in graph
    for kind in (EDM.WebResource, EDM.Agent, EDM.Place, EDM.TimeSpan, SKOS.Concept, SVCS.Service):
        assert len(list(graph.subjects(RDF.type, kind))) == 1, kind
    assert {title.language for title in graph.objects(cho, DC.title)} == {"fr", "de", "lb", "en"}
    assert {text.language for text in graph.objects(cho, DC.description)} == {"fr", "de"}
    assert str(graph.value(cho, EDM.type)) == "IMAGE"
    assert graph.value(aggregation, EDM.isShownAt) == URIRef(page)
    assert graph.value(aggregation, EDM.rights) == URIRef("http://creativecommons.org/licenses/by-sa/4.0/")
    assert graph.value(aggregation, EDM.aggregatedCHO) == cho
    shown_by = graph.value(aggregation, EDM.isShownBy)
    # The largest derivative made so far (the large one once the background job has run).
    assert str(shown_by).rsplit("/", 1)[-1] in ("medium.jpg", "large.jpg")
    assert (shown_by, RDF.type, EDM.WebResource) in graph
    assert graph.value(aggregation, EDM.object) == shown_by
    service = graph.value(shown_by, SVCS.has_service)
    assert graph.value(service, DCTERMS.conformsTo) == URIRef("http://iiif.io/api/image")
    assert graph.value(shown_by, DCTERMS.isReferencedBy) == URIRef(f"{BASE}/iiif/manifest/{rich.identifier}")


def test_contextual_entities_carry_labels_coordinates_and_dates(session, rich):
    graph = edm_graph.build(loaded(session, rich), link)
    place = next(graph.subjects(RDF.type, EDM.Place))
    assert {label.language for label in graph.objects(place, SKOS.prefLabel)} == {"fr", "de", "lb"}
    assert {str(label) for label in graph.objects(place, SKOS.altLabel)} == {"Villerupt-Cantebonne"}
    assert float(graph.value(place, WGS84.lat)) == pytest.approx(49.467)
    assert float(graph.value(place, WGS84.long)) == pytest.approx(5.929)
    span = next(graph.subjects(RDF.type, EDM.TimeSpan))
    assert (str(graph.value(span, EDM.begin)), str(graph.value(span, EDM.end))) == ("1925", "1930")
    concept = next(graph.subjects(RDF.type, SKOS.Concept))
    assert graph.value(concept, SKOS.prefLabel).language == "fr"
    agent = next(graph.subjects(RDF.type, EDM.Agent))
    assert str(graph.value(agent, SKOS.prefLabel)) == "Émile Jacquot"


def test_trainees_credits_never_reach_the_graph(session, rich):
    data = edm_graph.build(loaded(session, rich), link).serialize(format="xml")
    assert TRAINEE_NAME not in data
    assert "Émile Jacquot" in data


@pytest.mark.parametrize(
    ("licence", "expected"),
    [
        ("https://creativecommons.org/licenses/by-sa/4.0/", "http://creativecommons.org/licenses/by-sa/4.0/"),
        ("CC BY 4.0", "http://creativecommons.org/licenses/by/4.0/"),
        ("cc0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/"),
        ("http://rightsstatements.org/vocab/InC/1.0/", "http://rightsstatements.org/vocab/InC/1.0/"),
        ("InC-EDU", "http://rightsstatements.org/vocab/InC-EDU/1.0/"),
        ("https://www.etalab.gouv.fr/licence-ouverte-open-licence/", None),  # not on Europeana's list
        ("http://rightsstatements.org/vocab/UND/1.0/", None),
        ("Tous droits réservés", None),
        (None, None),
    ],
)
def test_licences_map_to_the_rights_europeana_accepts(licence, expected):
    assert edm_rights(licence) == expected


def test_the_mapping_table_covers_known_licences_with_http_uris():
    assert set(EDM_RIGHTS) <= set(RIGHTS)
    assert all(uri.startswith("http://") and uri.endswith("/") for uri in EDM_RIGHTS.values())
    assert [reuse(edm_rights(code)) for code in ("CC BY-SA 4.0", "CC BY-NC 4.0", "InC")] == [
        "open",
        "restricted",
        "closed",
    ]


def test_an_item_without_a_mappable_licence_has_no_edm_rights(session, rich):
    rich.rights = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    graph = edm_graph.build(loaded(session, rich), link)
    aggregation = next(graph.subjects(RDF.type, ORE.Aggregation))
    assert not list(graph.objects(aggregation, EDM.rights))  # said by the tiers (test_tiers), not guessed


def test_a_nul_in_a_title_does_not_break_rdf_xml(session, rich):
    rich.titles = {"fr": "Titre\x00 avec NUL"}
    data = edm_graph.build(loaded(session, rich), link).serialize(format="xml")
    assert "Titre avec NUL" in data
    assert len(Graph().parse(data=data, format="xml")) > 10
