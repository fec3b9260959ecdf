"""The `edm` metadata format: listed, each record's metadata the rdf:RDF of the item's EDM graph, the envelope valid
OAI-PMH, and a sickle harvest recovering exactly the public records, each one ProvidedCHO and one Aggregation."""

from functools import cache

from lxml import etree
from rdflib import RDF, Graph
from sickle import Sickle

from app.edm.graph import EDM, ORE
from tests.edm.conftest import TRAINEE_NAME, rich_item
from tests.factories import make_item
from tests.oai.conftest import NS, error_code, private_items
from tests.oai.schemas import OAI, XSD, find
from tests.oai.test_harvest import served

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# A stand-in for the RDF namespace, for this test only: the OAI-PMH schema's strict wildcard needs rdf:RDF declared,
# and EDM's own XSDs are not shipped; what is checked here is the OAI-PMH envelope around it (official XSD).
RDF_STUB = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{RDF_NS}">
  <xs:element name="RDF"><xs:complexType><xs:sequence>
    <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence><xs:anyAttribute processContents="lax"/></xs:complexType></xs:element>
</xs:schema>"""


class _Schemas(etree.Resolver):
    def resolve(self, url, _public_id, context):
        if url.endswith("rdf-stub.xsd"):
            return self.resolve_string(RDF_STUB, context)
        return self.resolve_filename(str(XSD / url.rsplit("/", 1)[-1]), context)


@cache
def _envelope_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Schemas())
    driver = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:tests:edm-driver">
      <xs:import namespace="{OAI}" schemaLocation="http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"/>
      <xs:import namespace="{RDF_NS}" schemaLocation="urn:tests:rdf-stub.xsd"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser, base_url=str(XSD / "edm-driver.xsd")))


def edm_oai(client, **args) -> etree._Element:
    response = client.get("/oai", params=args)
    assert response.status_code == 200
    root = etree.fromstring(response.content, etree.XMLParser(no_network=True, resolve_entities=False))
    schema = _envelope_schema()
    assert schema.validate(root), "\n".join(str(error) for error in schema.error_log)
    return root


def graph_of(metadata: etree._Element) -> Graph:
    return Graph().parse(data=etree.tostring(metadata), format="xml")


def test_list_metadata_formats_gives_edms_schema_and_namespace(client, session):
    root = edm_oai(client, verb="ListMetadataFormats")
    edm = find(root, "//oai:metadataFormat[oai:metadataPrefix='edm']")[0]
    assert find(edm, "oai:schema/text()") == ["http://www.europeana.eu/schemas/edm/EDM.xsd"]
    assert find(edm, "oai:metadataNamespace/text()") == ["http://www.europeana.eu/schemas/edm/"]


def test_a_record_in_edm_is_the_items_graph(client, session, settings, tmp_path):
    item = rich_item(session, settings, tmp_path / "files")
    root = edm_oai(client, verb="GetRecord", identifier=f"{NS}{item.identifier}", metadataPrefix="edm")
    (metadata,) = find(root, "//oai:metadata/*")
    assert metadata.tag == f"{{{RDF_NS}}}RDF"
    graph = graph_of(metadata)
    assert len(list(graph.subjects(RDF.type, EDM.ProvidedCHO))) == 1
    assert len(list(graph.subjects(RDF.type, EDM.WebResource))) == 1
    assert TRAINEE_NAME.encode() not in etree.tostring(root, encoding="utf-8")


def test_private_records_are_not_given_in_edm(client, session, hidden):
    for item in hidden.values():
        root = edm_oai(client, verb="GetRecord", identifier=f"{NS}{item.identifier}", metadataPrefix="edm")
        assert error_code(root) == "idDoesNotExist" or find(root, "//oai:header/@status") == ["deleted"]
        assert not find(root, "//oai:metadata")


def test_a_sickle_harvest_in_edm_recovers_exactly_the_public_records(tmp_path):
    with served(tmp_path) as (base, session):
        hidden = private_items(session)
        public = [make_item(session, title=f"Maison {n}", dc_type="Maison") for n in range(3)]
        session.commit()
        records = list(Sickle(f"{base}/oai", max_retries=0).ListRecords(metadataPrefix="edm"))
        assert {record.header.identifier.removeprefix(NS) for record in records} == {i.identifier for i in public}
        assert len(records) == len(public)
        for record in records:
            (metadata,) = record.xml.xpath("./oai:metadata/*", namespaces={"oai": OAI})
            graph = graph_of(metadata)
            assert len(list(graph.subjects(RDF.type, EDM.ProvidedCHO))) == 1
            assert len(list(graph.subjects(RDF.type, ORE.Aggregation))) == 1
        assert not {record.header.identifier for record in records} & {f"{NS}{i.identifier}" for i in hidden.values()}
