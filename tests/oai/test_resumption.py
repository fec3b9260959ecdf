"""Harvesting 250 records in three batches while the catalogue changes: nothing lost, nothing twice."""

from tests.factories import make_item
from tests.oai.conftest import deleted, find, identifiers, oai


def _next(client, root) -> tuple[object, dict]:
    token = find(root, "//oai:resumptionToken")[0]
    return oai(client, verb="ListIdentifiers", resumptionToken=token.text), dict(token.attrib)


def test_three_batches_with_changes_in_the_middle_lose_nothing_and_repeat_nothing(client, session):
    items = [make_item(session, title=f"Maison {n}") for n in range(250)]
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    harvested = identifiers(first)
    assert len(harvested) == 100 and harvested == [item.identifier for item in items[:100]]
    # While the harvester waits: one record not yet sent is edited, one withdrawn, and a new one published.
    items[120].titles = {"fr": "Maison 120, corrigée"}
    items[180].status = "withdrawn"
    session.flush()
    newcomer = make_item(session, title="Nouvelle maison")
    second, token = _next(client, first)
    assert token["completeListSize"] == "250" and token["cursor"] == "0"
    third, token = _next(client, second)
    assert token["completeListSize"] == "251" and token["cursor"] == "100"
    pages = [first, second, third]
    harvested = [found for page in pages for found in identifiers(page)]
    assert len(harvested) == len(set(harvested)) == 251
    assert set(harvested) == {item.identifier for item in items} | {newcomer.identifier}
    assert [found for page in pages for found in deleted(page)] == [items[180].identifier]
    last = find(third, "//oai:resumptionToken")[0]
    assert last.text is None and last.get("cursor") == "200" and last.get("completeListSize") == "251"
    assert harvested[-3:] == [items[120].identifier, items[180].identifier, newcomer.identifier]


def test_a_token_keeps_its_set_and_dates(client, session):
    for n in range(105):
        make_item(session, kind="photograph" if n % 2 else "building")
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", set="kind:building")
    assert len(identifiers(root)) == 53 and not find(root, "//oai:resumptionToken")
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2000-01-01"})
    assert len(identifiers(root)) == 100
    token = find(root, "//oai:resumptionToken")[0].text
    rest = oai(client, verb="ListRecords", resumptionToken=token)
    assert len(identifiers(rest)) == 5 and len(find(rest, "//oai:record/oai:metadata")) == 5
