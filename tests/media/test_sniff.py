"""Recognising accepted files from their content: type, dimensions, duration; the size limit; names."""

import json
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from app.i18n import language
from app.media import sniff
from app.media.refusal import RefusedFile
from tests.media.hostile import FIXTURES, MAX_BYTES, media, padded_jpeg


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (the msgids); the catalogues' completeness is tested apart."""
    with language("en"):
        yield


MEDIA = FIXTURES / "media"
IMAGES = FIXTURES / "images"

# file, media type, MIME type, canonical extension, width, height, duration in seconds
ACCEPTED = [
    ("photo.jpg", "image", "image/jpeg", "jpg", 64, 48, None),
    ("photo.png", "image", "image/png", "png", 64, 48, None),
    ("photo.tif", "image", "image/tiff", "tif", 64, 48, None),
    ("photo.webp", "image", "image/webp", "webp", 64, 48, None),
    ("photo.heic", "image", "image/heic", "heic", 64, 48, None),
    ("sound.mp3", "audio", "audio/mpeg", "mp3", None, None, 1.08),
    ("sound.wav", "audio", "audio/wav", "wav", None, None, 1.0),
    ("sound.ogg", "audio", "audio/ogg", "ogg", None, None, 1.0),
    ("sound.opus", "audio", "audio/ogg", "opus", None, None, 1.0),
    ("sound.m4a", "audio", "audio/mp4", "m4a", None, None, 1.064),
    ("sound.flac", "audio", "audio/flac", "flac", None, None, 1.0),
    ("video.mp4", "video", "video/mp4", "mp4", 64, 48, 1.064),
    ("video_silent.mp4", "video", "video/mp4", "mp4", 64, 48, 1.0),
    ("video.webm", "video", "video/webm", "webm", 64, 48, 1.008),
    ("video_vp8.webm", "video", "video/webm", "webm", 64, 48, 1.0),
    ("document.pdf", "pdf", "application/pdf", "pdf", None, None, None),
]


def inspect(path: Path, filename: str | None = None, max_bytes: int = MAX_BYTES) -> sniff.Inspection:
    return sniff.inspect(path, filename, max_bytes=max_bytes)


@pytest.mark.parametrize(("name", "media_type", "mime", "ext", "width", "height", "duration"), ACCEPTED)
def test_accepted_file_is_recognised_from_its_content(name, media_type, mime, ext, width, height, duration):
    found = inspect(MEDIA / name, name)
    assert (found.media_type, found.mime_type, found.extension) == (media_type, mime, ext)
    assert (found.width, found.height) == (width, height)
    assert found.duration_seconds == pytest.approx(duration, abs=0.01) if duration else found.duration_seconds is None
    assert json.loads(json.dumps(found.technical)) == found.technical


@pytest.mark.parametrize("name", [row[0] for row in ACCEPTED])
def test_names_do_not_matter_without_an_extension(name, tmp_path):
    copy = tmp_path / "upload"
    copy.write_bytes((MEDIA / name).read_bytes())
    assert inspect(copy, None) == inspect(copy, "IMG 2024") == inspect(MEDIA / name, name)


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("photo.jpg", "PHOTO.JPG"),
        ("photo.jpg", "scan.jpeg"),
        ("photo.jpg", "cité.1954"),
        ("photo.jpg", "M. Dupont"),
        ("photo.png", r"C:\Users\jeanne\Desktop\plan.png"),
        ("photo.tif", "scan.TIFF"),
        ("photo.heic", "IMG_0001.HEIF"),
        ("sound.opus", "voix.ogg"),
        ("sound.m4a", "memo.mp4"),
        ("sound.wav", "take.WAVE"),
        ("video.mp4", "film.m4v"),
    ],
)
def test_any_of_a_types_extensions_is_fine(name, filename):
    assert inspect(MEDIA / name, filename).media_type


def test_mismatch_message_names_the_file_and_both_types():
    with pytest.raises(RefusedFile) as refused:
        inspect(MEDIA / "photo.png", "photo.jpg")
    assert refused.value.code == "extension_mismatch"
    assert "photo.jpg" in str(refused.value) and "PNG" in str(refused.value) and ".png" in str(refused.value)


def test_size_limit_is_inclusive(tmp_path):
    path = tmp_path / "upload.jpg"
    path.write_bytes(padded_jpeg(FIXTURES, 100_000))
    assert inspect(path, "photo.jpg", max_bytes=100_000).media_type == "image"
    with pytest.raises(RefusedFile) as refused:
        inspect(path, "photo.jpg", max_bytes=99_999)
    assert refused.value.code == "too_large"


