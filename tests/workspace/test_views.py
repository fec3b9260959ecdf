"""The workspace pages over HTTP: creating and editing items with the form, stale edits, the workflow, history."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.item.models import Item
from app.job.models import Job
from app.revision.models import ItemRevision
from app.search import sync as search_sync
from app.workspace import service as workspace
from tests.factories import form, login, make_collection, make_item, make_user
from tests.web.html import parse

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"


@pytest.fixture
def curator(session):
    return make_user(session, "nadia", role="curator", display_name="Nadia Benali")


@pytest.fixture
def supervisor(session):
    return make_user(session, "sophie", role="supervisor")


def _fields(**changes) -> dict:
    fields = {
        "kind": "building",
        "language": "fr",
        "title_fr": "Maison du directeur",
        "title_de": "Direktorenhaus",
        "description_fr": "Une grande maison.",
        "date_text": "vers 1910",
        "place": "Villerupt",
        "subject": ["cité ouvrière", ""],
        "credit_role": ["architect", "catalogued_by", ""],
        "credit_name": ["Émile Architecte", "Nadia Benali", ""],
        "address": "Rue Carnot",
        "rights": "https://creativecommons.org/licenses/by/4.0/",
    }
    return fields | changes


def _create(client, session, **changes) -> Item:
    response = client.post("/workspace/items", data=form(client, **_fields(**changes)), follow_redirects=False)
    assert response.status_code == 303, response.text
    identifier = response.headers["location"].split("/workspace/items/")[1].split("?")[0]
    return workspace.load(session, identifier)


def _edit_form(client, item) -> dict:
    """The fields the edit page holds now (text inputs, selects, the hidden revision)."""
    doc = parse(client.get(f"/workspace/items/{item.identifier}").text)
    page_form = doc.find("form", class_="item-form")
    fields: dict = {}
    for element in page_form.iter():
        name = element.get("name")
        if element.tag not in ("input", "textarea", "select") or not name or element.get("type") == "checkbox":
            continue
        if element.tag == "select":
            chosen = element.find_all("option", selected=True)
            value = chosen[0].get("value") if chosen else ""
        else:
            value = element.text if element.tag == "textarea" else element.get("value", "")
        fields.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in fields.items()}


def test_creating_an_item_with_the_form_makes_a_draft_with_its_first_revision(client, session, curator):
    collection = make_collection(session, slug="cites")
    login(client, curator)
    item = _create(client, session, collection="cites")
    assert item.status == "draft" and item.titles == {"fr": "Maison du directeur", "de": "Direktorenhaus"}
    assert (item.date_earliest, item.date_latest) == (1905, 1915) and item.place.name == "Villerupt"
    assert [(c.role, c.agent.name) for c in item.credits] == [
        ("architect", "Émile Architecte"),
        ("catalogued_by", "Nadia Benali"),
    ]
    assert [s.name for s in item.subjects] == ["cité ouvrière"] and item.collections == [collection]
    revision = session.scalars(select(ItemRevision).where(ItemRevision.item_id == item.id)).one()
    assert (revision.number, revision.action, revision.user_name) == (1, "create", "nadia")
    assert revision.changes["titles"] == [None, item.titles]
    assert client.get(f"/items/{item.identifier}").status_code == 404
    assert client.get(f"/api/v1/items/{item.identifier}").status_code == 404


def test_a_wrong_form_shows_messages_next_to_the_fields_and_keeps_the_input(client, session, curator):
    login(client, curator)
    response = client.post(
        "/workspace/items",
        data=form(
            client,
            **_fields(
                title_fr="",
                latitude="north",
                title_de="Nur Deutsch",
                credit_role=["", ""],
                credit_name=["Quelqu'un", ""],
            ),
        ),
    )
    assert response.status_code == 422
    doc = parse(response.text)
    for field in ("f-title_fr", "f-latitude"):
        element = doc.find(id=field)
        assert element.get("aria-invalid") == "true"
        assert doc.find(id=element.get("aria-describedby").split()[-1]).text.strip()
    assert doc.find(id="f-title_de").get("value") == "Nur Deutsch" and doc.find(id="f-latitude").get("value") == "north"
    assert doc.find(id="f-credits-error")
    assert session.scalars(select(Item)).all() == []


def test_saving_records_which_fields_changed_with_old_and_new_values(client, session, curator):
    login(client, curator)
    item = _create(client, session)
    fields = _edit_form(client, item) | {"title_en": "The manager's house", "address": "Rue de la Paix"}
    response = client.post(f"/workspace/items/{item.identifier}", data=form(client, **fields), follow_redirects=False)
    assert response.status_code == 303
    revision = session.scalars(select(ItemRevision).where(ItemRevision.number == 2)).one()
    assert revision.changes == {
        "titles": [
            {"fr": "Maison du directeur", "de": "Direktorenhaus"},
            {"fr": "Maison du directeur", "de": "Direktorenhaus", "en": "The manager's house"},
        ],
        "address": ["Rue Carnot", "Rue de la Paix"],
    }
    history = parse(client.get(f"/workspace/items/{item.identifier}/history").text)
    assert any("Rue Carnot" in deleted.text for deleted in history.find_all("del"))
    assert any("Rue de la Paix" in ins.text for ins in history.find_all("ins"))


def test_a_stale_edit_is_shown_with_the_other_changes_and_never_overwrites(client, session, curator, supervisor):
    login(client, curator)
    item = _create(client, session)
    mine = _edit_form(client, item) | {"address": "Mon adresse"}
    theirs = _edit_form(client, item) | {"address": "Leur adresse"}
    assert client.post(f"/workspace/items/{item.identifier}", data=form(client, **theirs)).status_code == 200
    response = client.post(f"/workspace/items/{item.identifier}", data=form(client, **mine))
    assert response.status_code == 409
    doc = parse(response.text)
    alert = doc.find(class_="stale")
    assert alert.get("role") == "alert" and "Leur adresse" in alert.text
    assert doc.find(id="f-address").get("value") == "Mon adresse"
    assert workspace.load(session, item.identifier).address == "Leur adresse"
    # Saving again from the page shown (it carries the latest revision) is a deliberate choice.
    again = {"revision": doc.find("input", name="revision").get("value")}
    assert client.post(f"/workspace/items/{item.identifier}", data=form(client, **(mine | again))).status_code == 200
    assert item.address == "Mon adresse"


def test_submit_publish_withdraw_make_the_item_public_then_private(client, session, curator, supervisor):
    search_sync.install(session)  # the app's sessions have the outbox; the test's own session needs it too
    login(client, curator)
    item = _create(client, session)
    assert client.post(f"/workspace/items/{item.identifier}/submit", data=form(client)).status_code == 200
    assert item.status == "in_review"
    assert client.post(f"/workspace/items/{item.identifier}/publish", data=form(client)).status_code == 403
    login(client, supervisor)
    assert client.post(f"/workspace/items/{item.identifier}/publish", data=form(client)).status_code == 200
    assert item.status == "published"
    assert client.get(f"/items/{item.identifier}").status_code == 200
    assert client.get(f"/api/v1/items/{item.identifier}").json()["identifier"] == item.identifier
    jobs = session.scalars(select(Job).where(Job.kind == "search.index")).all()
    assert any(item.id in job.payload["item_ids"] for job in jobs)
    assert client.post(f"/workspace/items/{item.identifier}/withdraw", data=form(client)).status_code == 200
    assert item.status == "withdrawn" and client.get(f"/items/{item.identifier}").status_code == 404
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.target_label == item.identifier)).all()
    assert set(actions) == {"item.publish", "item.withdraw"}
    steps = session.scalars(
        select(ItemRevision.action).where(ItemRevision.item_id == item.id).order_by(ItemRevision.number)
    ).all()
    assert steps == ["create", "submit", "publish", "withdraw"]


def test_sending_back_needs_a_comment_which_the_curator_then_reads(client, session, curator, supervisor):
    login(client, curator)
    item = _create(client, session)
    client.post(f"/workspace/items/{item.identifier}/submit", data=form(client))
    login(client, supervisor)
    refused = client.post(f"/workspace/items/{item.identifier}/send-back", data=form(client, comment=" "))
    assert refused.status_code == 422 and parse(refused.text).find(id="comment-send_back-error")
    assert item.status == "in_review"
    client.post(f"/workspace/items/{item.identifier}/send-back", data=form(client, comment="Ajoutez la date exacte."))
    assert item.status == "draft"
    login(client, curator)
    page = parse(client.get(f"/workspace/items/{item.identifier}").text)
    assert "Ajoutez la date exacte." in page.find(class_="review-comment").text
    assert session.scalars(select(AuditEvent.action).where(AuditEvent.action == "item.send_back")).one()


def test_restoring_a_version_puts_its_fields_back_as_a_new_revision(client, session, curator):
    login(client, curator)
    item = _create(client, session)
    client.post(
        f"/workspace/items/{item.identifier}",
        data=form(client, **(_edit_form(client, item) | {"address": "Ailleurs", "subject": ["usine"]})),
    )
    assert item.address == "Ailleurs" and [s.name for s in item.subjects] == ["usine"]
    response = client.post(
        f"/workspace/items/{item.identifier}/history/1/restore", data=form(client, revision="2"), follow_redirects=False
    )
    assert response.status_code == 303
    assert item.address == "Rue Carnot" and [s.name for s in item.subjects] == ["cité ouvrière"]
    latest = session.scalars(
        select(ItemRevision).where(ItemRevision.item_id == item.id).order_by(ItemRevision.number.desc())
    ).first()
    assert (latest.number, latest.action) == (3, "restore")
    stale = client.post(f"/workspace/items/{item.identifier}/history/1/restore", data=form(client, revision="2"))
    assert stale.status_code == 409 and parse(stale.text).find(class_="stale")


def test_an_imported_item_gets_a_baseline_revision_at_its_first_change(client, session, curator):
    item = make_item(session, status="draft", title="Importée", address="Avant")
    login(client, curator)
    fields = _edit_form(client, item) | {"address": "Après"}
    assert fields["revision"] == "0"
    client.post(f"/workspace/items/{item.identifier}", data=form(client, **fields))
    rows = session.scalars(
        select(ItemRevision).where(ItemRevision.item_id == item.id).order_by(ItemRevision.number)
    ).all()
    assert [(r.number, r.action) for r in rows] == [(1, "baseline"), (2, "edit")]
    assert rows[0].snapshot["address"] == "Avant"


def test_media_are_uploaded_with_a_file_input_reordered_and_removed_without_javascript(client, session, curator):
    login(client, curator)
    item = _create(client, session)
    files = [
        ("files", ("photo.jpg", (MEDIA / "photo.jpg").read_bytes())),
        ("files", ("sound.mp3", (MEDIA / "sound.mp3").read_bytes())),
    ]
    response = client.post(
        f"/workspace/items/{item.identifier}/media", data=form(client), files=files, follow_redirects=False
    )
    assert response.status_code == 303
    assert [m.original_name for m in sorted(item.media, key=lambda m: m.position)] == ["photo.jpg", "sound.mp3"]
    sound = next(m for m in item.media if m.original_name == "sound.mp3")
    client.post(f"/workspace/items/{item.identifier}/media/{sound.id}", data=form(client, action="up"))
    assert [m.original_name for m in sorted(item.media, key=lambda m: m.position)] == ["sound.mp3", "photo.jpg"]
    client.post(
        f"/workspace/items/{item.identifier}/media/{sound.id}",
        data=form(client, action="save", alt_fr="", caption_fr="Face A", caption_de="Seite A"),
    )
    assert sound.captions == {"fr": "Face A", "de": "Seite A"}
    client.post(f"/workspace/items/{item.identifier}/media/{sound.id}", data=form(client, action="remove"))
    assert [m.original_name for m in item.media] == ["photo.jpg"]
    assert session.scalar(select(ItemRevision.number).order_by(ItemRevision.number.desc()).limit(1)) == 5


def test_a_refused_file_is_explained_on_the_page(client, session, curator):
    login(client, curator)
    item = _create(client, session)
    response = client.post(
        f"/workspace/items/{item.identifier}/media",
        data=form(client),
        files=[("files", ("evil.jpg", b"<script>alert(1)</script>"))],
    )
    assert response.status_code == 422
    assert "evil.jpg" in parse(response.text).find(id="media-errors").text and item.media == []


def test_a_curator_cannot_change_an_item_in_review_but_sees_it(client, session, curator):
    item = make_item(session, status="in_review")
    login(client, curator)
    page = parse(client.get(f"/workspace/items/{item.identifier}").text)
    assert "disabled" in page.find("form", class_="item-form").find("fieldset").attrs
    assert client.post(f"/workspace/items/{item.identifier}", data=form(client, revision="0")).status_code == 403


def test_deleting_needs_a_confirmation_and_is_audited(client, session, supervisor):
    item = make_item(session, status="draft")
    login(client, supervisor)
    assert client.post(f"/workspace/items/{item.identifier}/delete", data=form(client)).status_code == 422
    response = client.post(
        f"/workspace/items/{item.identifier}/delete", data=form(client, confirm="1"), follow_redirects=False
    )
    assert response.status_code == 303
    assert session.scalars(select(Item).where(Item.identifier == item.identifier)).first() is None
    assert (
        session.scalars(select(AuditEvent).where(AuditEvent.action == "item.delete")).one().target_label
        == item.identifier
    )


def test_the_dashboard_shows_my_drafts_the_queue_and_my_record(client, session, curator, supervisor):
    login(client, curator)
    draft = _create(client, session, title_fr="Mon brouillon")
    submitted = _create(client, session, title_fr="En relecture")
    client.post(f"/workspace/items/{submitted.identifier}/submit", data=form(client))
    login(client, supervisor)
    client.post(f"/workspace/items/{submitted.identifier}/publish", data=form(client))
    login(client, curator)
    doc = parse(client.get("/workspace").text)
    assert "Mon brouillon" in doc.find("section", aria_labelledby="drafts-title").text
    record = doc.find("section", aria_labelledby="record-title").text
    assert "En relecture" in record and "Mon brouillon" in record and draft.identifier in record
    assert "Catalogué par" in record or "Catalogued by" in record


def test_the_header_links_to_the_workspace_for_staff_only(client, session, curator):
    assert not parse(client.get("/").text).find_all("a", href="http://testserver/workspace")
    login(client, curator)
    assert parse(client.get("/").text).find("a", href="http://testserver/workspace")
