"""Technical metadata: small JSON-able dicts with what an archivist needs, and never a location or a person."""

import json

import pytest
from PIL import Image, ImageCms

from app.media import probe, sniff
from tests.media.hostile import FIXTURES, pdf

MEDIA = FIXTURES / "media"


def technical(name: str) -> dict:
    return sniff.inspect(MEDIA / name, name, max_bytes=10_000_000).technical


def test_photo_has_format_depth_resolution_and_camera_but_no_gps_serial_or_owner():
    assert technical("photo.jpg") == {
        "format": "JPEG",
        "mode": "RGB",
        "bit_depth": 8,
        "dpi": [300.0, 300.0],
        "camera_make": "Villerupt Camera Co",
        "camera_model": "VC-1",
        "orientation": 1,
        "date_taken": "2024:05:17 10:30:00",
    }


def test_phone_heic_photo_keeps_its_camera_fields_only():
    found = technical("photo.heic")
    assert (found["format"], found["camera_model"], found["date_taken"]) == ("HEIF", "VC-1", "2024:05:17 10:30:00")
    assert not {"gps", "serial", "owner"} & {key.split("_")[0] for key in found}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("photo.tif", {"format": "TIFF", "dpi": [600.0, 600.0], "bit_depth": 8}),
        ("photo.png", {"format": "PNG", "mode": "RGBA", "bit_depth": 8}),
        ("photo.webp", {"format": "WEBP", "mode": "RGB"}),
    ],
)
def test_image_fields(name, expected):
    assert technical(name).items() >= expected.items()


def test_colour_profile_is_named_and_a_broken_one_said_so(tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for profile, name in ((srgb, "sRGB built-in"), (b"not a profile", "unreadable")):
        Image.new("RGB", (10, 10)).save(tmp_path / "p.jpg", icc_profile=profile)
        with Image.open(tmp_path / "p.jpg") as image:
            assert probe.image(image)["icc_profile"] == name


def test_long_camera_texts_are_cut_and_binary_blobs_left_out(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "M" * 5000
    exif[0x927C] = b"\x00" * 5000  # MakerNote: binary, never copied
    Image.new("RGB", (10, 10)).save(tmp_path / "long.jpg", exif=exif)
    with Image.open(tmp_path / "long.jpg") as image:
        found = probe.image(image)
    assert len(found["camera_make"]) == probe.MAX_TEXT
    assert len(json.dumps(found)) < 400


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "sound.mp3",
            {
                "container": "mp3",
                "codec": "mp3",
                "bit_rate": 32000,
                "sample_rate": 16000,
                "channels": 1,
                "bit_rate_mode": "cbr",
            },
        ),
        ("sound.wav", {"container": "wav", "codec": "pcm", "sample_rate": 8000, "channels": 1, "bits_per_sample": 8}),
        ("sound.ogg", {"container": "ogg", "codec": "vorbis", "sample_rate": 16000, "channels": 1}),
        ("sound.opus", {"container": "ogg", "codec": "opus", "channels": 1}),
        ("sound.m4a", {"container": "mp4", "codec": "mp4a.40.2", "sample_rate": 16000}),
        ("sound.flac", {"container": "flac", "codec": "flac", "sample_rate": 16000, "bits_per_sample": 16}),
    ],
)
def test_sound_fields(name, expected):
    found = technical(name)
    assert found.items() >= expected.items()
    assert found["bit_rate"] > 0 and found["duration_seconds"] == pytest.approx(1, abs=0.1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "video.mp4",
            {"container": "mp4", "video_codec": "avc1", "audio_codec": "mp4a.40.2", "width": 64, "height": 48},
        ),
        ("video_silent.mp4", {"container": "mp4", "video_codec": "avc1", "width": 64, "height": 48}),
        ("video.webm", {"container": "webm", "video_codec": "vp9", "audio_codec": "opus", "sample_rate": 16000}),
        ("video_vp8.webm", {"container": "webm", "video_codec": "vp8", "width": 64, "height": 48}),
    ],
)
def test_video_fields(name, expected):
    found = technical(name)
    assert found.items() >= expected.items()
    assert found["bit_rate"] > 0 and found["duration_seconds"] == pytest.approx(1, abs=0.1)


def test_pdf_has_pages_version_and_title():
    assert technical("document.pdf") == {"pages": 1, "pdf_version": "1.3", "title": "Plan de la cité Butte, 1925"}


def test_pdf_without_title(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(pdf())
    assert sniff.inspect(path, None, max_bytes=10_000).technical == {"pages": 1, "pdf_version": "1.7"}


@pytest.mark.parametrize("name", sorted(path.name for path in MEDIA.iterdir() if path.suffix != ".md"))
def test_every_technical_dict_is_small_plain_json(name):
    found = technical(name)
    assert json.loads(json.dumps(found)) == found
    assert len(json.dumps(found)) < 500


def test_iso_media_boxes_and_brands():
    data = (MEDIA / "video.mp4").read_bytes()
    assert [kind for kind, _start, _end in probe.boxes(data, 0, len(data))] == [b"ftyp", b"free", b"mdat", b"moov"]
    assert probe.brands(data)[0] == b"isom" and probe.brands(b"not a box") == []
    assert [track["handler"] for track in probe.tracks(data)] == ["vide", "soun"]
