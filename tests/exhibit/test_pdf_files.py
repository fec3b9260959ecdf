"""What WeasyPrint may read while it makes a booklet: the museum's derivative images and static files, from disk."""

import pytest

from app.exhibit import printer
from app.plaque import qr
from app.web.static import STATIC_DIR

SITE = "http://testserver/"


@pytest.fixture
def derivative(settings):
    path = settings.media_dir / "derivatives/ab/cd/abcd1234/medium.jpg"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xd8 a jpeg")
    return path


def test_a_derivative_and_a_static_file_are_read_from_disk(settings, derivative):
    url = f"{SITE}media/derivatives/ab/cd/abcd1234/medium.jpg"
    found = printer.local_file(url, SITE, settings.media_dir)
    assert found == derivative.resolve()
    css = printer.local_file(f"{SITE}static/css/exhibit-print.css?v=123", SITE, settings.media_dir)
    assert css == (STATIC_DIR / "css/exhibit-print.css").resolve()
    response = printer.LocalFetcher(SITE, settings.media_dir).fetch(url)
    assert response.read() == b"\xff\xd8 a jpeg" and response.content_type == "image/jpeg"


def test_a_site_mounted_under_a_path_has_its_static_files_read_too(settings):
    url = "http://testserver/musee/static/css/exhibit-print.css"
    css = printer.local_file(url, SITE + "musee/", settings.media_dir)
    assert css == (STATIC_DIR / "css/exhibit-print.css").resolve()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/media/derivatives/ab/cd/abcd1234/medium.jpg",  # another site
        "http://testserver:8080/media/derivatives/ab/cd/abcd1234/medium.jpg",  # another port
        "http://testserver/media/derivatives/../../secret_key",  # out of the folder
        "http://testserver/media/derivatives/%2e%2e/%2e%2e/secret_key",
        "http://testserver/media/originals/ab/cd/abcd1234.jpg",  # originals are not printed
        "http://testserver/static/../../config.py",
        "http://testserver/media/derivatives/ab/cd/abcd1234/missing.jpg",
        "file:///etc/passwd",
        "data:text/css,body{}",
    ],
)
def test_anything_else_is_refused(settings, derivative, url):
    assert printer.local_file(url, SITE, settings.media_dir) is None
    with pytest.raises(ValueError):
        printer.LocalFetcher(SITE, settings.media_dir).fetch(url)


def test_a_qr_code_is_an_inline_svg_hidden_from_screen_readers():
    svg = qr.qr_svg("https://villerupt.com/items/T-1")
    assert svg.startswith('<svg aria-hidden="true" ') and "<path" in svg
    assert "style=" not in svg and "villerupt" not in svg


def test_making_pdfs_leaves_pillow_refusing_truncated_images():
    """WeasyPrint's import lets Pillow load truncated images for the whole process; the worker that makes PDFs
    also checks uploads and builds pyramids, which refuse them (tests/media/test_hostile.py's cases)."""
    from PIL import ImageFile

    assert printer.to_pdf  # WeasyPrint is imported
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
