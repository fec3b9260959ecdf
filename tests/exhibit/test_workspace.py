"""Building an exhibit in the workspace through its plain forms, without JavaScript: its texts and credits, its
pages and one block of every type, moves and removals, invalid input, stale edits, history, the workflow."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.exhibit import blocks
from app.exhibit.models import Exhibit, ExhibitItem
from app.exhibit.publishing import EXHIBIT
from app.media import service as media_service
from app.publishing import revisions
from tests.account.routes import item_with_image
from tests.exhibit.forms import create, fields, post
from tests.factories import form, login, make_exhibit, make_item
from tests.web.html import parse

PHOTO = Path(__file__).parent.parent / "fixtures" / "media" / "photo.jpg"

BASE = "/workspace/exhibits/cite-ouvriere"
PAGE = f"{BASE}/pages/les-maisons"
# One block of every type as the forms send it, and what the document then stores.
EVERY_BLOCK = [
    (
        {"type": "text", "body_fr": "## Les cités\n\nDes *maisons*.", "body_de": "Die Siedlungen", "width": "full"},
        {"type": "text", "body": {"fr": "## Les cités\n\nDes *maisons*.", "de": "Die Siedlungen"}, "width": "full"},
    ),
    (
        {"type": "item", "item": "VIL-1", "width": "half", "caption_fr": "La cité Bel-Air"},
        {"type": "item", "item": "VIL-1", "width": "half", "caption": {"fr": "La cité Bel-Air"}},
    ),
    ({"type": "gallery", "items": "VIL-1\nVIL-2", "width": "wide"}, {"type": "gallery", "items": ["VIL-1", "VIL-2"]}),
    (
        {"type": "zoom", "item": "VIL-1", "image": "1", "x": "10", "y": "20", "w": "30", "h": "40", "width": "wide"},
        {"type": "zoom", "item": "VIL-1", "image": 1, "region": {"x": 10, "y": 20, "w": 30, "h": 40}},
    ),
    (
        {"type": "compare", "before": "VIL-1", "after": "VIL-2", "before_label_fr": "1910", "after_label_fr": "2020"},
        {"type": "compare", "before": "VIL-1", "after": "VIL-2", "before_label": {"fr": "1910"}},
    ),
    (
        {"type": "quote", "text_fr": "On vivait au rythme des hauts-fourneaux.", "source_fr": "Une habitante"},
        {"type": "quote", "text": {"fr": "On vivait au rythme des hauts-fourneaux."}, "item": None},
    ),
    (
        {"type": "moment", "item": "ORAL-1", "start": "1:05", "end": "90.5", "part": "2", "width": "beside"},
        {"type": "moment", "item": "ORAL-1", "start": 65, "end": 90.5, "part": 2, "width": "beside"},
    ),
    ({"type": "map", "items": "VIL-2, VIL-1"}, {"type": "map", "items": ["VIL-2", "VIL-1"]}),
    ({"type": "timeline", "items": "VIL-1 VIL-2"}, {"type": "timeline", "items": ["VIL-1", "VIL-2"]}),
]


def latest(session, exhibit) -> str:
    return str(revisions.latest_number(session, EXHIBIT, exhibit.id))


def document(exhibit) -> blocks.Document:
    return blocks.load(exhibit.document)


@pytest.fixture
def catalog(session):
    make_item(session, identifier="VIL-1", title="Cité Bel-Air")
    make_item(session, identifier="VIL-2", title="Cité de Butte")
    make_item(session, identifier="ORAL-1", kind="interview", title="Entretien avec Maria")


@pytest.fixture
def built(client, session, curator, catalog):
    """An exhibit with the page “Les maisons” made through the forms, as the curator."""
    login(client, curator)
    exhibit = create(client, session)
    response = post(client, f"{BASE}/pages", revision=latest(session, exhibit), title_fr="Les maisons")
    assert response.status_code == 303 and response.headers["location"].startswith(f"http://testserver{PAGE}")
    return exhibit


def add(client, session, exhibit, values: dict, at: int = 99):
    return post(client, f"{PAGE}/blocks", revision=latest(session, exhibit), at=str(at), **values)


def test_a_curator_creates_an_exhibit_with_its_texts_tags_and_credits(client, session, curator):
    login(client, curator)
    exhibit = create(client, session)
    assert (exhibit.slug, exhibit.status, exhibit.language) == ("cite-ouvriere", "draft", "fr")
    assert exhibit.titles == {"fr": "La cité ouvrière", "de": "Die Arbeitersiedlung"}
    assert exhibit.tags == ["logement", "cités"] and not exhibit.featured
    assert [(c.agent.name, c.role) for c in exhibit.credits] == [
        ("Nadia Benali", "creator"),
        ("Tom Weber", "translated_by"),
    ]
    listing = parse(client.get("/workspace/exhibits").text).find("main")
    assert "La cité ouvrière" in listing.text and listing.find(class_="status-draft")
    new = parse(client.get("/workspace/exhibits/new").text)
    assert new.find(id="f-credit-name-1").get("value") == "Nadia Benali"
    assert any(
        a.get("href", "").endswith("/workspace/exhibits") for a in parse(client.get("/workspace").text).find_all("a")
    )


def test_the_slug_is_made_from_the_title_when_left_empty(client, session, curator):
    login(client, curator)
    assert create(client, session, slug="", title_fr="Venir d'Italie").slug == "venir-d-italie"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"slug": "Cité"}, "f-slug"),
        ({"slug": "new"}, "f-slug"),
        ({"title_fr": ""}, "f-title_fr"),
        ({"language": "xx"}, "f-language"),
        ({"summary_en": "x" * 10_001}, "f-summary_en"),
        ({"title_lb": "nul\x00"}, "f-title_lb"),
        ({"tags": ",".join(f"t{n}" for n in range(31))}, "f-tags"),
    ],
)
def test_bad_exhibit_input_comes_back_with_a_message_next_to_the_field(client, session, curator, changes, field):
    login(client, curator)
    response = client.post("/workspace/exhibits", data=form(client, **fields(**changes)))
    assert response.status_code == 422
    doc = parse(response.text)
    assert doc.find(id=field).get("aria-invalid") == "true" and doc.find(id=f"{field}-error").text.strip()
    assert doc.find(id="f-title_de").get("value") == "Die Arbeitersiedlung"
    assert session.scalars(select(Exhibit)).all() == []


def test_a_credit_without_a_role_and_a_slug_taken_are_refused(client, session, curator):
    make_exhibit(session, slug="cite-ouvriere")
    login(client, curator)
    taken = client.post("/workspace/exhibits", data=form(client, **fields()))
    assert taken.status_code == 422 and parse(taken.text).find(id="f-slug-error")
    no_role = client.post("/workspace/exhibits", data=form(client, **fields(slug="autre", credit_role=[""])))
    assert no_role.status_code == 422 and "Nadia Benali" in parse(no_role.text).find(id="f-credits-error").text


def test_every_block_type_is_added_through_its_form(client, session, built):
    page = parse(client.get(PAGE).text)
    kinds = [option.get("value") for option in page.find(id="f-new-type").find_all("option")]
    assert kinds == list(blocks.BLOCK_TYPES)
    for values, _stored in EVERY_BLOCK:
        blank = client.get(f"{PAGE}/blocks/new", params={"type": values["type"], "at": 99})
        assert blank.status_code == 200 and parse(blank.text).find("input", name="type").get("value") == values["type"]
        response = add(client, session, built, values)
        assert response.status_code == 303, parse(response.text).find_all(class_="field-error")
    stored = blocks.dump(document(built))["pages"][0]["blocks"]
    for (_values, expected), block in zip(EVERY_BLOCK, stored, strict=True):
        assert {name: block[name] for name in expected} == expected
    assert [block.type for block in document(built).pages[0].blocks] == list(blocks.BLOCK_TYPES)
    shown = session.scalars(select(ExhibitItem).where(ExhibitItem.exhibit_id == built.id)).all()
    assert len(shown) == 3
    editor = parse(client.get(PAGE).text)
    assert len(editor.find_all(class_="exhibit-block-row")) == 9 and "Une habitante" not in editor.text
    for n in range(9):  # every block's form opens with its values
        assert client.get(f"{PAGE}/blocks/{n}").status_code == 200
    zoom = parse(client.get(f"{PAGE}/blocks/3").text)
    assert zoom.find(id="f-w").get("value") == "30" and zoom.find(id="f-item").get("value") == "VIL-1"


@pytest.mark.parametrize(
    "values, field",
    [
        ({"type": "item", "item": ""}, "f-item"),
        ({"type": "item", "item": "NOPE-404"}, "f-item"),
        ({"type": "gallery", "items": ""}, "f-items"),
        ({"type": "gallery", "items": " ".join(["VIL-1"] * 25)}, "f-items"),
        ({"type": "zoom", "item": "VIL-1", "w": "0", "h": "100", "x": "0", "y": "0", "image": "1"}, "f-w"),
        ({"type": "zoom", "item": "VIL-1", "w": "10", "h": "abc", "x": "0", "y": "0", "image": "1"}, "f-h"),
        ({"type": "moment", "item": "ORAL-1", "start": "40", "end": "10", "part": "1"}, "f-end"),
        ({"type": "quote", "text_fr": "", "source_fr": "x"}, "f-text_fr"),
        ({"type": "text", "body_de": "x" * 20_001}, "f-body_de"),
        ({"type": "text", "body_fr": "ok", "width": "enorme"}, "f-width"),
        ({"type": "compare", "before": "VIL-1", "after": "", "caption_en": "nul\x00"}, "f-caption_en"),
    ],
)
def test_a_wrong_block_comes_back_with_the_message_next_to_its_field_and_nothing_lost(
    client, session, built, values, field
):
    response = add(client, session, built, values | {"caption_fr": values.get("caption_fr", "Ma légende")})
    assert response.status_code == 422
    doc = parse(response.text)
    assert doc.find(id=field).get("aria-invalid") == "true" and doc.find(id=f"{field}-error").text.strip()
    if field != "f-caption_en":
        assert doc.find(id="f-caption_fr").get("value") == "Ma légende"
    assert document(built).pages[0].blocks == []


def test_block_messages_are_in_the_curators_language(client, session, built):
    client.post("/language", data=form(client, lang="de", next="/"))
    response = add(client, session, built, {"type": "moment", "item": "ORAL-1", "start": "40", "end": "10"})
    assert "Ausschnitt endet nach seinem Beginn" in parse(response.text).find(id="f-end-error").text


def test_blocks_are_edited_moved_and_removed_with_buttons(client, session, built):
    for text in ("un", "deux", "trois"):
        assert add(client, session, built, {"type": "text", "body_fr": text}).status_code == 303
    assert add(client, session, built, {"type": "text", "body_fr": "zéro"}, at=0).status_code == 303

    def bodies():
        return [block.body["fr"] for block in document(built).pages[0].blocks]

    assert bodies() == ["zéro", "un", "deux", "trois"]
    editor = parse(client.get(PAGE).text)
    down = editor.find(id="block-0").find("button", name="to")
    assert down.get("value") == "1"
    assert post(client, f"{PAGE}/blocks/0/move", revision=latest(session, built), to="1").status_code == 303
    assert bodies() == ["un", "zéro", "deux", "trois"]
    assert post(client, f"{PAGE}/blocks/3/move", revision=latest(session, built), to="0").status_code == 303
    assert bodies() == ["trois", "un", "zéro", "deux"]
    changed = post(client, f"{PAGE}/blocks/2", revision=latest(session, built), body_fr="rien", width="half")
    assert changed.status_code == 303 and changed.headers["location"].endswith("#block-2")
    assert bodies() == ["trois", "un", "rien", "deux"] and document(built).pages[0].blocks[2].width == "half"
    assert post(client, f"{PAGE}/blocks/0/remove", revision=latest(session, built)).status_code == 303
    assert bodies() == ["un", "rien", "deux"]
    assert post(client, f"{PAGE}/blocks/7/remove", revision=latest(session, built)).status_code == 404
    assert client.get(f"{PAGE}/blocks/7").status_code == 404
    assert client.get(f"{PAGE}/blocks/new?type=nonsense").status_code == 422


def test_a_block_moves_to_the_end_of_another_page(client, session, built):
    for text in ("un", "deux"):
        assert add(client, session, built, {"type": "text", "body_fr": text}).status_code == 303
    assert post(client, f"{BASE}/pages", revision=latest(session, built), title_fr="La suite").status_code == 303
    choice = parse(client.get(PAGE).text).find(id="f-to-page-0")
    assert [(o.get("value"), o.text) for o in choice.find_all("option")] == [("la-suite", "La suite")]
    moved = post(client, f"{PAGE}/blocks/0/move", revision=latest(session, built), page="la-suite")
    assert moved.status_code == 303 and "/pages/la-suite?done=moved#block-0" in moved.headers["location"]
    assert [[b.body["fr"] for b in page.blocks] for page in document(built).pages] == [["deux"], ["un"]]
    assert post(client, f"{PAGE}/blocks/0/move", revision=latest(session, built), page="nulle-part").status_code == 404
    assert [[b.body["fr"] for b in page.blocks] for page in document(built).pages] == [["deux"], ["un"]]


def test_pages_are_added_renamed_moved_and_removed(client, session, built):
    assert post(client, f"{BASE}/pages", revision=latest(session, built), title_fr="Les maisons").status_code == 303
    assert post(client, f"{BASE}/pages", revision=latest(session, built), title_de="Die Gärten").status_code == 303
    assert [page.key for page in document(built).pages] == ["les-maisons", "les-maisons-2", "die-garten"]
    renamed = post(client, f"{PAGE}-2", revision=latest(session, built), title_fr="L'école", title_en="The school")
    assert renamed.status_code == 303
    assert document(built).page("les-maisons-2").titles == {"fr": "L'école", "en": "The school"}
    assert post(client, f"{BASE}/pages/die-garten/move", revision=latest(session, built), to="0").status_code == 303
    assert [page.key for page in document(built).pages] == ["die-garten", "les-maisons", "les-maisons-2"]
    outline = parse(client.get(BASE).text).find(id="pages")
    assert [a.text for a in outline.find_all("a")] == ["Die Gärten", "Les maisons", "L'école"]
    assert post(client, f"{PAGE}/remove", revision=latest(session, built)).status_code == 303
    assert [page.key for page in document(built).pages] == ["die-garten", "les-maisons-2"]
    assert client.get(PAGE).status_code == 404
    bad = post(client, f"{PAGE}-2", revision=latest(session, built), title_fr="x" * 1001)
    assert bad.status_code == 422 and parse(bad.text).find(id="f-title_fr-error")


def test_a_stale_form_is_a_409_with_their_changes_and_nothing_overwritten(client, session, built, curator, supervisor):
    old = latest(session, built)
    login(client, supervisor)
    assert add(client, session, built, {"type": "text", "body_fr": "Le leur"}).status_code == 303
    login(client, curator)
    response = post(client, f"{PAGE}/blocks", revision=old, at="0", type="text", body_fr="Le mien")
    assert response.status_code == 409
    alert = parse(response.text).find(class_="stale")
    assert alert.get("role") == "alert" and "sophie" in alert.text
    assert parse(response.text).find(id="f-body_fr").text == "Le mien"  # what was typed is kept
    assert [block.body["fr"] for block in document(built).pages[0].blocks] == ["Le leur"]
    moved = post(client, f"{PAGE}/blocks/0/move", revision=old, to="0")
    assert moved.status_code == 409
    renamed = post(client, PAGE, revision=old, title_fr="Mon titre de page")
    assert renamed.status_code == 409 and parse(renamed.text).find(id="f-title_fr").get("value") == "Mon titre de page"
    metadata = post(client, BASE, **fields(revision=old, title_fr="Mon titre"))
    assert metadata.status_code == 409 and parse(metadata.text).find(id="f-title_fr").get("value") == "Mon titre"
    assert built.titles["fr"] == "La cité ouvrière"


def test_editing_texts_and_credits_is_a_revision_and_only_supervisors_feature(client, session, built, supervisor):
    changes = fields(
        revision=latest(session, built),
        title_en="The workers' town",
        featured="1",
        credit_role=["photographer"],
        credit_name=["Léa Muller"],
    )
    assert post(client, BASE, **changes).status_code == 303
    assert built.titles["en"] == "The workers' town" and not built.featured
    assert [(c.agent.name, c.role) for c in built.credits] == [("Léa Muller", "photographer")]
    assert not parse(client.get(BASE).text).find_all(id="f-featured")
    login(client, supervisor)
    assert post(client, BASE, **fields(revision=latest(session, built), featured="1")).status_code == 303
    assert built.featured
    history = parse(client.get(f"{BASE}/history").text)
    assert any("The workers' town" in ins.text for ins in history.find_all("ins"))
    assert any("Léa Muller" in ins.text for ins in history.find_all("ins"))


def test_history_shows_the_pages_and_restores_an_earlier_version(client, session, built):
    assert add(client, session, built, {"type": "text", "body_fr": "Premier"}).status_code == 303
    assert post(client, f"{PAGE}/blocks/0/remove", revision=latest(session, built)).status_code == 303
    history = parse(client.get(f"{BASE}/history").text)
    assert "Les maisons (Text)" in history.text or "Les maisons (Texte)" in history.text
    assert any(f.get("action", "").endswith("/history/3/restore") for f in history.find_all("form"))
    stale = post(client, f"{BASE}/history/3/restore", revision="1")
    assert stale.status_code == 409
    response = post(client, f"{BASE}/history/3/restore", revision=latest(session, built))
    assert response.status_code == 303
    assert [block.body["fr"] for block in document(built).pages[0].blocks] == ["Premier"]
    assert revisions.history(session, EXHIBIT, built.id)[0].action == "restore"
    assert post(client, f"{BASE}/history/99/restore", revision=latest(session, built)).status_code == 404


def test_publishing_is_refused_with_the_blockers_named_then_accepted(client, session, settings, built, supervisor):
    draft, media = item_with_image(session, settings, "draft")
    assert add(client, session, built, {"type": "item", "item": draft.identifier}).status_code == 303
    cover = post(client, f"{BASE}/cover", revision=latest(session, built), cover=str(media.id))
    assert cover.status_code == 303 and built.cover_media_id == media.id
    assert post(client, f"{BASE}/submit").status_code == 303 and built.status == "in_review"
    assert post(client, f"{BASE}/publish").status_code == 403
    login(client, supervisor)
    queue = parse(client.get("/workspace").text).find("section", aria_labelledby="exhibits-review-title")
    assert "La cité ouvrière" in queue.text
    page = parse(client.get(BASE).text)
    blockers = page.find(class_="blockers").text
    assert draft.identifier in blockers and (media.original_name or media.sha256[:12]) in blockers
    refused = post(client, f"{BASE}/publish")
    assert refused.status_code == 422 and built.status == "in_review"
    assert draft.identifier in parse(refused.text).find(id="comment-publish-error").text
    draft.status = "published"
    media.alt_texts = {"fr": "Une rangée de maisons"}
    session.flush()
    assert not parse(client.get(BASE).text).find_all(class_="blockers")
    assert post(client, f"{BASE}/publish", comment="Bravo").status_code == 303
    assert built.status == "published" and built.published_at is not None
    assert [r.action for r in revisions.history(session, EXHIBIT, built.id)][:2] == ["publish", "submit"]
    # A published exhibit is the supervisors' to change: the curator's forms are refused.
    assert post(client, f"{BASE}/withdraw").status_code == 303 and built.status == "withdrawn"


def test_a_curator_cannot_change_an_exhibit_in_review(client, session, built, curator):
    assert post(client, f"{BASE}/submit").status_code == 303
    assert add(client, session, built, {"type": "text", "body_fr": "Trop tard"}).status_code == 403
    page = parse(client.get(PAGE).text)
    assert not [f for f in page.find_all("form") if f.get("action", "").endswith("/blocks/0/remove")]


def test_the_item_picker_suggests_items_by_identifier_or_title(client, session, curator, catalog):
    login(client, curator)
    found = client.get("/api/v1/workspace/suggest", params={"field": "item", "q": "bel-air"}).json()
    assert found["names"] == ["VIL-1"] and found["labels"] == ["Cité Bel-Air"]
    assert client.get("/api/v1/workspace/suggest", params={"field": "item", "q": "VIL"}).json()["names"] == [
        "VIL-1",
        "VIL-2",
    ]


def test_a_zoom_blocks_image_is_picked_among_the_items_images(client, session, settings, built):
    item, first = item_with_image(session, settings, "published")
    second = media_service.attach(session, item, PHOTO, settings, background=False)
    second.alt_texts = {"fr": "Le détail du portail"}
    session.flush()
    blank = parse(client.get(f"{PAGE}/blocks/new", params={"type": "zoom", "at": 0}).text)
    assert blank.find(id="f-image").get("type") == "number"  # no item yet: the image's number, and why
    values = {"type": "zoom", "item": item.identifier, "image": "1", "x": "0", "y": "0", "w": "100", "h": "100"}
    assert add(client, session, built, values).status_code == 303
    form_page = parse(client.get(f"{PAGE}/blocks/0").text)
    choices = form_page.find_all("input", name="image", type="radio")
    assert [choice.get("value") for choice in choices] == ["1", "2"] and "checked" in choices[0].attrs
    assert "Le détail du portail" in form_page.find("label", **{"for": "f-image-2"}).text
    assert form_page.find("label", **{"for": "f-image-1"}).find("img").get("src").startswith("/media/")
    response = post(client, f"{PAGE}/blocks/0", revision=latest(session, built), **(values | {"image": "2"}))
    assert response.status_code == 303, response.text
    assert document(built).pages[0].blocks[0].image == 2
