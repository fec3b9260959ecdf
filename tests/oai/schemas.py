"""Validating responses against the official OAI-PMH 2.0 and oai_dc schemas, offline.

The schemas (tests/fixtures/xsd/, with their provenance) import each other by their web addresses: an lxml
resolver answers every schemaLocation with the shipped file, and the parser may not use the network.
"""

from functools import cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parents[1] / "fixtures" / "xsd"
OAI = "http://www.openarchives.org/OAI/2.0/"


class _Local(etree.Resolver):
    def resolve(self, url, _public_id, context):
        name = url.rsplit("/", 1)[-1]
        if (XSD / name).is_file():
            return self.resolve_filename(str(XSD / name), context)
        raise AssertionError(f"the schemas asked for {url}, which is not shipped")


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Local())
    return parser


@cache
def _schema() -> etree.XMLSchema:
    # One schema importing both: the OAI-PMH envelope and the oai_dc metadata that its <any processContents="strict">
    # must find declared.
    driver = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:tests:oai-driver">
      <xs:import namespace="{OAI}" schemaLocation="http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"/>
      <xs:import namespace="{OAI}oai_dc/" schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc.xsd"/>
    </xs:schema>"""
    document = etree.fromstring(driver.encode(), _parser(), base_url=str(XSD / "driver.xsd"))
    return etree.XMLSchema(document)


def validated(body: bytes) -> etree._Element:
    """The parsed response, after asserting it is valid OAI-PMH 2.0 (with valid oai_dc metadata)."""
    root = etree.fromstring(body, etree.XMLParser(no_network=True, resolve_entities=False))
    schema = _schema()
    assert schema.validate(root), "\n".join(str(error) for error in schema.error_log)
    return root


def find(root: etree._Element, path: str) -> list:
    """Elements of the response by an XPath using the prefixes oai, oai_dc and dc."""
    return root.xpath(
        path, namespaces={"oai": OAI, "oai_dc": f"{OAI}oai_dc/", "dc": "http://purl.org/dc/elements/1.1/"}
    )
