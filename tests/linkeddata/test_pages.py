"""schema.org JSON-LD on the public pages, read back through the app and expanded with pyld."""

from pathlib import Path

from PIL import Image

from app.agent.models import Agent
from app.exhibit.models import ExhibitAgent
from app.interview.models import ON_REQUEST, PUBLIC, Cue, Interview, Redaction
from app.media import service as media_service
from tests.factories import credit, make_agent, make_collection, make_exhibit, make_item, make_place, tag
from tests.linkeddata.helpers import SCHEMA, expand, ids, page_data, prop, scripts, tagged

FIXTURES = Path(__file__).parents[1] / "fixtures"
BASE = "http://testserver"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _image(session, settings, item, tmp_path: Path):
    path = tmp_path / "coulee.jpg"
    Image.new("RGB", (320, 240), (160, 60, 20)).save(path, "JPEG")
    return media_service.attach(session, item, path, settings, background=False, rights=CC_BY, credit="Photo musée")


def _value(node: dict, name: str):
    return prop(node, name)[0]["@value"]


def test_item_page_describes_the_item(client, session, settings, tmp_path):
    place = make_place(session, "Villerupt", latitude=49.467, longitude=5.929)
    item = make_item(
        session,
        kind="artwork",
        titles={"fr": "La coulée", "de": "Der Abstich", "lb": ""},
        descriptions={"fr": "Une coulée de fonte à Micheville.", "en": "A cast at Micheville."},
        rights=CC_BY,
        date_text="1936",
        date_earliest=1936,
        date_latest=1936,
        place_id=place.id,
        medium="Huile sur toile",
    )
    credit(session, item, make_agent(session, "Marcel Leclerc"), "creator")
    credit(session, item, make_agent(session, "Ana Costa"), "digitised_by")
    tag(session, item, "Sidérurgie")
    collection = make_collection(session, [item])
    make_collection(session, [item], status="draft")
    _image(session, settings, item, tmp_path)

    node = expand(page_data(client, f"/items/{item.identifier}"))

    permalink = f"{BASE}/items/{item.identifier}"
    assert node["@id"] == permalink and ids(node, "url") == [permalink]
    assert node["@type"] == [SCHEMA + "VisualArtwork"]
    assert tagged(node, "name") == {("La coulée", "fr"), ("Der Abstich", "de")}
    assert tagged(node, "description") == {("Une coulée de fonte à Micheville.", "fr"), ("A cast at Micheville.", "en")}
    assert _value(node, "identifier") == item.identifier
    assert ids(node, "license") == [CC_BY]
    assert _value(node, "inLanguage") == "fr" and _value(node, "dateCreated") == "1936"
    assert _value(node, "artMedium") == "Huile sur toile" and _value(node, "keywords") == "Sidérurgie"
    (image,) = prop(node, "image")
    (content_url,) = ids(image, "contentUrl")
    assert content_url.startswith(f"{BASE}/media/") and client.get(content_url).status_code == 200
    (where,) = prop(node, "spatialCoverage")
    (geo,) = prop(where, "geo")
    assert (_value(geo, "latitude"), _value(geo, "longitude")) == (49.467, 5.929)
    assert [_value(c, "name") for c in prop(node, "creator")] == ["Marcel Leclerc"]
    (role,) = prop(node, "contributor")
    assert _value(role, "roleName") == "digitised_by"
    assert _value(prop(role, "contributor")[0], "name") == "Ana Costa"
    assert ids(node, "isPartOf") == [f"{BASE}/collections/{collection.slug}"]  # not the draft collection


def test_kinds_get_their_schema_org_types(client, session):
    expected = {
        "photograph": "Photograph",
        "building": "LandmarksOrHistoricalBuildings",
        "document": "ArchiveComponent",
        "memory": "CreativeWork",
    }
    for kind, schema_type in expected.items():
        item = make_item(session, kind=kind)
        assert expand(page_data(client, f"/items/{item.identifier}"))["@type"] == [SCHEMA + schema_type], kind


def test_building_is_a_place_with_its_own_point(client, session):
    item = make_item(
        session, kind="building", latitude=49.47, longitude=5.93, address="Rue Carnot", merimee_reference="PA00106584"
    )
    node = expand(page_data(client, f"/items/{item.identifier}"))
    assert _value(prop(node, "geo")[0], "latitude") == 49.47
    assert _value(node, "address") == "Rue Carnot"
    assert ids(node, "sameAs") == ["https://www.pop.culture.gouv.fr/notice/merimee/PA00106584"]


def _interview(session, settings, access: str):
    item = make_item(session, kind="interview", title="Souvenirs de la cité", duration_seconds=65)
    session.add(Interview(item_id=item.id, access=access))
    media_service.attach(session, item, FIXTURES / "media" / "sound.mp3", settings)
    credit(session, item, make_agent(session, "Lucienne Marchal"), "interviewee")
    credit(session, item, make_agent(session, "Paul Weber"), "interviewer")
    cues = [("On arrivait d'Italie en 1923.", 0.0, 2.0), ("Passage retiré par la famille.", 3.0, 5.0)]
    for position, (text, start, end) in enumerate(cues):
        session.add(
            Cue(item_id=item.id, position=position, start_seconds=start, end_seconds=end, language="fr", text=text)
        )
    session.add(Redaction(item_id=item.id, start_seconds=3.0, end_seconds=5.0, reason="famille"))
    session.flush()
    return item


