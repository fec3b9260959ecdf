"""The demo's two exhibits: loaded through the write path and the workflow, published, written in three languages."""

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.demo import service as demo_service
from app.demo.service import DemoReport
from app.exhibit import blocks, editing
from app.exhibit.models import Exhibit, ExhibitItem, ExhibitRevision
from app.exhibit.publishing import EXHIBIT
from app.media.models import Media
from app.search import jobs
from app.search import service as search_service
from app.search.index import SearchIndex
from app.search.schemas import SearchFilters

SLUGS = ["paysages-industriels", "audrey-watson-une-vie-a-emu-plains"]
LANGUAGES = {"fr", "de", "en"}


@pytest.fixture(scope="module")
def loaded(engine, tmp_path_factory, database_url) -> Iterator[tuple[Session, DemoReport, Settings]]:
    """The demo loaded once for the module, inside a transaction rolled back at the end."""
    folder = tmp_path_factory.mktemp("demo")
    settings = Settings(database_url=database_url, media_dir=folder / "media", index_dir=folder / "index")
    settings.ensure_dirs()
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    report = demo_service.load_demo(session, settings)
    session.flush()
    yield session, report, settings
    session.close()
    outer.rollback()
    connection.close()


def exhibits(session: Session) -> list[Exhibit]:
    return [editing.load(session, slug) for slug in SLUGS]


def test_the_demo_has_two_published_exhibits(loaded):
    session, report, _settings = loaded
    assert report.exhibits_created == 2
    assert [exhibit.status for exhibit in exhibits(session)] == ["published", "published"]
    assert all(exhibit.published_at is not None for exhibit in exhibits(session))


def test_they_pass_the_publish_rules_and_show_only_catalog_items(loaded):
    session, _report, _settings = loaded
    for exhibit in exhibits(session):
        assert EXHIBIT.blockers(session, exhibit) == []
        wanted = blocks.load(exhibit.document).item_identifiers()
        shown = session.scalar(select(func.count()).where(ExhibitItem.exhibit_id == exhibit.id))
        assert shown == len(wanted) >= 4


def test_every_image_they_show_has_an_alternative_text_in_three_languages(loaded):
    session, _report, _settings = loaded
    images = session.scalars(select(Media).where(Media.media_type == "image")).all()
    assert images and all(set(media.alt_texts) >= LANGUAGES for media in images)


def test_together_they_use_every_block_type(loaded):
    session, _report, _settings = loaded
    used = {block.type for exhibit in exhibits(session) for block in blocks.load(exhibit.document).blocks()}
    assert used == set(blocks.BLOCK_TYPES)


def test_every_text_is_in_french_german_and_english(loaded):
    session, _report, _settings = loaded
    for exhibit in exhibits(session):
        document = blocks.load(exhibit.document)
        texts = [exhibit.titles, exhibit.summaries, *(page.titles for page in document.pages)]
        for block in document.blocks():
            named = ("caption", "body", "text", "source", "before_label", "after_label")
            texts += [getattr(block, name) for name in named if getattr(block, name, None)]
        assert len(document.pages) >= 3
        assert all(set(text) >= LANGUAGES for text in texts), exhibit.slug


def test_they_have_credits_a_cover_and_revisions(loaded):
    session, _report, _settings = loaded
    watson = editing.load(session, SLUGS[1])
    assert watson.cover is not None and watson.cover.alt_texts["fr"]
    assert {credit.role for credit in watson.credits} >= {"catalogued_by", "translated_by"}
    actions = session.scalars(select(ExhibitRevision.action).where(ExhibitRevision.exhibit_id == watson.id)).all()
    assert actions[0] == "create" and actions[-2:] == ["submit", "publish"]


def test_loading_the_demo_again_creates_no_exhibit(loaded):
    session, _report, settings = loaded
    again = demo_service.load_demo(session, settings)
    assert (again.exhibits_created, again.images_labelled) == (0, 0)
    assert session.scalar(select(func.count()).select_from(Exhibit)) == 2


def test_the_demo_exhibits_are_searchable_and_a_facet_of_their_items(loaded, tmp_path):
    session, _report, _settings = loaded
    index = SearchIndex(tmp_path / "index")
    try:
        jobs.rebuild(session, index)
        assert [hit.path for hit in search_service.search(index, "vergers Penrith").beside] == [
            "/exhibits/audrey-watson-une-vie-a-emu-plains"
        ]
        assert [hit.path for hit in search_service.search(index, "hochofen minette").beside] == [
            "/exhibits/paysages-industriels"
        ]
        shown = search_service.search(index, "", SearchFilters(exhibit="paysages-industriels"))
        wanted = blocks.load(editing.load(session, SLUGS[0]).document).item_identifiers()
        assert shown.total == len(wanted)
    finally:
        index.close()
