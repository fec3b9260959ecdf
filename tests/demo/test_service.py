"""Loading the shipped demo collection into a freshly migrated database."""

import csv
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.collection.models import Collection, CollectionItem
from app.config import ROOT, Settings
from app.demo import service as demo_service
from app.demo.service import DemoReport
from app.interview import recordings
from app.interview.models import Cue
from app.item.models import Item
from app.job import registry
from app.job.models import Job
from app.media import service as media_service
from app.media.models import Media
from app.media.store import store_of

EXPECTED_KINDS = {"building": 300, "artwork": 300, "interview": 1, "photograph": 3}
EXPECTED_COLLECTIONS = {"patrimoine-protege": 300, "oeuvres": 300, "paysages-industriels": 131, "memoire-vive": 4}
FEATURED_BUILDINGS = {"PA00106443", "PA00135419", "PA00106017", "PA00106075", "PA57000030", "PA57000038"}


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory, database_url) -> Settings:
    folder = tmp_path_factory.mktemp("demo")
    return Settings(database_url=database_url, media_dir=folder / "media", index_dir=folder / "index")


@pytest.fixture(scope="module")
def loaded(engine, demo_settings) -> Iterator[tuple[Session, DemoReport]]:
    """The demo loaded once for the module, inside a transaction rolled back at the end."""
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    demo_settings.ensure_dirs()
    report = demo_service.load_demo(session, demo_settings)
    session.flush()
    yield session, report
    session.close()
    outer.rollback()
    connection.close()


def test_fresh_database_is_empty(session):
    assert demo_service.is_empty(session)


def test_demo_gives_the_expected_items_per_kind(loaded):
    session, _ = loaded
    counts = dict(session.execute(select(Item.kind, func.count()).group_by(Item.kind)).all())
    assert counts == EXPECTED_KINDS
    assert not demo_service.is_empty(session)


def test_demo_rejects_no_row(loaded):
    _, report = loaded
    assert list(report.files) == ["buildings.csv", "artworks.jsonl", "interviews.csv", "photographs.csv"]
    assert {name: r.rejected for name, r in report.files.items() if r.rejected} == {}
    assert sum(r.created for r in report.files.values()) == sum(EXPECTED_KINDS.values())


def test_every_building_has_its_own_coordinates(loaded):
    session, _ = loaded
    buildings = session.scalars(select(Item).where(Item.kind == "building")).all()
    assert all(b.latitude is not None and b.longitude is not None for b in buildings)
    assert all(b.merimee_reference == b.identifier for b in buildings)


def test_key_buildings_are_featured(loaded):
    session, _ = loaded
    featured = set(session.scalars(select(Item.identifier).where(Item.kind == "building", Item.featured)))
    assert featured == FEATURED_BUILDINGS


def test_interview_has_its_transcript_two_images_and_its_synthetic_recording(loaded):
    session, _ = loaded
    interview = session.scalars(
        select(Item).where(Item.identifier == "FTF-WATSON-1991").options(selectinload(Item.media))
    ).one()
    segments = session.scalars(select(Cue).where(Cue.item_id == interview.id).order_by(Cue.position)).all()
    assert len(segments) > 75  # one per time code (79), plus the untimed header
    assert "My name is Audrey Watson" in " ".join(s.text for s in segments[:3])
    assert 30 in {s.start_seconds for s in segments}
    assert [m.media_type for m in interview.media] == ["image", "image", "audio"]
    assert interview.recording_date == "1991-08-19"
    assert interview.duration_seconds == 31 * 60 + 35
    assert interview.titles == {
        "en": "Transcript of interview with Audrey Watson",
        "fr": "Entretien avec Audrey Watson",
        "de": "Interview mit Audrey Watson",
    }


def test_collections_have_french_german_and_english_titles(loaded):
    session, _ = loaded
    collections = session.scalars(select(Collection).order_by(Collection.position)).all()
    assert [c.slug for c in collections] == ["patrimoine-protege", "paysages-industriels", "memoire-vive", "oeuvres"]
    for collection in collections:
        assert set(collection.titles) == {"fr", "de", "en"}
        assert set(collection.descriptions) == {"fr", "de", "en"}
        assert collection.language == "fr"


