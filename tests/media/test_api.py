"""Adding media through the API: a curator's personal token, judged from content, nothing stored when refused."""

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.item.kinds import DRAFT
from app.media.models import Media
from tests.factories import bearer, form, login, make_item, make_user, run_jobs
from tests.media.hostile import HOSTILE, MAX_BYTES

MEDIA = Path(__file__).parent.parent / "fixtures" / "media"


@pytest.fixture
def settings(settings):
    settings.max_upload_bytes = MAX_BYTES
    return settings


@pytest.fixture
def item(session):
    return make_item(session, identifier="VIL-2026-0001", title="Carte postale de la cité")


@pytest.fixture
def auth(session):
    """A supervisor's personal API token, as headers (the item is published: curators may not change it)."""
    return bearer(session, make_user(session, "nadia", role="supervisor"))


def _upload(client, headers: dict, name: str, content: bytes, **fields):
    return client.post(
        "/api/v1/items/VIL-2026-0001/media", files={"file": (name, content)}, data=fields, headers=headers
    )


def _stored(settings) -> list[Path]:
    return (
        [p for p in (settings.media_dir / "originals").rglob("*") if p.is_file()]
        if (settings.media_dir / "originals").exists()
        else []
    )


@pytest.mark.parametrize(
    "name, kind, mime",
    [
        ("photo.jpg", "image", "image/jpeg"),
        ("photo.heic", "image", "image/heic"),
        ("photo.png", "image", "image/png"),
        ("photo.tif", "image", "image/tiff"),
        ("photo.webp", "image", "image/webp"),
        ("sound.mp3", "audio", "audio/mpeg"),
        ("sound.wav", "audio", "audio/wav"),
        ("sound.ogg", "audio", "audio/ogg"),
        ("sound.flac", "audio", "audio/flac"),
        ("sound.m4a", "audio", "audio/mp4"),
        ("video.mp4", "video", "video/mp4"),
        ("video.webm", "video", "video/webm"),
        ("document.pdf", "pdf", "application/pdf"),
    ],
)
def test_every_accepted_kind_of_file_is_attached(client, item, settings, session, name, kind, mime, auth):
    response = _upload(client, auth, name, (MEDIA / name).read_bytes(), rights="CC BY 4.0", caption="Légende")
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["type"], body["mime_type"], body["caption"]) == (kind, mime, "Légende")
    assert body["rights"]["uri"] == "https://creativecommons.org/licenses/by/4.0/"
    assert bool(body["iiif_service"]) == (kind == "image")
    assert bool(body["urls"]) == (kind == "image")


def test_uploaded_image_is_listed_on_the_item_with_its_iiif_service_and_manifest(client, item, session, settings, auth):
    assert _upload(client, auth, "photo.jpg", (MEDIA / "photo.jpg").read_bytes()).status_code == 201
    run_jobs(session, settings)
    body = client.get("/api/v1/items/VIL-2026-0001").json()
    (media,) = body["media"]
    assert media["iiif_service"] == f"http://testserver/iiif/3/{media['sha256']}"
    assert set(media["urls"]) == set(media["webp_urls"]) == {"thumb", "medium", "large"}
    assert body["iiif_manifest"] == "http://testserver/iiif/manifest/VIL-2026-0001"
    assert client.get(media["iiif_service"] + "/info.json").status_code == 200


def test_files_are_attached_in_order(client, item, session, auth):
    for name in ("photo.jpg", "photo.png", "sound.mp3"):
        assert _upload(client, auth, name, (MEDIA / name).read_bytes()).status_code == 201
    positions = session.execute(
        select(Media.position, Media.mime_type).where(Media.item_id == item.id).order_by(Media.position)
    ).all()
    assert positions == [(0, "image/jpeg"), (1, "image/png"), (2, "audio/mpeg")]


@pytest.mark.parametrize(
    "headers, status", [({}, 401), ({"Authorization": "Bearer wrong"}, 401), ({"Authorization": "vm_abc"}, 401)]
)
def test_uploads_need_a_valid_token(client, item, settings, headers, status):
    response = _upload(client, headers, "photo.jpg", (MEDIA / "photo.jpg").read_bytes())
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    assert _stored(settings) == []