def test_size_is_checked_before_anything_is_read(tmp_path):
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as file:
        file.truncate(20 * 1024**3)  # sparse: 20 GiB that would take minutes to read
    with pytest.raises(RefusedFile, match="GB|MB") as refused:
        inspect(huge, "huge.jpg", max_bytes=10_000_000)
    assert refused.value.code == "too_large"


def test_gps_tagged_photo_yields_no_location_serial_or_owner():
    for path in (IMAGES / "canon_hdr_NO.jpg", MEDIA / "photo.jpg", MEDIA / "photo.heic"):
        with Image.open(path) as image:
            assert image.getexif().get_ifd(0x8825), f"{path.name} must carry a GPS position for this test"
        text = json.dumps(inspect(path).technical).lower()
        assert "gps" not in text and "sn-123456" not in text and "jeanne" not in text
        assert not {"latitude", "longitude", "location", "serial", "owner", "artist"} & set(text.split('"'))


def test_sideways_photo_has_its_displayed_size():
    found = inspect(IMAGES / "canon_hdr_NO.jpg")
    assert (found.width, found.height, found.technical["orientation"]) == (300, 400, 6)


def test_phone_multi_picture_jpeg_is_one_photo(tmp_path):
    path = tmp_path / "stereo.jpg"
    first, second = Image.new("RGB", (40, 30), "red"), Image.new("RGB", (40, 30), "blue")
    first.save(path, "MPO", save_all=True, append_images=[second])
    assert (inspect(path, "stereo.jpg").mime_type, path.read_bytes().count(b"\xff\xd9")) == ("image/jpeg", 2)


def test_a_jpeg_after_a_jpeg_without_multi_picture_header_is_hidden_data(tmp_path):
    path = tmp_path / "two.jpg"
    path.write_bytes(media("photo.jpg")(FIXTURES) * 2)
    with pytest.raises(RefusedFile) as refused:
        inspect(path)
    assert refused.value.code == "polyglot"


@pytest.mark.parametrize(
    ("padding", "accepted"),
    [(b"\x00" * 4096, True), (b"\r\n", True), (b"\x00" * 4097, False), (b"\x00" * 10 + b"A", False)],
)
def test_little_padding_after_the_end_is_tolerated(tmp_path, padding, accepted):
    path = tmp_path / "padded.png"
    path.write_bytes(media("photo.png")(FIXTURES) + padding)
    if accepted:
        assert inspect(path).mime_type == "image/png"
    else:
        with pytest.raises(RefusedFile, match="after the end"):
            inspect(path)


def test_sixteen_bit_greyscale_scan_and_progressive_cmyk_jpeg_are_decoded(tmp_path):
    grey, cmyk = tmp_path / "grey.png", tmp_path / "cmyk.jpg"
    Image.new("I;16", (30, 20), 40_000).save(grey)
    Image.new("CMYK", (30, 20), (0, 50, 100, 0)).save(cmyk, progressive=True)
    assert inspect(grey).technical["bit_depth"] == 16
    assert inspect(cmyk).technical["mode"] == "CMYK"


def test_pixel_limit_follows_pillows_setting(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(RefusedFile) as refused:
        inspect(MEDIA / "photo.png")
    assert refused.value.code == "too_many_pixels"


def test_truncated_images_stay_refused_by_pillow():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert "HEIF" in sniff.IMAGE_FORMATS


def test_allowed_table_lists_every_accepted_type_for_the_form():
    for _name, media_type, mime, ext, *_rest in ACCEPTED:
        assert mime in sniff.ACCEPT.split(",") and f".{ext}" in sniff.ACCEPT.split(",")
        assert any(row.mime_type == mime and row.media_type == media_type for row in sniff.ALLOWED.values())
    assert "image/gif" not in sniff.ACCEPT and ".svg" not in sniff.ACCEPT


def test_webp_with_extended_header_is_accepted(tmp_path):
    path = tmp_path / "photo.webp"
    exif = Image.Exif()
    exif[0x010F] = "Villerupt Camera Co"
    Image.new("RGB", (20, 10), "green").save(path, "WEBP", exif=exif)
    assert path.read_bytes()[12:16] == b"VP8X"
    assert inspect(path).technical["camera_make"] == "Villerupt Camera Co"


def test_text_files_are_named_in_the_refusal(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Témoignage de Mme Rossi, 1962 : « La mine… »\r\n".encode("cp1252") * 10)
    with pytest.raises(RefusedFile, match="text file") as refused:
        inspect(path)
    assert refused.value.code == "unsupported_type"


def test_refusal_is_a_value_error_with_a_known_code():
    assert issubclass(RefusedFile, ValueError)
    with pytest.raises(AssertionError):
        RefusedFile("nope", "message")
