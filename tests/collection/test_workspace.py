"""Collections edited in the workspace over HTTP: create, edit (stale edits), cover, history, workflow, audit."""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.collection import editing
from app.collection.models import Collection, CollectionItem, CollectionRevision
from app.job.models import Job
from app.search import sync as search_sync
from tests.account.routes import item_with_image
from tests.collection.conftest import create, fields
from tests.factories import form, login, make_collection, make_item
from tests.web.html import parse


def _revisions(session, collection) -> list[CollectionRevision]:
    query = select(CollectionRevision).where(CollectionRevision.collection_id == collection.id)
    return list(session.scalars(query.order_by(CollectionRevision.number)))


def test_a_curator_creates_a_draft_collection_with_its_first_revision(client, session, curator):
    login(client, curator)
    collection = create(client, session)
    assert (collection.slug, collection.status) == ("cites-ouvrieres", "draft")
    assert collection.titles == {"fr": "Cités ouvrières", "de": "Arbeitersiedlungen"}
    assert collection.descriptions == {"fr": "Les maisons des mineurs."}
    [revision] = _revisions(session, collection)
    assert (revision.number, revision.action, revision.user_name, revision.status) == (1, "create", "nadia", "draft")
    assert revision.changes["titles"] == [None, collection.titles]
    page = parse(client.get("/workspace/collections").text)
    assert "Cités ouvrières" in page.find("main").text and page.find(class_="status-draft")
    links = parse(client.get("/workspace").text).find_all("a")
    assert any(link.get("href", "").endswith("/workspace/collections") for link in links)


def test_the_slug_is_made_from_the_title_when_left_empty(client, session, curator):
    login(client, curator)
    assert create(client, session, slug="", title_fr="Église & Usines").slug == "eglise-usines"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"slug": "Cités Ouvrières"}, "f-slug"),
        ({"slug": "a/b"}, "f-slug"),
        ({"slug": "x" * 101}, "f-slug"),
        ({"slug": "new"}, "f-slug"),
        ({"slug": "", "title_fr": "!!!"}, "f-slug"),
        ({"title_fr": ""}, "f-title_fr"),
        ({"language": "xx"}, "f-language"),
        ({"title_de": "x" * 501}, "f-title_de"),
        ({"description_en": "nul\x00"}, "f-description_en"),
    ],
)
def test_bad_input_comes_back_with_a_message_next_to_the_field_and_nothing_saved(
    client, session, curator, changes, field
):
    login(client, curator)
    response = client.post("/workspace/collections", data=form(client, **fields(**changes)))
    assert response.status_code == 422
    doc = parse(response.text)
    element = doc.find(id=field)
    assert element.get("aria-invalid") == "true"
    assert doc.find(id=f"{field}-error").text.strip()
    assert doc.find(id="f-title_de").get("value") == fields(**changes)["title_de"]
    assert session.scalars(select(Collection)).all() == []


def test_a_slug_already_taken_is_refused_next_to_the_field(client, session, curator):
    make_collection(session, slug="cites-ouvrieres")
    login(client, curator)
    response = client.post("/workspace/collections", data=form(client, **fields()))
    assert response.status_code == 422 and parse(response.text).find(id="f-slug-error")


def test_editing_records_the_changed_fields_in_the_history(client, session, curator):
    login(client, curator)
    collection = create(client, session)
    changed = fields(title_en="Workers' housing", revision="1")
    response = client.post(
        "/workspace/collections/cites-ouvrieres", data=form(client, **changed), follow_redirects=False
    )
    assert response.status_code == 303
    assert collection.titles["en"] == "Workers' housing" and collection.slug == "cites-ouvrieres"
    latest = _revisions(session, collection)[-1]
    assert (latest.number, latest.action) == (2, "edit") and list(latest.changes) == ["titles"]
    history = parse(client.get("/workspace/collections/cites-ouvrieres/history").text)
    assert any("Workers' housing" in ins.text for ins in history.find_all("ins"))


def test_a_stale_edit_is_a_409_page_with_their_changes_and_my_input_kept(client, session, curator, supervisor):
    login(client, curator)
    collection = create(client, session)
    login(client, supervisor)
    theirs = fields(description_fr="Leur description", revision="1")
    assert client.post("/workspace/collections/cites-ouvrieres", data=form(client, **theirs)).status_code == 200
    login(client, curator)
    response = client.post(
        "/workspace/collections/cites-ouvrieres",
        data=form(client, **fields(description_fr="Ma description", revision="1")),
    )
    assert response.status_code == 409
    doc = parse(response.text)
    alert = doc.find(class_="stale")
    assert alert.get("role") == "alert" and "Leur description" in alert.text and "sophie" in alert.text
    assert doc.find(id="f-description_fr").text == "Ma description"
    assert collection.descriptions["fr"] == "Leur description"
    again = fields(description_fr="Ma description", revision=doc.find("input", name="revision").get("value"))
    assert client.post("/workspace/collections/cites-ouvrieres", data=form(client, **again)).status_code == 200
    assert collection.descriptions["fr"] == "Ma description"


