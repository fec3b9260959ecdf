"""The same media behaviour on the media folder and on an S3 bucket (moto, an emulator, over real HTTP)."""

import urllib.request
from pathlib import Path

import pytest

from app.item.kinds import DRAFT, IN_REVIEW
from app.media import service as media_service
from app.media.derivatives import derivative_path
from app.media.store import store_of
from tests.factories import bearer, make_item, make_user, run_jobs
from tests.storage.conftest import bucket_keys, on_s3

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(params=["folder", "s3"])
def settings(request, settings):
    """The tests' settings, once on the media folder and once on an S3 bucket."""
    if request.param == "folder":
        return settings
    return on_s3(settings, request.getfixturevalue("s3_endpoint"), request.getfixturevalue("bucket"))


def _file_url(media) -> str:
    return f"/media/files/{media.sha256}.{media.original_path.rsplit('.', 1)[-1]}"


@pytest.fixture
def uploaded(client, session, settings):
    """A photo sent through the API to a published item, then its background job run."""
    make_item(session, identifier="VIL-2026-0101")
    headers = bearer(session, make_user(session, role="supervisor"))
    content = (MEDIA / "photo.jpg").read_bytes()
    response = client.post(
        "/api/v1/items/VIL-2026-0101/media",
        files={"file": ("photo.jpg", content)},
        data={"rights": "CC BY 4.0"},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    run_jobs(session, settings)
    return response.json()


def test_an_upload_puts_the_original_and_every_derivative_in_the_store(uploaded, settings, request):
    sha = uploaded["sha256"]
    store = store_of(settings)
    expected = [f"originals/{sha[:2]}/{sha[2:4]}/{sha}.jpg"] + [
        derivative_path(sha, size, ext) for size in ("thumb", "medium", "large") for ext in ("jpg", "webp")
    ]
    assert all(store.exists(key) for key in expected)
    assert store.checksum(expected[0]) == sha
    if settings.media_store:  # and really in the bucket, under its prefix, not in the media folder
        keys = bucket_keys(request.getfixturevalue("s3"), settings.media_store.split("/")[2])
        assert {f"museum/{key}" for key in expected} <= set(keys)
        assert not (settings.media_dir / "originals").exists()


def test_iiif_information_and_a_tile_are_served(uploaded, client):
    service = uploaded["iiif_service"]
    info = client.get(service + "/info.json")
    assert info.status_code == 200 and info.json()["width"] > 0
    tile = client.get(service + "/0,0,32,32/32,/0/default.jpg")
    assert tile.status_code == 200 and tile.headers["content-type"] == "image/jpeg"
    assert tile.content[:3] == b"\xff\xd8\xff"


def test_a_derivative_is_served(uploaded, client):
    response = client.get(uploaded["urls"]["medium"])
    assert response.status_code == 200 and response.content[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("serving", ["stream", "redirect"])
def test_a_public_original_is_served_streamed_or_by_a_signed_url(uploaded, client, settings, serving):
    settings.media_serving = serving
    url = f"/media/files/{uploaded['sha256']}.jpg"
    response = client.get(url, follow_redirects=False)
    if serving == "redirect" and settings.media_store:
        assert response.status_code == 307
        assert response.headers["cache-control"] == "private, no-store"
        # Straight from the S3 server, not through the app.
        with urllib.request.urlopen(response.headers["location"], timeout=10) as signed:
            status, kind, content = signed.status, signed.headers["content-type"], signed.read()
        settings.media_serving = "stream"
        assert status == 200 and kind == "image/jpeg"
        assert content == client.get(url).content
    else:  # a folder has no signed URLs: it streams in both modes
        assert response.status_code == 200 and response.content[:3] == b"\xff\xd8\xff"
        assert response.headers["content-security-policy"].startswith("sandbox")


@pytest.mark.parametrize("serving", ["stream", "redirect"])
def test_an_unpublished_items_file_is_refused_in_both_modes(client, session, settings, serving):
    media = media_service.attach(session, make_item(session, status=DRAFT), MEDIA / "sound.ogg", settings)
    session.flush()
    settings.media_serving = serving
    response = client.get(_file_url(media), follow_redirects=False)
    assert response.status_code == 404 and "location" not in response.headers


@pytest.mark.parametrize("serving", ["stream", "redirect"])
def test_a_recording_is_served_by_ranges(client, session, settings, serving):
    media = media_service.attach(session, make_item(session, kind="memory"), MEDIA / "sound.mp3", settings)
    session.flush()
    settings.media_serving = serving
    status, _, whole = _fetch(client, _file_url(media))
    assert status == 200 and whole == (MEDIA / "sound.mp3").read_bytes()
    status, headers, part = _fetch(client, _file_url(media), {"Range": "bytes=100-199"})
    assert status == 206 and part == whole[100:200]
    assert headers["content-range"] == f"bytes 100-199/{len(whole)}"
    status, _, tail = _fetch(client, _file_url(media), {"Range": "bytes=-10"})
    assert status == 206 and tail == whole[-10:]


def _fetch(client, url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """GET through the app; a redirect is followed over the network to the S3 server, with the same headers."""
    response = client.get(url, headers=headers or {}, follow_redirects=False)
    if response.status_code != 307:
        return response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.content
    signed = urllib.request.Request(response.headers["location"], headers=headers or {})
    with urllib.request.urlopen(signed, timeout=10) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_a_range_past_the_end_is_a_416(client, session, settings):
    media = media_service.attach(session, make_item(session, kind="memory"), MEDIA / "sound.mp3", settings)
    session.flush()
    size = (MEDIA / "sound.mp3").stat().st_size
    response = client.get(_file_url(media), headers={"Range": f"bytes={size + 10}-"})
    assert response.status_code == 416


def test_a_booklet_reads_derivatives_from_the_store_and_nothing_outside_it(uploaded, settings):
    from app.exhibit import printer

    store, site = store_of(settings), "http://testserver/"
    medium = uploaded["urls"]["medium"]
    assert medium.startswith(site + "media/derivatives/")
    printer.LocalFetcher(site, store).fetch(medium)  # no error: one of the museum's own files
    expected = store.read_bytes(medium.removeprefix(site + "media/"))
    assert printer.museum_file(medium, site, store) == (expected, ".jpg")
    for outside in ("media/derivatives/../originals/x.jpg", "media/derivatives/ab/cd/none/medium.jpg"):
        assert printer.museum_file(site + outside, site, store) is None
        with pytest.raises(ValueError):
            printer.LocalFetcher(site, store).fetch(site + outside)


@pytest.mark.parametrize("serving", ["stream", "redirect"])
def test_a_release_form_is_kept_privately_and_downloaded_by_staff_under_its_name(client, session, settings, serving):
    from app.interview.models import Interview
    from tests.factories import login, logout
    from tests.interview.factories import make_interview, upload_release_form

    settings.media_serving = serving
    login(client, make_user(session, role="supervisor"))
    item = make_interview(session, consent=False, status=IN_REVIEW)
    pdf = (MEDIA / "document.pdf").read_bytes()
    stored = upload_release_form(client, item, pdf)
    assert stored.status_code == 303
    key = "private/release-forms/" + session.get(Interview, item.id).release_form_path
    assert store_of(settings).read_bytes(key) == pdf
    download = client.get(f"/workspace/items/{item.identifier}/access/release-form", follow_redirects=False)
    assert download.status_code == 200 and download.content == pdf  # never a signed URL: it keeps its name
    assert download.headers["content-disposition"] == "attachment; filename*=utf-8''accord-sign%C3%A9.pdf"
    logout(client)
    assert client.get(f"/workspace/items/{item.identifier}/access/release-form").status_code == 401


@pytest.mark.parametrize("serving", ["stream", "redirect"])
def test_a_derivative_not_made_yet_is_a_404_in_both_modes(client, session, settings, serving):
    media = media_service.attach(session, make_item(session), MEDIA / "photo.jpg", settings, rights=CC_BY)
    session.flush()
    store_of(settings).delete(derivative_path(media.sha256, "large", "webp"))  # as before its job has run
    settings.media_serving = serving
    response = client.get(
        f"/{derivative_path(media.sha256, 'large', 'webp').replace('derivatives', 'media/derivatives', 1)}",
        follow_redirects=False,
    )
    assert response.status_code == 404
