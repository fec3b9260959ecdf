"""What an item gives the search index: everything a visitor may find it by, nothing unpublished."""

from app.interview.models import Cue
from app.item import search as item_search
from app.item.kinds import DRAFT
from tests.factories import credit, make_agent, make_collection, make_item, make_place, tag


def test_a_published_item_gives_its_names_texts_and_facets(session):
    place = make_place(session, "Esch-sur-Alzette")
    item = make_item(
        session,
        title="Haut-fourneau",
        kind="oral_memory",
        place_id=place.id,
        language="fr",
        titles={"fr": "Haut-fourneau", "de": "Hochofen", "en": ""},
        descriptions={"fr": "Le haut-fourneau B.", "lb": "Den Héichuewen"},
        date_text="vers 1930",
        date_earliest=1925,
        date_latest=1935,
    )
    worker, speaker = make_agent(session, "Paul Wurth"), make_agent(session, "Audrey Watson")
    trainee = make_agent(session, "Stagiaire")
    credit(session, item, speaker, "interviewee", position=1)
    credit(session, item, worker, "creator", position=0)
    credit(session, item, trainee, "catalogued_by", position=2)
    second, first = tag(session, item, "sidérurgie", position=1), tag(session, item, "mine", position=0)
    collection = make_collection(session, [item])
    session.add_all(
        [
            Cue(item_id=item.id, position=1, language="fr", text="deuxième"),
            Cue(item_id=item.id, position=0, language="fr", text="première"),
            Cue(item_id=item.id, position=2, language="en", text="third"),
        ]
    )
    session.flush()

    [document] = item_search.documents(session, [item.id])

    assert document["identifier"] == item.identifier
    assert document["kind"] == "oral_memory"
    assert document["titles"] == {"fr": "Haut-fourneau", "de": "Hochofen"}  # empty values left out
    assert document["descriptions"] == {"fr": "Le haut-fourneau B.", "lb": "Den Héichuewen"}
    assert document["transcript"] == {"fr": "première\ndeuxième", "en": "third"}
    assert document["people"] == ["Paul Wurth", "Audrey Watson"]  # credit order; trainees' work not searched
    assert document["creators"] == [(worker.slug, "Paul Wurth"), (speaker.slug, "Audrey Watson")]
    assert document["place"] == (place.slug, {"fr": "Esch-sur-Alzette"}) and document["places"] == ["Esch-sur-Alzette"]
    assert document["subjects"] == [(first.slug, "mine"), (second.slug, "sidérurgie")]
    assert document["collections"] == [(collection.slug, collection.titles)]
    assert (document["date_earliest"], document["date_latest"], document["date_text"]) == (1925, 1935, "vers 1930")
    assert document["updated"] == item_search.stamp(item.updated_at)


def test_drafts_and_unknown_ids_give_no_document(session):
    draft = make_item(session, status=DRAFT)
    published = make_item(session)
    assert [doc["id"] for doc in item_search.documents(session, [draft.id, published.id, 999_999])] == [published.id]


def test_every_published_item_is_read_in_chunks(session):
    items = [make_item(session) for _ in range(7)]
    make_item(session, status=DRAFT)
    found = [doc["id"] for doc in item_search.documents(session, chunk=3)]
    assert found[-7:] == [item.id for item in items] and len(found) == len(set(found))