@pytest.mark.parametrize("role", ["contributor"])
def test_a_token_of_too_low_a_role_is_refused(client, item, settings, session, role):
    response = _upload(
        client, bearer(session, make_user(session, role=role)), "photo.jpg", (MEDIA / "photo.jpg").read_bytes()
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert _stored(settings) == []


def test_a_deactivated_users_token_no_longer_works(client, item, settings, session):
    curator = make_user(session, role="curator")
    headers = bearer(session, curator)
    curator.active = False
    session.flush()
    assert _upload(client, headers, "photo.jpg", (MEDIA / "photo.jpg").read_bytes()).status_code == 401


@pytest.mark.parametrize("role", ["curator", "supervisor", "admin"])
def test_a_logged_in_curator_uploads_with_the_csrf_token_instead(client, session, role):
    make_item(session, identifier="VIL-2026-0002", status=DRAFT)
    login(client, make_user(session, role=role))
    content = (MEDIA / "photo.jpg").read_bytes()
    refused = client.post("/api/v1/items/VIL-2026-0002/media", files={"file": ("photo.jpg", content)})
    assert refused.status_code == 403
    response = client.post(
        "/api/v1/items/VIL-2026-0002/media", files={"file": ("photo.jpg", content)}, data=form(client)
    )
    assert response.status_code == 201, response.text


def test_curators_add_media_to_drafts_not_to_published_items(client, item, session, settings):
    headers = bearer(session, make_user(session, role="curator"))
    make_item(session, identifier="VIL-2026-0003", status=DRAFT)
    content = (MEDIA / "photo.jpg").read_bytes()
    published = client.post(
        "/api/v1/items/VIL-2026-0001/media", files={"file": ("photo.jpg", content)}, headers=headers
    )
    assert published.status_code == 403 and published.headers["content-type"] == "application/problem+json"
    assert _stored(settings) == []
    draft = client.post("/api/v1/items/VIL-2026-0003/media", files={"file": ("photo.jpg", content)}, headers=headers)
    assert draft.status_code == 201, draft.text


def test_unknown_item_and_unknown_rights_are_clear_errors(client, item, settings, auth):
    missing = client.post("/api/v1/items/NOPE/media", files={"file": ("a.jpg", b"x")}, headers=auth)
    assert missing.status_code == 404
    bad_rights = _upload(client, auth, "photo.jpg", (MEDIA / "photo.jpg").read_bytes(), rights="free to use")
    assert bad_rights.status_code == 422 and "free to use" in bad_rights.json()["detail"]
    assert _stored(settings) == []


def test_refusals_are_in_the_visitors_language(client, item, auth):
    response = client.post(
        "/api/v1/items/VIL-2026-0001/media",
        files={"file": ("page.html", b"<html>hi</html>")},
        headers=auth | {"Accept-Language": "de"},
    )
    assert response.status_code == 415
    assert response.json()["title"] and response.json()["detail"] != ""


@pytest.mark.parametrize("case", HOSTILE, ids=lambda case: case.name)
def test_hostile_upload_is_a_clear_4xx_and_nothing_is_stored(client, item, settings, session, case, auth):
    before = session.scalar(select(func.count()).select_from(Media))
    response = _upload(client, auth, case.filename, case.content())
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert len(response.json()["detail"]) > 20
    assert session.scalar(select(func.count()).select_from(Media)) == before
    assert _stored(settings) == []
    assert list((settings.media_dir / "tmp").iterdir()) == []


def test_an_announced_oversize_body_is_refused_before_it_is_read(client, item, settings, auth):
    response = client.post(
        "/api/v1/items/VIL-2026-0001/media",
        content=b"x" * 10,
        headers=auth | {"Content-Length": str(MAX_BYTES * 2), "Content-Type": "multipart/form-data"},
    )
    assert response.status_code == 413


def test_a_body_that_grows_past_the_limit_is_cut_off(client, item, settings, session, auth):
    def chunks():
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n\r\n'
        for _ in range(20):
            yield b"\xff" * 65536

    response = client.post(
        "/api/v1/items/VIL-2026-0001/media",
        content=chunks(),
        headers=auth | {"Content-Type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 413
    assert _stored(settings) == []


def test_captions_and_alternative_texts_come_in_several_languages(client, item, session, auth):
    response = _upload(
        client,
        auth,
        "photo.jpg",
        (MEDIA / "photo.jpg").read_bytes(),
        caption="La rue Carnot",
        caption_de="Die Rue Carnot",
        alt="Une rue pavée",
        alt_en="A cobbled street",
    )
    assert response.status_code == 201
    media = session.scalars(select(Media)).one()
    assert media.captions == {"fr": "La rue Carnot", "de": "Die Rue Carnot"}
    assert media.alt_texts == {"fr": "Une rue pavée", "en": "A cobbled street"}
    english = client.get("/api/v1/items/VIL-2026-0001?lang=en").json()["media"][0]
    assert (english["alt"], english["caption"]) == ("A cobbled street", "La rue Carnot")


def test_served_derivatives_and_iiif_images_of_a_gps_tagged_photo_carry_no_gps(client, item, session, settings, auth):
    gps_photo = Path(__file__).parent.parent / "fixtures" / "images" / "canon_hdr_NO.jpg"
    with Image.open(gps_photo) as original:
        assert original.getexif().get_ifd(0x8825), "the fixture must carry a GPS position"
    assert _upload(client, auth, "canon.jpg", gps_photo.read_bytes()).status_code == 201
    run_jobs(session, settings)
    media = client.get("/api/v1/items/VIL-2026-0001").json()["media"][0]
    served = [
        *media["urls"].values(),
        *media["webp_urls"].values(),
        media["iiif_service"] + "/full/max/0/default.jpg",
        media["iiif_service"] + "/0,0,256,256/256,/0/default.webp",
    ]
    for url in served:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Exif" not in response.content, url
        with Image.open(io.BytesIO(response.content)) as served_image:
            assert not served_image.getexif() and "exif" not in served_image.info, url
    assert client.get(f"/media/files/{media['sha256']}.jpg").status_code == 404


def test_a_file_one_byte_over_the_limit_is_a_413_saying_the_limit(client, item, settings, auth):
    response = _upload(client, auth | {"Accept-Language": "en"}, "big.jpg", b"\xff" * (MAX_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["detail"] == "The file is larger than the 0.3 MB this site accepts."
    assert list((settings.media_dir / "tmp").iterdir()) == []
