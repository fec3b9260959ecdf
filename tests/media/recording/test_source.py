"""Probing: what a recording is (duration, codecs, displayed size), and a clear refusal for anything else."""

from fractions import Fraction
from pathlib import Path

import av
import pytest

from app.media.recording.source import NotARecording, probe
from tests.media.recording.files import encode_sound, tone, write_sound, write_video, write_wav

MEDIA = Path(__file__).parent.parent.parent / "fixtures" / "media"


@pytest.mark.parametrize(
    ("name", "codec", "rate"),
    [
        ("sound.wav", "pcm_u8", 8000),
        ("sound.mp3", "mp3float", 16000),
        ("sound.ogg", "vorbis", 16000),
        ("sound.opus", "opus", 48000),
        ("sound.m4a", "aac", 16000),
        ("sound.flac", "flac", 16000),
    ],
)
def test_every_accepted_sound_is_probed(name, codec, rate):
    info = probe(MEDIA / name)
    assert (info.has_video, info.audio_codec, info.sample_rate, info.channels) == (False, codec, rate, 1)
    assert info.duration == pytest.approx(1.0, abs=0.05)
    assert info.width is None and info.video_codec is None


@pytest.mark.parametrize(
    ("name", "video_codec", "audio_codec"),
    [("video.mp4", "h264", "aac"), ("video.webm", "vp9", "opus"), ("video_silent.mp4", "h264", None)],
)
def test_every_accepted_video_is_probed(name, video_codec, audio_codec):
    info = probe(MEDIA / name)
    assert (info.has_video, info.video_codec, info.audio_codec, info.width, info.height) == (
        True,
        video_codec,
        audio_codec,
        64,
        48,
    )
    assert info.duration == pytest.approx(1.0, abs=0.05)


def test_files_made_here_are_probed(tmp_path):
    assert probe(write_wav(tmp_path / "a.wav", 2.5, 22_050, channels=2)).channels == 2
    assert probe(write_sound(tmp_path / "a.mp3", "libmp3lame", 2.0, 44_100)).duration == pytest.approx(2.0, abs=0.1)
    video = probe(write_video(tmp_path / "v.mp4", 2.0, (96, 64)))
    assert (video.width, video.height, video.duration) == (96, 64, pytest.approx(2.0, abs=0.1))


def test_a_phone_video_is_probed_at_its_displayed_size(tmp_path):
    info = probe(write_video(tmp_path / "phone.mp4", 1.0, (64, 48), rotation=-90, sound=False))
    assert (info.width, info.height) == (48, 64)


def test_old_captures_non_square_pixels_are_widened(tmp_path):
    with av.open(str(tmp_path / "dv.mp4"), "w") as out:
        picture = out.add_stream("libx264", rate=25)
        picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        picture.codec_context.sample_aspect_ratio = Fraction(2, 1)
        frame = av.VideoFrame(64, 48, "yuv420p")
        frame.pts = 0
        out.mux(picture.encode(frame) + picture.encode(None))
    assert (probe(tmp_path / "dv.mp4").width, probe(tmp_path / "dv.mp4").height) == (128, 48)


def test_a_recording_whose_header_gives_no_duration_is_measured(tmp_path):
    # A browser's MediaRecorder writes WebM as it records ("live"): no duration in the header.
    with av.open(str(tmp_path / "live.webm"), "w", options={"live": "1"}) as out:
        stream = out.add_stream("libopus", rate=48_000, layout="mono")
        encode_sound(out, stream, tone(2.0, 48_000), "mono")
    with av.open(str(tmp_path / "live.webm")) as written:
        assert written.duration is None
    assert probe(tmp_path / "live.webm").duration == pytest.approx(2.0, abs=0.05)


def test_an_album_cover_is_not_a_moving_picture(tmp_path):
    sound = write_sound(tmp_path / "cover.m4a", "aac", 1.0, 44_100)
    with av.open(str(sound)) as source, av.open(str(tmp_path / "with_cover.mp4"), "w") as out:
        audio = out.add_stream_from_template(source.streams.audio[0])
        cover = out.add_stream("mjpeg", rate=1)
        cover.width, cover.height, cover.pix_fmt = 16, 16, "yuvj420p"
        cover.disposition = av.stream.Disposition.attached_pic
        frame = av.VideoFrame(16, 16, "yuvj420p")
        frame.pts = 0
        out.mux(cover.encode(frame) + cover.encode(None))
        for packet in source.demux(source.streams.audio[0]):
            if packet.dts is not None:
                packet.stream = audio
                out.mux(packet)
    with av.open(str(tmp_path / "with_cover.mp4")) as made:  # the cover is there, as a video stream
        assert [s.disposition & av.stream.Disposition.attached_pic for s in made.streams.video] == [1024]
    assert probe(tmp_path / "with_cover.mp4").has_video is False


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.mp3", b"Just some words, renamed to look like a sound.\n" * 20),
        ("empty.m4a", b""),
        ("photo.mp3", (MEDIA / "photo.jpg").read_bytes()),
        ("photo.webm", (MEDIA / "photo.png").read_bytes()),
        ("photo.mp4", (MEDIA / "photo.heic").read_bytes()),
        ("document.mp4", (MEDIA / "document.pdf").read_bytes()),
        ("playlist.mp4", b"#EXTM3U\n#EXTINF:1,\n/etc/passwd\n"),
    ],
)
def test_what_is_not_a_recording_is_refused_in_plain_words(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(NotARecording, match=f'"{name}" (is not a sound or video|is a HEIF)'):
        probe(path)


def test_a_missing_file_is_not_called_a_bad_recording(tmp_path):
    with pytest.raises(FileNotFoundError):
        probe(tmp_path / "gone.mp3")
