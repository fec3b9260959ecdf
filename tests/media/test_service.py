"""Attaching media to items: stored once, small derivatives at once and the rest in the background."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app.interview.models import IndexSegment, Redaction
from app.job.models import Job
from app.media import service
from app.media.derivatives import derivative_path
from app.media.models import Media
from app.media.sniff import RefusedFile
from tests.factories import make_item, run_jobs

IMAGES = Path(__file__).parent.parent / "fixtures" / "images"
MEDIA = Path(__file__).parent.parent / "fixtures" / "media"


def test_attached_image_has_its_original_derivatives_and_upright_size(session, settings):
    item = make_item(session)
    media = service.attach(
        session, item, IMAGES / "landscape_6.jpg", settings, position=0, caption="Vue de la cité", alt="Une maison"
    )
    session.flush()
    assert (media.media_type, media.mime_type, media.width, media.height) == ("image", "image/jpeg", 240, 180)
    assert (settings.media_dir / media.original_path).read_bytes() == (IMAGES / "landscape_6.jpg").read_bytes()
    assert media.original_path.endswith(f"{media.sha256}.jpg")
    for size in ("thumb", "medium"):
        assert (settings.media_dir / derivative_path(media.sha256, size)).is_file()
    assert not (settings.media_dir / derivative_path(media.sha256, "large")).exists()
    assert media.derivatives_status == "pending"
    assert media.captions == {"fr": "Vue de la cité"} and media.alt_texts == {"fr": "Une maison"}


def test_the_background_job_makes_every_size_in_jpeg_and_webp_and_the_pyramid(session, settings):
    media = service.attach(session, make_item(session), IMAGES / "landscape_6.jpg", settings)
    session.flush()
    assert run_jobs(session, settings) == 1
    session.refresh(media)
    assert media.derivatives_status == "ready"
    for size in ("thumb", "medium", "large"):
        for fmt in ("jpg", "webp"):
            assert (settings.media_dir / derivative_path(media.sha256, size, fmt)).is_file()
    assert (settings.media_dir / "iiif" / media.sha256[:2] / media.sha256[2:4] / media.sha256).is_dir()


def test_the_same_image_twice_makes_one_job(session, settings):
    for _ in range(2):
        service.attach(session, make_item(session), IMAGES / "landscape_3.jpg", settings)
    session.flush()
    assert len(session.scalars(select(Job)).all()) == 1


def test_batch_attach_makes_everything_at_once(session, settings):
    media = service.attach(session, make_item(session), IMAGES / "landscape_8.jpg", settings, background=False)
    assert media.derivatives_status == "ready"
    assert (settings.media_dir / derivative_path(media.sha256, "large", "webp")).is_file()
    assert session.scalars(select(Job)).all() == []


def _recording_jobs(session) -> list[Job]:
    return list(session.scalars(select(Job).where(Job.kind == service.RECORDING_JOB)))


def test_sound_is_attached_pending_and_its_browser_copy_made_by_the_job(session, settings):
    media = service.attach(session, make_item(session), MEDIA / "sound.mp3", settings)
    assert (media.media_type, media.mime_type, media.derivatives_status) == ("audio", "audio/mpeg", "pending")
    assert media.duration_seconds and media.duration_seconds > 0.5
    assert media.position == 0
    [job] = _recording_jobs(session)
    assert job.payload == {"sha256": media.sha256, "original_path": media.original_path, "silence": []}
    run_jobs(session, settings)
    session.refresh(media)
    assert media.derivatives_status == "ready"
    assert (service.derivative_dir(settings, media.sha256) / "recording.m4a").is_file()


def test_a_batch_attachment_makes_the_browser_copy_at_once(session, settings):
    media = service.attach(session, make_item(session), MEDIA / "sound.mp3", settings, background=False)
    assert media.derivatives_status == "ready" and _recording_jobs(session) == []
    assert (service.derivative_dir(settings, media.sha256) / "waveform.png").is_file()


@pytest.mark.parametrize("background", [True, False])
def test_a_recording_attached_to_an_item_with_hidden_passages_is_silenced_there(session, settings, background):
    item = make_item(session, kind="interview")
    session.add_all(
        [
            Redaction(item_id=item.id, start_seconds=0.2, end_seconds=0.4),
            IndexSegment(
                item_id=item.id,
                position=0,
                start_seconds=0.6,
                end_seconds=0.8,
                language="fr",
                title="Private",
                access="withdrawn",
            ),
            IndexSegment(item_id=item.id, position=1, start_seconds=0.0, end_seconds=0.1, language="fr", title="Open"),
        ]
    )
    session.flush()
    media = service.attach(session, item, MEDIA / "sound.mp3", settings, background=background)
    [job] = _recording_jobs(session)
    assert [list(cut) for cut in job.payload["silence"]] == [[0.2, 0.4], [0.6, 0.8]]
    assert media.derivatives_status == "pending"


def test_attaching_the_same_file_at_the_same_position_changes_nothing(session, settings):
    item = make_item(session)
    first = service.attach(session, item, IMAGES / "landscape_3.jpg", settings, position=0)
    session.flush()
    again = service.attach(session, item, IMAGES / "landscape_3.jpg", settings, position=0)
    assert again is first
    assert len(session.scalars(select(Media).where(Media.item_id == item.id)).all()) == 1


def test_another_file_at_a_position_replaces_the_one_there(session, settings):
    item = make_item(session)
    service.attach(session, item, IMAGES / "landscape_3.jpg", settings, position=0)
    session.flush()
    replacement = service.attach(session, item, IMAGES / "landscape_8.jpg", settings, position=0)
    session.flush()
    assert session.scalars(select(Media).where(Media.item_id == item.id)).all() == [replacement]


def test_non_image_is_refused_and_nothing_is_stored(session, settings, tmp_path):
    item = make_item(session)
    text = tmp_path / "notes.jpg"
    text.write_text("just words", encoding="utf-8")
    with pytest.raises(RefusedFile):
        service.attach(session, item, text, settings, position=0)
    assert not (settings.media_dir / "originals").exists()
    assert session.scalars(select(Media).where(Media.item_id == item.id)).all() == []