def test_the_cover_is_chosen_among_the_images_of_the_collections_items(client, session, settings, curator):
    item, media = item_with_image(session, settings, "published")
    _other, foreign = item_with_image(session, settings, "published")
    collection = make_collection(session, [item], slug="usines", status="draft")
    login(client, curator)
    page = parse(client.get("/workspace/collections/usines").text)
    assert page.find(id=f"f-cover-{media.id}") and not page.find_all(id=f"f-cover-{foreign.id}")
    refused = client.post("/workspace/collections/usines/cover", data=form(client, cover=str(foreign.id), revision="0"))
    assert refused.status_code == 422 and parse(refused.text).find(id="f-cover-error")
    assert client.post("/workspace/collections/usines/cover", data=form(client, cover="nonsense")).status_code == 422
    chosen = client.post("/workspace/collections/usines/cover", data=form(client, cover=str(media.id), revision="0"))
    assert chosen.status_code == 200 and collection.cover_media_id == media.id
    # A collection from before the workspace gets a baseline first, then the change.
    assert [(r.action, list(r.changes)) for r in _revisions(session, collection)] == [
        ("baseline", []),
        ("edit", ["cover"]),
    ]
    stale = client.post("/workspace/collections/usines/cover", data=form(client, cover="", revision="0"))
    assert stale.status_code == 409 and collection.cover_media_id == media.id
    client.post("/workspace/collections/usines/cover", data=form(client, cover="", revision="2"))
    assert collection.cover_media_id is None


def test_each_workflow_step_is_a_revision_and_the_reviewers_steps_are_audited(client, session, curator, supervisor):
    search_sync.install(session)
    member = make_item(session, status="published")
    login(client, curator)
    collection = create(client, session)
    session.add(CollectionItem(collection_id=collection.id, item_id=member.id))
    session.flush()
    base = "/workspace/collections/cites-ouvrieres"
    assert client.post(f"{base}/submit", data=form(client)).status_code == 200 and collection.status == "in_review"
    assert client.post(f"{base}/publish", data=form(client)).status_code == 403
    login(client, supervisor)
    dashboard = parse(client.get("/workspace").text).find("section", **{"aria-labelledby": "collections-review-title"})
    assert "Cités ouvrières" in dashboard.text
    refused = client.post(f"{base}/send-back", data=form(client, comment=" "))
    assert refused.status_code == 422 and parse(refused.text).find(id="comment-send_back-error")
    client.post(f"{base}/send-back", data=form(client, comment="Ajoutez une description allemande."))
    assert collection.status == "draft"
    login(client, curator)
    assert "Ajoutez une description" in parse(client.get(base).text).find(class_="review-comment").text
    client.post(f"{base}/submit", data=form(client))
    login(client, supervisor)
    assert client.post(f"{base}/publish", data=form(client, comment="Bravo")).status_code == 200
    assert collection.status == "published"
    assert client.get("/collections/cites-ouvrieres").status_code == 200
    jobs = session.scalars(select(Job).where(Job.kind == "search.index")).all()
    assert any(member.id in job.payload["item_ids"] for job in jobs)
    stale_step = client.post(f"{base}/publish", data=form(client))
    assert stale_step.status_code == 403  # published: the table refuses publishing again before the view runs
    client.post(f"{base}/withdraw", data=form(client))
    assert collection.status == "withdrawn" and client.get("/collections/cites-ouvrieres").status_code == 404
    login(client, curator)
    client.post(f"{base}/to-draft", data=form(client))
    assert collection.status == "draft"
    steps = [r.action for r in _revisions(session, collection)]
    assert steps == ["create", "submit", "send_back", "submit", "publish", "withdraw", "to_draft"]
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.target_type == "collection").order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.target_label, e.actor_name) for e in events] == [
        ("collection.send_back", "cites-ouvrieres", "sophie"),
        ("collection.publish", "cites-ouvrieres", "sophie"),
        ("collection.withdraw", "cites-ouvrieres", "sophie"),
    ]
    assert events[1].details == {"revision": 5, "comment": "Bravo"}
    audit_page = client.get("/workspace/audit?action=collection.publish")
    assert audit_page.status_code == 403  # curators do not read the log
    login(client, supervisor)
    assert "cites-ouvrieres" in client.get("/workspace/audit?action=collection.publish").text


def test_a_step_on_a_collection_that_moved_on_is_a_409_with_the_reason(session, curator):
    from app.publishing.workflow import StepRefused, take

    collection = editing.load(session, make_collection(session, status="draft").slug)
    take(session, collection, "submit", curator)
    session.execute(Collection.__table__.update().where(Collection.id == collection.id).values(status="published"))
    with pytest.raises(StepRefused) as refused:
        take(session, collection, "publish", curator)
    assert refused.value.status == 409 and "collection" in str(refused.value)


def test_unknown_collections_are_404_in_the_workspace(client, session, curator):
    login(client, curator)
    assert client.get("/workspace/collections/nope").status_code == 404
    assert client.post("/workspace/collections/nope/submit", data=form(client)).status_code == 404