def test_interview_page_has_its_recording_transcript_and_people(client, session, settings):
    item = _interview(session, settings, PUBLIC)
    node = expand(page_data(client, f"/items/{item.identifier}"))
    assert node["@type"] == [SCHEMA + "AudioObject"]
    assert _value(node, "duration") == "PT65S" and _value(node, "encodingFormat") == "audio/mpeg"
    transcript = _value(node, "transcript")
    assert "On arrivait d'Italie en 1923." in transcript
    assert "retiré" not in transcript  # a redacted passage is not read out in the JSON-LD either
    assert [_value(c, "name") for c in prop(node, "creator")] == ["Lucienne Marchal"]
    assert _value(prop(node, "contributor")[0], "roleName") == "interviewer"


def test_interview_on_request_has_its_record_without_transcript(client, session, settings):
    item = _interview(session, settings, ON_REQUEST)
    node = expand(page_data(client, f"/items/{item.identifier}"))
    assert tagged(node, "name") == {("Souvenirs de la cité", "fr")}
    assert not prop(node, "transcript")


def test_collection_page_lists_its_public_items(client, session):
    shown = make_item(session, title="Cité Cantebonne")
    draft = make_item(session, status="draft", title="Brouillon")
    collection = make_collection(
        session, [shown, draft], descriptions={"fr": "Les cités ouvrières."}, titles={"fr": "Cités", "de": "Siedlungen"}
    )
    node = expand(page_data(client, f"/collections/{collection.slug}"))
    assert node["@id"] == f"{BASE}/collections/{collection.slug}"
    assert node["@type"] == [SCHEMA + "Collection"]
    assert tagged(node, "name") == {("Cités", "fr"), ("Siedlungen", "de")}
    assert tagged(node, "description") == {("Les cités ouvrières.", "fr")}
    assert _value(node, "collectionSize") == 1
    (part,) = prop(node, "hasPart")
    assert part["@id"] == f"{BASE}/items/{shown.identifier}" and tagged(part, "name") == {("Cité Cantebonne", "fr")}


def test_exhibit_page_has_its_pages_credits_and_tags(client, session):
    item = make_item(session)
    pages = [
        {
            "key": "debut",
            "titles": {"fr": "Début", "de": "Anfang"},
            "blocks": [{"type": "item", "item": item.identifier}],
        },
        {"key": "suite", "titles": {"fr": "Suite"}, "blocks": []},
    ]
    exhibit = make_exhibit(session, pages=pages, tags=["immigration"])
    session.add(ExhibitAgent(exhibit_id=exhibit.id, agent_id=make_agent(session, "Rosa Bianchi").id, role="written_by"))
    session.flush()
    node = expand(page_data(client, f"/exhibits/{exhibit.slug}"))
    url = f"{BASE}/exhibits/{exhibit.slug}"
    assert node["@id"] == url and node["@type"] == [SCHEMA + "CreativeWork"]
    assert tagged(node, "name") == {(exhibit.titles["fr"], "fr"), (exhibit.titles["de"], "de")}
    assert tagged(node, "description") == {(exhibit.summaries["fr"], "fr")}
    assert [part["@id"] for part in prop(node, "hasPart")] == [f"{url}/debut", f"{url}/suite"]
    assert tagged(prop(node, "hasPart")[0], "name") == {("Début", "fr"), ("Anfang", "de")}
    assert [_value(about, "name") for about in prop(node, "about")] == ["immigration"]
    role = prop(node, "contributor")[0]
    assert _value(role, "roleName") == "written_by" and _value(prop(role, "contributor")[0], "name") == "Rosa Bianchi"
    first = expand(page_data(client, f"{url}/debut"))
    assert first["@id"] == f"{url}/debut" and first["@type"] == [SCHEMA + "WebPage"]
    assert tagged(first, "name") == {("Début", "fr"), ("Anfang", "de")} and _value(first, "position") == 1
    (whole,) = prop(first, "isPartOf")
    assert whole["@id"] == url and tagged(whole, "name") == tagged(node, "name")
    assert [about["@id"] for about in prop(first, "about")] == [f"{BASE}/items/{item.identifier}"]
    assert not prop(expand(page_data(client, f"{url}/suite")), "about")


def test_permanent_uri_follows_the_public_address(app, client, session):
    app.state.settings.public_base_url = "https://villerupt.example"
    item = make_item(session)
    collection = make_collection(session, [item])
    assert page_data(client, f"/items/{item.identifier}")["@id"] == f"https://villerupt.example/items/{item.identifier}"
    data = page_data(client, f"/collections/{collection.slug}")
    assert data["@id"] == f"https://villerupt.example/collections/{collection.slug}"
    assert data["hasPart"][0]["@id"] == f"https://villerupt.example/items/{item.identifier}"


def test_agents_are_credited_by_name_only(client, session):
    item = make_item(session)
    agent = make_agent(session, "Ana Costa")
    credit(session, item, agent, "catalogued_by")
    data = page_data(client, f"/items/{item.identifier}")
    assert data["contributor"] == [
        {"@type": "Role", "roleName": "catalogued_by", "contributor": {"@type": "Person", "name": "Ana Costa"}}
    ]
    assert session.get(Agent, agent.id).slug not in str(data)
    assert not scripts(client.get("/items").text)  # lists carry none: each record speaks for itself


def test_a_filmed_interview_is_a_video_object(client, session, settings):
    item = make_item(session, kind="interview")
    media_service.attach(session, item, FIXTURES / "media" / "video.mp4", settings)
    node = expand(page_data(client, f"/items/{item.identifier}"))
    assert node["@type"] == [SCHEMA + "VideoObject"] and _value(node, "encodingFormat") == "video/mp4"
