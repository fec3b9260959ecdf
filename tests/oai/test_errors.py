"""Bad requests get the protocol's own error codes, with HTTP 200 and a valid document: never a 500."""

from datetime import timedelta

import pytest

from app.clock import utcnow
from app.oai import tokens
from tests.factories import form, make_item
from tests.oai.conftest import error_code, find, oai
from tests.oai.schemas import validated

LIST = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
BAD = [
    ({}, "badVerb"),
    ({"verb": "Nope"}, "badVerb"),
    ({"verb": ""}, "badVerb"),
    ([("verb", "Identify"), ("verb", "Identify")], "badVerb"),
    ({"verb": "Identify", "extra": "1"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:villerupt.com:X"}, "badArgument"),
    ([("verb", "ListRecords"), ("metadataPrefix", "oai_dc"), ("metadataPrefix", "oai_dc")], "badArgument"),
    (LIST | {"from": "2026-13-45"}, "badArgument"),
    (LIST | {"from": "yesterday"}, "badArgument"),
    (LIST | {"from": "2026-01-01T00:00:00"}, "badArgument"),
    (LIST | {"from": "2026-01-01T00:00:00+01:00"}, "badArgument"),
    (LIST | {"from": "2026-02-01", "until": "2026-01-01"}, "badArgument"),
    (LIST | {"from": "2026-01-01", "until": "2026-02-01T00:00:00Z"}, "badArgument"),
    (LIST | {"from": "0000-01-01"}, "badArgument"),
    (LIST | {"set": "not a set"}, "badArgument"),
    (LIST | {"from": "2026-01-01\x00"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "<x>"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "edm-not-yet"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "oai:villerupt.com:X"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:villerupt.com:NOPE"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "nope"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "oai:elsewhere:1"}, "idDoesNotExist"),
    (LIST | {"set": "kind:nothing"}, "noRecordsMatch"),
    (LIST | {"from": "2090-01-01"}, "noRecordsMatch"),
    (LIST | {"until": "1990-01-01T00:00:00Z"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "resumptionToken": "garbage"}, "badResumptionToken"),
    ({"verb": "ListIdentifiers", "resumptionToken": ""}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
]


@pytest.mark.parametrize(("args", "code"), BAD)
def test_bad_arguments_give_the_protocols_error(client, session, args, code):
    make_item(session)
    root = oai(client, **args) if isinstance(args, dict) else _pairs(client, args)
    assert error_code(root) == code
    if code in ("badVerb", "badArgument"):
        assert find(root, "//oai:request/@*") == []  # the request's arguments are then not echoed


def _pairs(client, pairs):
    response = client.get("/oai", params=pairs)
    assert response.status_code == 200
    return validated(response.content)


def test_until_9999_and_day_granularity_are_fine(client, session):
    item = make_item(session)
    today = utcnow().date().isoformat()
    root = oai(client, **LIST, **{"from": today, "until": "9999-12-31"})
    assert error_code(root) is None and item.identifier in root.xpath("string()")


def _token(settings, **changes) -> str:
    position = tokens.Position(
        "ListRecords", "oai_dc", None, None, None, utcnow().isoformat(), 0, (utcnow() + timedelta(hours=1)).isoformat()
    )
    return tokens.encode(tokens.Position(**(position.__dict__ | changes)), settings.resolved_secret_key())


def test_a_tampered_foreign_expired_or_misused_token_is_a_bad_resumption_token(client, session, settings):
    make_item(session)
    good = _token(settings, stamp="2000-01-01T00:00:00")
    assert error_code(oai(client, verb="ListRecords", resumptionToken=good)) is None
    body, signature = good.rsplit(".", 1)
    tampered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + signature
    expired = _token(settings, stamp="2000-01-01T00:00:00", expires=(utcnow() - timedelta(seconds=1)).isoformat())
    foreign = tokens.encode(tokens.decode(good, settings.resolved_secret_key(), utcnow()), "another museum's key")
    for token in (tampered, expired, foreign, good + "x", "." + signature):
        assert error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=good)) == "badResumptionToken"


def test_tokens_live_a_day_at_least(client, session):
    for _ in range(101):
        make_item(session)
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = find(root, "//oai:resumptionToken")[0]
    assert token.get("completeListSize") == "101" and token.get("cursor") == "0"
    expires = token.get("expirationDate")
    assert expires >= (utcnow() + timedelta(hours=24)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_post_answers_as_get_does(client, session):
    item = make_item(session)
    fields = form(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=f"oai:villerupt.com:{item.identifier}")
    response = client.post("/oai", data=fields)
    assert response.status_code == 200
    assert find(validated(response.content), "//oai:header/oai:identifier/text()") == [
        f"oai:villerupt.com:{item.identifier}"
    ]
    repeated = client.post("/oai", data=form(client, verb=["Identify", "ListSets"]))
    assert error_code(validated(repeated.content)) == "badVerb"
