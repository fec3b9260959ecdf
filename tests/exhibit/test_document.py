"""An exhibit's pages and blocks as typed data, its text blocks' Markdown, and its revisions and publication rules."""

import pytest
from pydantic import ValidationError

from app.exhibit import blocks, editing
from app.exhibit.markdown import to_html, to_text
from app.exhibit.models import ExhibitItem
from app.exhibit.publishing import EXHIBIT
from app.publishing import revisions, workflow
from app.publishing.workflow import StepRefused
from tests.account.routes import item_with_image
from tests.factories import make_item, make_user

EVERY_BLOCK = [
    {"type": "text", "body": {"fr": "## Les cités\n\nDes *maisons* ouvrières.", "de": "Die Siedlungen"}},
    {"type": "item", "item": "A", "width": "half", "caption": {"fr": "La cité Bel-Air"}},
    {"type": "gallery", "items": ["A", "B"], "width": "full"},
    {"type": "zoom", "item": "A", "image": 1, "region": {"x": 10, "y": 20, "w": 30, "h": 40}},
    {"type": "compare", "before": "A", "after": "B", "before_label": {"fr": "1910"}, "after_label": {"fr": "2020"}},
    {"type": "quote", "text": {"fr": "On vivait au rythme des hauts-fourneaux."}, "source": {"fr": "Une habitante"}},
    {"type": "moment", "item": "C", "start": 12.5, "end": 40, "part": 1, "width": "beside"},
    {"type": "map", "items": ["A", "B"]},
    {"type": "timeline", "items": ["B", "A"]},
]


def document(*page_blocks) -> dict:
    return {
        "version": 1,
        "pages": [
            {"key": f"p{n}", "titles": {"fr": f"Page {n}"}, "blocks": list(b)} for n, b in enumerate(page_blocks, 1)
        ],
    }


def test_every_block_type_validates_and_comes_back_as_stored():
    loaded = blocks.load(document(EVERY_BLOCK))
    assert [block.type for block in loaded.pages[0].blocks] == list(blocks.BLOCK_TYPES)
    assert blocks.load(blocks.dump(loaded)) == loaded
    assert blocks.dump(loaded)["pages"][0]["blocks"][2]["items"] == ["A", "B"]
    assert loaded.item_identifiers() == ["A", "B", "C"]
    assert loaded.pages[0].blocks[3].region.iiif == "pct:10,20,30,40"


@pytest.mark.parametrize(
    "bad",
    [
        {"type": "video"},
        {"type": "item"},
        {"type": "text", "body": {"xx": "language unknown"}},
        {"type": "gallery", "items": []},
        {"type": "moment", "item": "C", "start": 40, "end": 12},
        {"type": "zoom", "item": "A", "region": {"x": 120, "y": 0, "w": 10, "h": 10}},
        {"type": "text", "width": "huge"},
        {"type": "text", "onclick": "alert(1)"},
    ],
)
def test_a_block_that_is_not_one_of_the_types_is_refused(bad):
    with pytest.raises(ValidationError):
        blocks.load(document([bad]))


def test_page_keys_are_addresses_and_unique():
    with pytest.raises(ValidationError):
        blocks.load({"pages": [{"key": "Une page"}]})
    with pytest.raises(ValidationError):
        blocks.load({"pages": [{"key": "a"}, {"key": "a"}]})


def test_an_older_document_is_upgraded_step_by_step(monkeypatch):
    monkeypatch.setattr(blocks, "VERSION", 2)
    monkeypatch.setitem(blocks.UPGRADES, 1, lambda old: old | {"version": 2, "pages": [{"key": "intro"}]})
    assert blocks.upgrade({"version": 1, "pages": []}) == {"version": 2, "pages": [{"key": "intro"}]}


def test_markdown_keeps_the_safe_subset_and_nothing_that_runs():
    html = to_html(
        "# Titre\n\n*mot* **gras** [lien](https://villerupt.com) [x](javascript:alert(1))"
        ' <script>alert(1)</script> <img src=x onerror="alert(1)">\n\n> citation\n\n1. un\n2. deux'
    )
    assert "<h3>Titre</h3>" in html and "<em>mot</em>" in html and "<strong>gras</strong>" in html
    assert '<a href="https://villerupt.com" rel="noopener noreferrer">lien</a>' in html
    assert "<blockquote>" in html and "<ol>" in html
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("](javascript:", "")
    assert 'href="javascript' not in html
    assert to_text("## Les *cités*") == "Les cités"


def test_a_curator_creates_and_edits_an_exhibit_each_change_a_revision(session):
    curator = make_user(session, "nadia", role="curator")
    a, b = make_item(session, identifier="A"), make_item(session, identifier="B")
    values = {"slug": "cites", "language": "fr", "titles": {"fr": "Les cités"}, "summaries": {}, "tags": ["habitat"]}
    exhibit = editing.create(session, values | {"credits": [("Nadia Benali", "written_by")]}, curator)
    assert [(c.agent.name, c.role) for c in exhibit.credits] == [("Nadia Benali", "written_by")]
    editing.save_document(session, exhibit, blocks.load(document([EVERY_BLOCK[2]])), curator, base=1)
    shown = session.query(ExhibitItem).filter_by(exhibit_id=exhibit.id).order_by(ExhibitItem.position).all()
    assert [row.item_id for row in shown] == [a.id, b.id]
    editing.update(session, exhibit, {"titles": {"fr": "Les cités ouvrières"}}, curator, base=2)
    history = revisions.history(session, EXHIBIT, exhibit.id)
    assert [(r.number, r.action) for r in history] == [(3, "edit"), (2, "edit"), (1, "create")]
    editing.restore(session, exhibit, 1, curator, base=3)
    assert exhibit.titles == {"fr": "Les cités"} and exhibit.document["pages"] == []
    with pytest.raises(revisions.StaleEdit):
        editing.update(session, exhibit, {"titles": {"fr": "x"}}, curator, base=2)


def test_publishing_is_refused_while_an_item_is_unpublished_or_an_image_lacks_alt_text(session, settings):
    supervisor = make_user(session, "sophie", role="supervisor")
    shown, image = item_with_image(session, settings, "published")
    hidden = make_item(session, identifier="DRAFT-1", status="draft")
    page = [{"type": "item", "item": shown.identifier}, {"type": "item", "item": hidden.identifier}]
    exhibit = editing.create(session, {"slug": "x", "titles": {"fr": "X"}}, supervisor, blocks.load(document(page)))
    workflow.take(session, exhibit, "submit", supervisor)
    with pytest.raises(StepRefused) as refused:
        workflow.take(session, exhibit, "publish", supervisor)
    assert "DRAFT-1" in str(refused.value)
    image.alt_texts = {}
    hidden.status = "published"
    session.flush()
    with pytest.raises(StepRefused) as refused:
        workflow.take(session, exhibit, "publish", supervisor)
    assert image.original_name in str(refused.value)
    image.alt_texts = {"fr": "Une façade de brique"}
    session.flush()
    workflow.take(session, exhibit, "publish", supervisor)
    assert exhibit.status == "published" and exhibit.published_at is not None
