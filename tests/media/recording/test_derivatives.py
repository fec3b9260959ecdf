"""A recording's derivatives, made by the background job beside the image derivatives, redactions applied."""

import json
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from app.job.models import Job
from app.media import service
from app.media.derivatives import derivative_path
from app.media.recording.derivatives import make_recording_derivatives
from app.media.recording.source import probe
from tests.factories import make_item, run_jobs
from tests.media.recording.files import rms, write_video, write_wav


def test_a_sound_gets_its_browser_copy_waveform_and_description(tmp_path):
    made = make_recording_derivatives(write_wav(tmp_path / "tone.wav", 3.0), tmp_path / "out", silence=[(1, 2)])
    out = tmp_path / "out"
    assert sorted(path.name for path in out.iterdir()) == ["recording.json", "recording.m4a", "waveform.png"]
    description = json.loads((out / "recording.json").read_text())
    assert description["file"] == "recording.m4a" and description["duration"] == pytest.approx(3.0, abs=0.1)
    assert len(description["peaks"]) == 1600 and description["silenced"] == [[1.0, 2.0]]
    assert made.duration == description["duration"] == pytest.approx(probe(out / "recording.m4a").duration, abs=1e-3)
    assert rms(out / "recording.m4a", 1.0, 2.0) < 0.002


def test_a_video_gets_its_poster_too(tmp_path):
    make_recording_derivatives(write_video(tmp_path / "v.mp4", 2.0, (80, 60)), tmp_path / "out")
    description = json.loads((tmp_path / "out" / "recording.json").read_text())
    assert (description["file"], description["poster"], description["width"]) == ("recording.mp4", "poster.jpg", 80)
    with Image.open(tmp_path / "out" / "poster.jpg") as image:
        assert image.size == (80, 60)


def _attached_sound(session, settings, tmp_path):
    media = service.attach(session, make_item(session), write_wav(tmp_path / "interview.wav", 3.0), settings)
    session.flush()
    return media


def test_the_job_makes_the_derivatives_where_the_pages_find_them(session, settings, tmp_path):
    media = _attached_sound(session, settings, tmp_path)
    service.enqueue_recording_derivatives(session, media, silence=[(0.5, 1.0)])
    session.flush()
    session.refresh(media)
    assert media.derivatives_status == "pending"
    assert run_jobs(session, settings) == 1
    session.refresh(media)
    assert media.derivatives_status == "ready"
    copy = settings.media_dir / derivative_path(media.sha256, "recording", "m4a")
    assert probe(copy).audio_codec == "aac"
    assert rms(copy, 0.5, 1.0) < 0.002 < rms(copy, 1.1, 2.0)
    assert (copy.parent / "waveform.png").is_file()


def test_a_redaction_added_while_the_job_waits_is_not_lost(session, settings, tmp_path):
    media = _attached_sound(session, settings, tmp_path)
    service.enqueue_recording_derivatives(session, media, silence=[(0.5, 1.0)])
    service.enqueue_recording_derivatives(session, media, silence=[(0.5, 1.0), (2.0, 2.5)])
    session.flush()
    jobs = session.scalars(select(Job).where(Job.kind == service.RECORDING_JOB)).all()
    assert [job.payload["silence"] for job in jobs] == [[[0.5, 1.0], [2.0, 2.5]]]
    run_jobs(session, settings)
    assert rms(settings.media_dir / derivative_path(media.sha256, "recording", "m4a"), 2.0, 2.5) < 0.002


def test_a_bad_range_is_refused_when_asked_not_when_the_job_runs(session, settings, tmp_path):
    media = _attached_sound(session, settings, tmp_path)
    with pytest.raises(ValueError, match="must run forwards"):
        service.enqueue_recording_derivatives(session, media, silence=[(3.0, 1.0)])


def test_the_original_is_never_changed(session, settings, tmp_path):
    media = _attached_sound(session, settings, tmp_path)
    before = (settings.media_dir / media.original_path).read_bytes()
    service.enqueue_recording_derivatives(session, media, silence=[(0.0, 3.0)])
    run_jobs(session, settings)
    assert (settings.media_dir / media.original_path).read_bytes() == before
    assert Path(media.original_path).suffix == ".wav"