def test_collections_hold_the_expected_items(loaded):
    session, _ = loaded
    counts = dict(
        session.execute(
            select(Collection.slug, func.count(CollectionItem.item_id))
            .join(CollectionItem, CollectionItem.collection_id == Collection.id)
            .group_by(Collection.slug)
        ).all()
    )
    assert counts == EXPECTED_COLLECTIONS


def test_loading_the_demo_again_changes_nothing(loaded, demo_settings):
    session, _ = loaded
    again = demo_service.load_demo(session, demo_settings)
    session.flush()
    assert (again.collections_created, again.collections_updated) == (0, 0)
    for name, report in again.files.items():
        assert (name, report.created, report.updated, len(report.rejected)) == (name, 0, 0, 0)
    assert sum(r.unchanged for r in again.files.values()) == sum(EXPECTED_KINDS.values())


def test_loading_the_demo_restores_an_edited_collection(loaded, demo_settings):
    session, _ = loaded
    collection = session.scalars(select(Collection).where(Collection.slug == "oeuvres")).one()
    shipped = dict(collection.titles)
    collection.titles = {"fr": "Titre modifié"}
    session.flush()
    again = demo_service.load_demo(session, demo_settings)
    assert (again.collections_created, again.collections_updated) == (0, 1)
    assert collection.titles == shipped


def test_every_demo_monument_has_its_commune(loaded):
    session, report = loaded
    buildings = session.scalars(select(Item).where(Item.kind == "building").options(selectinload(Item.place))).all()
    assert all(item.place is not None and item.place.kind == "commune" for item in buildings)
    by_identifier = {item.identifier: item for item in buildings}
    church, necropolis = by_identifier["PA00106443"], by_identifier["PA57000038"]
    assert (church.place.name, church.place_near) == ("Crusnes", True)
    assert (necropolis.place.label("de"), necropolis.place_near) == ("Deutsch-Oth", False)
    assert report.places_created > 0


def test_the_synthetic_recording_says_what_it_is_and_its_cues_are_timed_to_it(loaded):
    session, report = loaded
    interview = session.scalars(select(Item).where(Item.identifier == "FTF-WATSON-1991")).one()
    recording = session.scalars(select(Media).where(Media.item_id == interview.id, Media.media_type == "audio")).one()
    assert set(recording.captions) == {"en", "fr", "de"}
    assert "not Audrey Watson's voice" in recording.captions["en"] and "espeak-ng" in recording.captions["fr"]
    assert "pas la voix d'Audrey Watson" in recording.captions["fr"] and "nicht die Stimme" in recording.captions["de"]
    assert "espeak-ng" in recording.credit
    cues = session.scalars(select(Cue).where(Cue.item_id == interview.id, Cue.start_seconds.is_not(None))).all()
    placed = _placements()
    assert len(cues) == len(placed) == 82
    assert {(c.start_seconds, c.end_seconds) for c in cues} == set(placed.items())
    assert all(c.start_seconds < c.end_seconds for c in cues)
    assert report.recordings_labelled == 1


def test_the_synthetic_recording_gets_its_browser_copy_from_the_job_queue(loaded, demo_settings):
    session, _ = loaded
    recording = session.scalars(
        select(Media).join(Item).where(Item.identifier == "FTF-WATSON-1991", Media.media_type == "audio")
    ).one()
    assert recording.derivatives_status == "pending"
    [job] = session.scalars(select(Job).where(Job.kind == media_service.RECORDING_JOB)).all()
    registry.load_handlers()
    registry.get(job.kind)(session, registry.JobContext.from_settings(demo_settings), job.payload)
    session.refresh(recording)
    found = recordings.describe(store_of(demo_settings), recording)
    assert (found.status, found.file, found.waveform) == ("ready", "recording.m4a", True)
    assert found.duration is not None and abs(found.duration - 3445.1) < 1


def _placements() -> dict[float, float]:
    with (ROOT / "collections" / "demo" / "recordings" / "WATSON_19AUG91.synthetic.csv").open(encoding="utf-8") as f:
        return {float(row["start_seconds"]): float(row["end_seconds"]) for row in csv.DictReader(f)}
