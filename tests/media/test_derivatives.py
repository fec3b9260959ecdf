"""Derivatives: upright, bounded, sRGB JPEGs with no EXIF, XMP or GPS; refused non-images."""

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat

from app.media import derivatives

IMAGES = Path(__file__).parent.parent / "fixtures" / "images"
LANDSCAPES = ["landscape_3.jpg", "landscape_6.jpg", "landscape_8.jpg"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Derivatives of every fixture image, made once: {file name: (folder, sizes)}."""
    root = tmp_path_factory.mktemp("derivatives")
    return {
        path.name: (root / path.stem, derivatives.make_derivatives(path, root / path.stem))
        for path in sorted(IMAGES.glob("*.jpg"))
    }


def test_derivative_path_is_under_the_content_hash():
    sha = "ab" + "cd" + "0" * 60
    assert derivatives.derivative_path(sha, "thumb") == f"derivatives/ab/cd/{sha}/thumb.jpg"


@pytest.mark.parametrize("name", LANDSCAPES)
def test_orientation_samples_come_out_landscape(made, name):
    folder, sizes = made[name]
    with Image.open(folder / "thumb.jpg") as image:
        assert image.width > image.height
        assert image.size == sizes["thumb"]


def test_orientation_samples_come_out_the_same_way_up(made):
    reference = _grey(made["landscape_3.jpg"][0] / "thumb.jpg")
    for name in LANDSCAPES[1:]:
        other = _grey(made[name][0] / "thumb.jpg")
        difference = ImageStat.Stat(ImageChops.difference(reference, other)).mean[0]
        flipped = ImageStat.Stat(ImageChops.difference(reference, other.rotate(180))).mean[0]
        assert difference < 12 < flipped, (name, difference, flipped)


def test_portrait_sample_comes_out_portrait(made):
    with Image.open(made["portrait_6.jpg"][0] / "medium.jpg") as image:
        assert image.height > image.width


def test_derivatives_carry_no_exif_xmp_or_gps(made):
    folder, _sizes = made["canon_hdr_NO.jpg"]
    with Image.open(IMAGES / "canon_hdr_NO.jpg") as original:
        assert original.getexif().get_ifd(0x8825), "the fixture must carry a GPS position"
    for size in derivatives.SIZES:
        with Image.open(folder / f"{size}.jpg") as image:
            assert not image.getexif()
            assert "exif" not in image.info and "xmp" not in image.info and "icc_profile" not in image.info
            assert b"Exif" not in (folder / f"{size}.jpg").read_bytes()[:4096]


def test_derivatives_are_progressive_jpegs_never_enlarged(made):
    folder, sizes = made["canon_hdr_NO.jpg"]
    assert sizes == {"large": (300, 400), "medium": (300, 400), "thumb": (300, 400)}
    with Image.open(folder / "large.jpg") as image:
        assert image.format == "JPEG" and image.info.get("progressive") and image.mode == "RGB"


def test_large_images_are_bounded_and_transparency_is_flattened_on_white(tmp_path):
    source = tmp_path / "big.png"
    Image.new("RGBA", (3000, 1500), (255, 0, 0, 0)).save(source)
    sizes = derivatives.make_derivatives(source, tmp_path / "out")
    assert sizes == {"large": (2400, 1200), "medium": (1200, 600), "thumb": (400, 200)}
    with Image.open(tmp_path / "out" / "thumb.jpg") as image:
        assert min(image.getpixel((200, 100))) > 245


@pytest.mark.parametrize("content", [b"not an image at all", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", b""])
def test_non_images_are_refused_with_a_clear_message(tmp_path, content):
    source = tmp_path / "file.jpg"
    source.write_bytes(content)
    with pytest.raises(ValueError, match="file.jpg"):
        derivatives.make_derivatives(source, tmp_path / "out")


def test_truncated_jpeg_is_refused(tmp_path):
    source = tmp_path / "cut.jpg"
    source.write_bytes((IMAGES / "canon_hdr_NO.jpg").read_bytes()[:5000])
    with pytest.raises(ValueError, match="cut.jpg"):
        derivatives.make_derivatives(source, tmp_path / "out")


def test_decompression_bombs_are_refused(tmp_path, monkeypatch):
    source = tmp_path / "huge.png"
    Image.new("L", (200, 200)).save(source)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(ValueError, match="huge.png"):
        derivatives.make_derivatives(source, tmp_path / "out")


def _grey(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("L").resize((64, 48))


@pytest.mark.parametrize("profile", [b"not a real ICC profile", "srgb"])
def test_embedded_colour_profiles_are_converted_or_ignored_when_broken(tmp_path, profile):
    if profile == "srgb":
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = tmp_path / "profiled.jpg"
    Image.new("RGB", (50, 40), (200, 100, 50)).save(source, icc_profile=profile)
    sizes = derivatives.make_derivatives(source, tmp_path / "out")
    assert sizes["thumb"] == (50, 40)
    with Image.open(tmp_path / "out" / "thumb.jpg") as image:
        assert "icc_profile" not in image.info
