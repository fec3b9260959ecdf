"""Videos for the browser: H.264 and AAC in MP4, even and bounded size, upright, a keyframe every half second."""

from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from app.media.recording.source import NotARecording, probe
from app.media.recording.video import browser_video, poster
from app.media.storage import sha256_of
from tests.media.recording.files import grey, landing, rms, scratched, top_boxes, write_video

MEDIA = Path(__file__).parent.parent.parent / "fixtures" / "media"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A 4 s video of numbered frames with a tone, and its browser copy with 1.0-1.5 s silenced."""
    folder = tmp_path_factory.mktemp("video")
    source = write_video(folder / "source.mp4", 4.0, (96, 64))
    digest = sha256_of(source)
    browser_video(source, folder / "out.mp4", silence=[(1.0, 1.5)])
    return source, folder / "out.mp4", digest


def test_a_video_becomes_h264_and_aac_in_mp4_of_the_same_length(made):
    _source, out, _digest = made
    info = probe(out)
    assert (info.video_codec, info.audio_codec, info.width, info.height) == ("h264", "aac", 96, 64)
    assert info.duration == pytest.approx(4.0, abs=0.1)
    with av.open(str(out)) as container:
        assert container.format.name.startswith("mov,mp4")
        assert container.streams.video[0].codec_context.pix_fmt == "yuv420p"


def test_the_index_comes_first(made):
    boxes = top_boxes(made[1])
    assert boxes[0] == b"ftyp" and boxes.index(b"moov") < boxes.index(b"mdat")


def test_there_is_a_keyframe_at_least_every_half_second(made):
    with av.open(str(made[1])) as container:
        stream = container.streams.video[0]
        keys = [float(p.pts * stream.time_base) for p in container.demux(stream) if p.is_keyframe and p.pts is not None]
    assert keys[0] == 0
    assert max(np.diff(keys + [4.0])) <= 0.5


@pytest.mark.parametrize("cue", [0.3, 0.99, 1.77, 2.5, 3.62])
def test_seeking_to_a_cue_lands_within_half_a_second(made, cue):
    landed = landing(made[1], "video", cue)
    assert cue - 0.5 < landed <= cue + 0.04


def test_the_redacted_sound_is_silent_and_the_picture_and_original_are_kept(made):
    source, out, digest = made
    assert rms(out, 1.0, 1.5) < 0.002 < 0.15 < rms(out, 0.5, 0.98) and rms(out, 1.52, 2.0) > 0.15
    assert probe(out).has_video
    assert sha256_of(source) == digest


def test_odd_sizes_become_even_and_large_ones_are_bounded(tmp_path):
    odd = write_video(tmp_path / "odd.mov", 0.5, (101, 61), codec="mjpeg", sound=False)
    browser_video(odd, tmp_path / "even.mp4")
    assert (probe(tmp_path / "even.mp4").width, probe(tmp_path / "even.mp4").height) == (100, 60)
    browser_video(odd, tmp_path / "small.mp4", max_side=50)
    assert (probe(tmp_path / "small.mp4").width, probe(tmp_path / "small.mp4").height) == (50, 30)


def test_a_phone_video_comes_out_upright(tmp_path):
    phone = write_video(tmp_path / "phone.mp4", 0.5, (64, 48), rotation=-90, sound=False)
    browser_video(phone, tmp_path / "out.mp4")
    with av.open(str(tmp_path / "out.mp4")) as container:
        frame = next(container.decode(video=0))
    pixels = frame.to_ndarray(format="rgb24")
    assert pixels.shape[:2] == (64, 48) and frame.rotation == 0
    # The white square at the top left of the recorded picture is at the top right once turned clockwise.
    assert pixels[:8, -8:].mean() > 200 > 100 > pixels[:8, :8].mean()


@pytest.mark.parametrize("name", ["video.mp4", "video.webm", "video_silent.mp4", "video_vp8.webm"])
def test_every_accepted_video_fixture_is_converted(tmp_path, name):
    browser_video(MEDIA / name, tmp_path / "out.mp4")
    info = probe(tmp_path / "out.mp4")
    assert (info.video_codec, info.width, info.height) == ("h264", 64, 48)
    assert info.audio_codec == (None if "silent" in name or "vp8" in name else "aac")
    assert info.duration == pytest.approx(1.0, abs=0.1)


def test_a_poster_is_a_jpeg_of_the_picture_at_its_time_and_the_video_size(made, tmp_path):
    size = poster(made[1], tmp_path / "poster.jpg", at=2.0)
    with Image.open(tmp_path / "poster.jpg") as image:
        assert (image.format, image.size, size) == ("JPEG", (96, 64), (96, 64))
        centre = np.asarray(image.convert("L"))[32:, 48:].mean()
    assert abs(centre - grey(50)) < 4  # frame 50 is the one shown at 2.0 s (25 frames a second)


def test_a_poster_past_the_end_shows_the_last_picture(made, tmp_path):
    poster(made[1], tmp_path / "poster.jpg", at=60.0)
    with Image.open(tmp_path / "poster.jpg") as image:
        assert abs(np.asarray(image.convert("L"))[32:, 48:].mean() - grey(99)) < 4


def test_a_sound_has_no_picture_to_convert(tmp_path):
    with pytest.raises(NotARecording, match="no moving picture"):
        browser_video(MEDIA / "sound.mp3", tmp_path / "out.mp4")
    with pytest.raises(NotARecording, match="no moving picture"):
        poster(MEDIA / "sound.mp3", tmp_path / "poster.jpg")
    assert list(tmp_path.iterdir()) == []


def test_a_scratched_video_is_converted_around_the_damage(made, tmp_path):
    damaged = scratched(made[0], tmp_path / "scratched.mp4", start=made[0].stat().st_size // 2, length=300)
    browser_video(damaged, tmp_path / "out.mp4")
    assert probe(tmp_path / "out.mp4").duration == pytest.approx(4.0, abs=0.2)


def test_a_video_that_is_more_damage_than_picture_is_refused(made, tmp_path):
    size = made[0].stat().st_size
    damaged = scratched(made[0], tmp_path / "ruined.mp4", start=size // 4, length=size // 2)
    with pytest.raises(NotARecording, match='"ruined.mp4" is too damaged to decode'):
        browser_video(damaged, tmp_path / "out.mp4")
    assert not (tmp_path / "out.mp4").exists()
