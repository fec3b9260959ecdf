"""Public originals lose where the photo was taken; staff keep the untouched file."""

import io
from pathlib import Path

import pytest
from PIL import Image

from app.media import service as media_service
from app.media.public_original import GPS_IFD, write_without_location
from tests.factories import login, make_item, make_user

CC_BY = "https://creativecommons.org/licenses/by/4.0/"
LATITUDE = (49.0, 28.0, 12.5)
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>49,28.2N</exif:GPSLatitude></x:xmpmeta>'


def _phone_photo(path: Path, fmt: str = "JPEG") -> Path:
    """A photo as a phone writes it: camera, orientation, GPS position in the EXIF, and XMP (where it has one)."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0112] = "Villerupt Phone", 1
    exif[GPS_IFD] = {1: "N", 2: LATITUDE, 3: "E", 4: (5.0, 55.0, 40.0)}
    extra = {"xmp": XMP} if fmt in ("JPEG", "WEBP") else {}
    Image.new("RGB", (320, 240), (90, 140, 200)).save(path, fmt, exif=exif.tobytes(), **extra)
    return path


def _gps(data_or_path) -> dict:
    with Image.open(data_or_path) as image:
        return dict(image.getexif().get_ifd(GPS_IFD))


@pytest.mark.parametrize(
    ("fmt", "ext"), [("JPEG", "jpg"), ("PNG", "png"), ("TIFF", "tif"), ("WEBP", "webp"), ("HEIF", "heic")]
)
def test_the_public_copy_has_no_location_and_keeps_the_picture(tmp_path, fmt, ext):
    original = _phone_photo(tmp_path / f"phone.{ext}", fmt)
    assert _gps(original)[2] == LATITUDE
    copy = tmp_path / f"public.{ext}"
    write_without_location(original, copy)
    data = copy.read_bytes()
    assert _gps(copy) == {} and b"GPSLatitude" not in data and b"adobe:ns:meta" not in data
    with Image.open(copy) as image, Image.open(original) as before:
        assert (image.format, image.size) == (before.format, before.size)
        assert image.getexif()[0x010F] == "Villerupt Phone"  # the rest of the EXIF stays
        assert (
            max(
                abs(a - b)
                for a, b in zip(
                    image.convert("RGB").getpixel((5, 5)), before.convert("RGB").getpixel((5, 5)), strict=True
                )
            )
            <= 3
        )


def test_visitors_get_the_original_without_gps_and_staff_the_untouched_file(client, session, settings, tmp_path):
    original = _phone_photo(tmp_path / "curator-phone.jpg")
    media = media_service.attach(session, make_item(session), original, settings, rights=CC_BY)
    session.flush()
    url = f"/media/files/{media.sha256}.jpg"
    public = client.get(url)
    assert public.status_code == 200 and public.headers["content-type"] == "image/jpeg"
    assert _gps(io.BytesIO(public.content)) == {}
    assert b"GPSLatitude" not in public.content and public.headers["cache-control"] == "public, max-age=300"
    login(client, make_user(session, role="curator"))
    staff = client.get(url)
    assert staff.status_code == 200 and staff.content == original.read_bytes()
    assert _gps(io.BytesIO(staff.content))[2] == LATITUDE and staff.headers["cache-control"] == "private, no-store"
