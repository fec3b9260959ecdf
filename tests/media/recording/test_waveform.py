"""Waveforms: a PNG of the requested size and one peak per column, quiet where the sound is quiet."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.media.recording.sound import browser_audio
from app.media.recording.source import NotARecording
from app.media.recording.waveform import waveform
from tests.media.recording.files import AMPLITUDE, write_wav

MEDIA = Path(__file__).parent.parent.parent / "fixtures" / "media"


@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    """4 s of tone with its second second silenced."""
    folder = tmp_path_factory.mktemp("waveform")
    browser_audio(write_wav(folder / "tone.wav", 4.0, 22_050), folder / "tone.m4a", silence=[(1.0, 2.0)])
    return folder / "tone.m4a"


def test_the_png_has_the_size_asked_and_one_peak_per_column(redacted, tmp_path):
    peaks = waveform(redacted, tmp_path / "wave.png", width=400, height=60)
    with Image.open(tmp_path / "wave.png") as image:
        assert (image.format, image.size) == ("PNG", (400, 60))
    assert len(peaks) == 400 and all(isinstance(peak, float) for peak in peaks)


def test_peaks_follow_the_sound(redacted, tmp_path):
    peaks = np.array(waveform(redacted, tmp_path / "wave.png", width=400, height=60))
    # Columns of 10 ms: the second second (columns 100-199) is silent, give or take the codec's 20 ms edges.
    assert peaks[105:195].max() < 0.01
    assert peaks[:95].min() > AMPLITUDE * 0.8 and peaks[205:].min() > AMPLITUDE * 0.8
    assert peaks.max() < AMPLITUDE * 1.2


def test_the_picture_draws_the_peaks(redacted, tmp_path):
    waveform(redacted, tmp_path / "wave.png", width=400, height=60)
    with Image.open(tmp_path / "wave.png") as image:
        alpha = np.asarray(image.getchannel("A")) > 0
    heights = alpha.sum(axis=0)
    assert heights[150] <= 2  # silence: the middle line only
    assert 0.25 * 60 < heights[50] < 0.4 * 60  # the tone's peak is 0.3 of full scale


def test_a_recording_shorter_than_the_picture_is_wide_still_fills_it(tmp_path):
    peaks = waveform(MEDIA / "sound.wav", tmp_path / "wave.png", width=1600, height=120)
    assert len(peaks) == 1600 and min(peaks) > 0


def test_a_silent_video_has_no_waveform(tmp_path):
    with pytest.raises(NotARecording, match="has no sound"):
        waveform(MEDIA / "video_silent.mp4", tmp_path / "wave.png")
    assert not (tmp_path / "wave.png").exists()


def test_a_waveform_needs_a_column(redacted, tmp_path):
    with pytest.raises(ValueError, match="at least one column"):
        waveform(redacted, tmp_path / "wave.png", width=0)
