"""Sounds for the browser: AAC in MP4, index first, the right length, channels kept, redactions silent."""

from pathlib import Path

import av
import pytest

from app.media.recording.ranges import checked_ranges
from app.media.recording.sound import browser_audio
from app.media.recording.source import NotARecording, probe
from app.media.storage import sha256_of
from tests.media.recording.files import landing, rms, scratched, top_boxes, write_sound, write_video, write_wav

MEDIA = Path(__file__).parent.parent.parent / "fixtures" / "media"


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """A WAV written by the standard library, and an MP3 and an Ogg Opus encoded by PyAV: 4 s of tone each."""
    folder = tmp_path_factory.mktemp("sounds")
    return {
        "wav": write_wav(folder / "tone.wav", 4.0, 44_100, channels=2),
        "mp3": write_sound(folder / "tone.mp3", "libmp3lame", 4.0, 22_050),
        "ogg": write_sound(folder / "tone.ogg", "libopus", 4.0, 48_000),
    }


@pytest.mark.parametrize("kind", ["wav", "mp3", "ogg"])
def test_a_sound_becomes_aac_in_mp4_of_the_same_length(sources, tmp_path, kind):
    browser_audio(sources[kind], tmp_path / "out.m4a")
    info = probe(tmp_path / "out.m4a")
    with av.open(str(tmp_path / "out.m4a")) as made:
        assert made.format.name.startswith("mov,mp4")
    assert (info.audio_codec, info.has_video) == ("aac", False)
    assert info.duration == pytest.approx(4.0, abs=0.1)


@pytest.mark.parametrize("name", ["sound.wav", "sound.mp3", "sound.ogg", "sound.opus", "sound.m4a", "sound.flac"])
def test_every_accepted_sound_fixture_is_converted(tmp_path, name):
    browser_audio(MEDIA / name, tmp_path / "out.m4a")
    assert probe(tmp_path / "out.m4a").duration == pytest.approx(1.0, abs=0.1)


def test_the_index_comes_before_the_sound_so_the_browser_can_seek_at_once(sources, tmp_path):
    browser_audio(sources["wav"], tmp_path / "out.m4a")
    boxes = top_boxes(tmp_path / "out.m4a")
    assert boxes[0] == b"ftyp"
    assert boxes.index(b"moov") < boxes.index(b"mdat")


@pytest.mark.parametrize(("kind", "channels", "rate"), [("wav", 2, 44_100), ("mp3", 1, 22_050), ("ogg", 1, 48_000)])
def test_channels_and_rate_are_kept(sources, tmp_path, kind, channels, rate):
    browser_audio(sources[kind], tmp_path / "out.m4a")
    info = probe(tmp_path / "out.m4a")
    assert (info.channels, info.sample_rate) == (channels, rate)


def test_an_unusual_rate_becomes_48_khz(tmp_path):
    browser_audio(write_wav(tmp_path / "odd.wav", 1.0, 37_800), tmp_path / "out.m4a")
    assert probe(tmp_path / "out.m4a").sample_rate == 48_000


def test_a_small_file_is_not_made_larger_than_it_needs(tmp_path):
    small = tmp_path / "small.m4a"
    browser_audio(write_wav(tmp_path / "tone.wav", 4.0, 22_050), small, bit_rate=16_000)
    browser_audio(small, tmp_path / "again.m4a")
    browser_audio(write_wav(tmp_path / "tone.wav", 4.0, 22_050), tmp_path / "usual.m4a")
    rates = {path.name: path.stat().st_size * 8 / 4.0 for path in tmp_path.glob("*.m4a")}
    assert rates["small.m4a"] < 24_000 and rates["again.m4a"] < 40_000 < 48_000 < rates["usual.m4a"]


def test_redacted_ranges_are_silent_and_the_rest_is_not(sources, tmp_path):
    original = sha256_of(sources["wav"])
    browser_audio(sources["wav"], tmp_path / "out.m4a", silence=[(2.5, 3.0), (1.0, 1.6)])
    out = tmp_path / "out.m4a"
    for start, end in [(1.0, 1.6), (2.5, 3.0)]:
        assert rms(out, start, end) < 0.002, (start, end)
    for start, end in [(0.5, 0.98), (1.62, 2.48), (3.02, 3.5)]:
        assert rms(out, start, end) > 0.15, (start, end)
    assert sha256_of(sources["wav"]) == original


def test_a_video_sound_can_be_taken_alone(tmp_path):
    browser_audio(write_video(tmp_path / "v.mp4", 2.0), tmp_path / "out.m4a", silence=[(0.5, 1.0)])
    assert probe(tmp_path / "out.m4a").has_video is False
    assert rms(tmp_path / "out.m4a", 0.5, 1.0) < 0.002 < rms(tmp_path / "out.m4a", 1.1, 1.9)


@pytest.mark.parametrize("silence", [[(2.0, 1.0)], [(-1.0, 0.5)], [(1.0, 1.0)], [(0.0, float("inf"))]])
def test_a_range_that_runs_backwards_is_refused_before_any_work(sources, tmp_path, silence):
    with pytest.raises(ValueError, match="must run forwards"):
        browser_audio(sources["wav"], tmp_path / "out.m4a", silence=silence)
    assert list(tmp_path.iterdir()) == []


def test_seeking_to_a_cue_lands_within_half_a_second(sources, tmp_path):
    out = tmp_path / "out.m4a"
    browser_audio(sources["mp3"], out)
    for cue in (0.37, 1.0, 2.2, 3.71):
        assert abs(landing(out, "audio", cue) - cue) < 0.05


def test_a_silent_video_has_no_sound_to_convert(tmp_path):
    with pytest.raises(NotARecording, match="has no sound"):
        browser_audio(MEDIA / "video_silent.mp4", tmp_path / "out.m4a")
    assert list(tmp_path.iterdir()) == []


def test_a_text_file_named_mp3_is_refused_and_nothing_is_written(tmp_path):
    (tmp_path / "notes.mp3").write_text("not a sound\n" * 50, encoding="utf-8")
    with pytest.raises(NotARecording, match='"notes.mp3" is not a sound or video file'):
        browser_audio(tmp_path / "notes.mp3", tmp_path / "out" / "out.m4a")
    assert not (tmp_path / "out").exists()


def test_overlapping_ranges_are_merged():
    assert checked_ranges([(5, 6), (1, 2.5), (2, 3), (3, 4)]) == [(1.0, 4.0), (5.0, 6.0)]


def test_a_scratch_in_an_old_digitisation_is_skipped_not_fatal(sources, tmp_path):
    damaged = scratched(sources["mp3"], tmp_path / "scratched.mp3", start=8_000, length=600)
    browser_audio(damaged, tmp_path / "out.m4a")
    assert probe(tmp_path / "out.m4a").duration == pytest.approx(4.0, abs=0.2)


def test_noise_after_the_end_of_an_mp3_does_not_stop_the_conversion(sources, tmp_path):
    # Noise read as MP3 frame headers brings frames of other rates: the resampler is made again for them.
    size = sources["mp3"].stat().st_size
    browser_audio(scratched(sources["mp3"], tmp_path / "tail.mp3", start=size, length=3_000), tmp_path / "out.m4a")
    assert probe(tmp_path / "out.m4a").duration == pytest.approx(4.0, abs=0.2)
