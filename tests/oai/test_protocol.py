"""The six verbs through the app: every answer valid OAI-PMH 2.0, only public records, their Dublin Core."""

from sqlalchemy import select

from app.oai.models import OaiRecord
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag
from tests.oai.conftest import deleted, error_code, find, identifiers, oai


def test_identify_declares_persistent_deletions_seconds_and_the_earliest_change(client, session):
    make_item(session)
    root = oai(client, verb="Identify")
    assert find(root, "//oai:deletedRecord/text()") == ["persistent"]
    assert find(root, "//oai:granularity/text()") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert find(root, "//oai:baseURL/text()") == ["http://testserver/oai"]
    assert find(root, "//oai:protocolVersion/text()") == ["2.0"]


def test_list_metadata_formats_offers_oai_dc_and_edm_and_checks_the_identifier(client, session):
    item = make_item(session)
    assert find(oai(client, verb="ListMetadataFormats"), "//oai:metadataPrefix/text()") == ["oai_dc", "edm"]
    root = oai(client, verb="ListMetadataFormats", identifier=f"oai:villerupt.com:{item.identifier}")
    assert find(root, "//oai:metadataPrefix/text()") == ["oai_dc", "edm"]
    assert error_code(oai(client, verb="ListMetadataFormats", identifier="oai:villerupt.com:NOPE")) == "idDoesNotExist"


def test_sets_are_the_published_collections_and_the_kinds(client, session):
    make_collection(session, slug="hauts-fourneaux")
    make_collection(session, slug="brouillon", status="draft")
    specs = find(oai(client, verb="ListSets"), "//oai:setSpec/text()")
    assert "collection:hauts-fourneaux" in specs and "kind:building" in specs and "kind:interview" in specs
    assert "collection:brouillon" not in specs


def test_only_public_records_are_listed_and_drafts_cannot_be_guessed(client, session, hidden):
    shown = make_item(session, title="Cité ouvrière")
    for verb in ("ListIdentifiers", "ListRecords"):
        assert identifiers(oai(client, verb=verb, metadataPrefix="oai_dc")) == [shown.identifier]
    for item in hidden.values():
        root = oai(client, verb="GetRecord", identifier=f"oai:villerupt.com:{item.identifier}", metadataPrefix="oai_dc")
        assert error_code(root) == "idDoesNotExist", item.identifier
    assert session.scalar(select(OaiRecord).where(OaiRecord.deleted_at.is_not(None))) is None


def test_a_record_in_dublin_core(client, session):
    place = make_place(session, "Villerupt")
    place.names = {"fr": "Villerupt", "de": "Villerupt (Lothringen)"}
    item = make_item(
        session,
        kind="photograph",
        titles={"fr": "Le haut fourneau", "de": "Der Hochofen"},
        descriptions={"fr": "Vue de l’usine.", "en": "View of the works."},
        date_text="vers 1930",
        rights="CC BY 4.0",
        place_id=place.id,
    )
    credit(session, item, make_agent(session, "Jeanne Photographe"), role="photographer")
    credit(session, item, make_agent(session, "Paul Stagiaire"), role="catalogued_by")
    tag(session, item, "Sidérurgie")
    make_collection(session, [item], slug="usines")
    make_collection(session, [item], slug="cachee", status="draft")
    root = oai(client, verb="GetRecord", identifier=f"oai:villerupt.com:{item.identifier}", metadataPrefix="oai_dc")
    dc = find(root, "//oai_dc:dc")[0]

    def values(name: str) -> list[str]:
        return find(dc, f"dc:{name}/text()")

    assert find(dc, "dc:title[@xml:lang='de']/text()") == ["Der Hochofen"]
    assert find(dc, "dc:title[@xml:lang='fr']/text()") == ["Le haut fourneau"]
    assert find(dc, "dc:description[@xml:lang='en']/text()") == ["View of the works."]
    assert values("creator") == ["Jeanne Photographe"] and "Paul Stagiaire" not in root.xpath("string()")
    assert values("subject") == ["Sidérurgie"] and values("date") == ["vers 1930"]
    assert values("type") == ["StillImage"] and values("rights") == ["CC BY 4.0"] and values("language") == ["fr"]
    assert values("identifier") == [f"http://testserver/items/{item.identifier}"]
    assert "Villerupt (Lothringen)" in values("coverage")
    assert values("relation") == ["http://testserver/collections/usines"]
    assert find(root, "//oai:header/oai:setSpec/text()") == ["kind:photograph", "collection:usines"]


def test_sets_select_records(client, session):
    house = make_item(session, kind="building")
    photo = make_item(session, kind="photograph")
    make_collection(session, [photo], slug="usines")
    assert identifiers(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:building")) == [
        house.identifier
    ]
    assert identifiers(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:usines")) == [
        photo.identifier
    ]
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:nowhere")
    assert error_code(root) == "noRecordsMatch"


def test_a_withdrawn_or_deleted_item_stays_as_a_deleted_header_until_it_is_published_again(client, session):
    kept, pulled, gone = make_item(session), make_item(session), make_item(session, kind="document")
    make_collection(session, [gone], slug="archives")
    pulled.status = "withdrawn"
    session.flush()
    session.delete(gone)
    session.flush()
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    assert sorted(identifiers(root)) == sorted([kept.identifier, pulled.identifier, gone.identifier])
    assert sorted(deleted(root)) == sorted([pulled.identifier, gone.identifier])
    assert len(find(root, "//oai:record[oai:header/@status='deleted']/oai:metadata")) == 0
    by_set = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="collection:archives")
    assert deleted(by_set) == [gone.identifier]
    one = oai(client, verb="GetRecord", identifier=f"oai:villerupt.com:{gone.identifier}", metadataPrefix="oai_dc")
    assert deleted(one) == [gone.identifier]
    pulled.status = "published"
    session.flush()
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert deleted(root) == [gone.identifier] and pulled.identifier in identifiers(root)


def test_sealing_a_published_interview_reports_it_deleted(client, session):
    from app.interview.models import Interview

    item = make_item(session, kind="interview")
    session.add(Interview(item_id=item.id, access="sealed"))
    session.flush()
    assert deleted(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")) == [item.identifier]


def test_nothing_personal_is_harvested(client, session):
    from tests.factories import make_user

    trainee = make_user(session, "stagiaire.login", role="trainee", email="stagiaire@example.org")
    item = make_item(session)
    credit(session, item, make_agent(session, "Stagiaire Numériseur"), role="digitised_by")
    text = client.get("/oai", params={"verb": "ListRecords", "metadataPrefix": "oai_dc"}).text
    for secret in ("stagiaire.login", "stagiaire@example.org", "Stagiaire Numériseur", trainee.name):
        assert secret not in text


def test_the_workflows_routes_leave_deleted_headers(client, session):
    from tests.factories import form, login, make_user

    login(client, make_user(session, role="supervisor"))
    pulled, gone = make_item(session), make_item(session)
    assert client.post(f"/workspace/items/{pulled.identifier}/withdraw", data=form(client)).status_code == 200
    removed = client.post(
        f"/workspace/items/{gone.identifier}/delete", data=form(client, confirm="1"), follow_redirects=False
    )
    assert removed.status_code == 303
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert sorted(deleted(root)) == sorted([pulled.identifier, gone.identifier])
