"""Serving media files: seekable sound and video, sandboxed PDFs, originals only under open licences."""

from pathlib import Path

import pytest

from app.item.kinds import DRAFT
from app.media import service as media_service
from tests.factories import make_item, run_jobs

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"
IMAGES = Path(__file__).parent.parent / "fixtures" / "images"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"


def _file_url(media) -> str:
    return f"/media/files/{media.sha256}.{media.original_path.rsplit('.', 1)[-1]}"


@pytest.fixture
def recording(session, settings):
    # A resident's memory: an interview's original is never served publicly (tests/interview/test_leaks.py).
    media = media_service.attach(session, make_item(session, kind="memory"), MEDIA / "sound.mp3", settings)
    session.flush()
    return media


def test_sound_is_served_whole_and_by_ranges(client, recording):
    whole = client.get(_file_url(recording))
    assert whole.status_code == 200 and whole.headers["content-type"] == "audio/mpeg"
    assert whole.headers["accept-ranges"] == "bytes"
    part = client.get(_file_url(recording), headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{len(whole.content)}"
    assert part.content == whole.content[100:200]
    assert part.headers["cache-control"] == "public, max-age=300"  # withdrawal must be able to stop it


def test_pdf_is_served_in_a_sandbox(client, session, settings):
    media = media_service.attach(session, make_item(session, kind="document"), MEDIA / "document.pdf", settings)
    session.flush()
    response = client.get(_file_url(media))
    assert response.status_code == 200
    assert response.headers["content-security-policy"].startswith("sandbox")
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("rights, status", [(CC_BY, 200), (IN_COPYRIGHT, 404), (None, 404)])
def test_image_originals_are_served_only_under_an_open_licence(client, session, settings, rights, status):
    media = media_service.attach(session, make_item(session), IMAGES / "landscape_3.jpg", settings, rights=rights)
    session.flush()
    assert client.get(_file_url(media)).status_code == status


def test_files_of_unpublished_items_and_unknown_files_are_404(client, session, settings):
    media = media_service.attach(session, make_item(session, status=DRAFT), MEDIA / "sound.ogg", settings)
    session.flush()
    assert client.get(_file_url(media)).status_code == 404
    assert client.get("/media/files/" + "0" * 64 + ".mp3").status_code == 404


def test_the_item_page_plays_the_browser_copy_of_sound_and_zooms_images(client, session, settings):
    item = make_item(session, identifier="MEM-1", kind="interview", title="Souvenirs de la mine")
    media_service.attach(session, item, IMAGES / "landscape_3.jpg", settings, alt="Le carreau de la mine")
    sound = media_service.attach(session, item, MEDIA / "sound.mp3", settings)
    run_jobs(session, settings)
    html = client.get("/items/MEM-1").text
    assert (
        f'<audio controls preload="metadata" src="http://testserver/items/MEM-1/recordings/{sound.id}/recording.m4a?v='
        in html
    )
    assert _file_url(sound) not in html  # the player never offers the original
    assert 'data-iiif="http://testserver/iiif/3/' in html and "openseadragon.min.js" in html
    assert 'href="http://testserver/iiif/manifest/MEM-1"' in html
