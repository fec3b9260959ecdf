"""External probe of media access: URLs of unpublished images guessed directly, withdrawal, IIIF abuse.

Every file of an image (each derivative size and format, IIIF base/info/tiles/sizes, the manifest,
the original) answers 404 to visitors while no published item uses it, and is served to staff; a
withdrawal stops them at once; rotations other than quarter turns are a 400; the render budget's
refusal is a 429 problem detail, never a 500.
"""

import pytest
from PIL import Image

from app.iiif.budget import RenderBudget
from app.item.kinds import DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN
from app.media import service as media_service
from app.media.derivatives import derivative_path
from tests.factories import login, make_item, make_user

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def _attach(session, settings, tmp_path, status):
    path = tmp_path / f"probe-{status}.jpg"
    Image.new("RGB", (700, 500), (120, 80, 40)).save(path, "JPEG", quality=85)
    item = make_item(session, status=status)
    media = media_service.attach(session, item, path, settings, background=False, rights=CC_BY)
    session.flush()
    return item, media


def _urls(item, media) -> list[str]:
    sha = media.sha256
    derivatives = [
        f"/media/{derivative_path(sha, size, fmt)}" for size in ("thumb", "medium", "large") for fmt in ("jpg", "webp")
    ]
    iiif = [
        f"/iiif/3/{sha}",
        f"/iiif/3/{sha}/info.json",
        f"/iiif/3/{sha}/0,0,256,256/256,/0/default.jpg",
        f"/iiif/3/{sha}/full/max/0/default.jpg",
        f"/iiif/3/{sha}/full/175,/90/gray.png",
    ]
    return [*derivatives, *iiif, f"/iiif/manifest/{item.identifier}", f"/media/files/{sha}.jpg"]


@pytest.mark.parametrize("status", [DRAFT, IN_REVIEW, WITHDRAWN])
def test_unpublished_media_urls_are_404_to_visitors_and_served_to_staff(
    client, session, settings, tmp_path, figures, status
):
    item, media = _attach(session, settings, tmp_path, status)
    urls = _urls(item, media)
    for url in urls:
        response = client.get(url, follow_redirects=False)
        assert response.status_code == 404, url
    login(client, make_user(session, role="curator"))
    for url in urls:
        response = client.get(url, follow_redirects=False)
        assert response.status_code in (200, 303), url
        if response.status_code == 200:
            assert response.headers["cache-control"] == "private, no-store", url
    figures.append(f"media probe ({status}): {len(urls)} guessed URLs, 404 to visitors, served to staff")


def test_contributors_are_visitors_for_unpublished_media(client, session, settings, tmp_path):
    item, media = _attach(session, settings, tmp_path, DRAFT)
    login(client, make_user(session, role="contributor"))
    assert {client.get(url, follow_redirects=False).status_code for url in _urls(item, media)} == {404}


def test_a_withdrawal_stops_every_url_at_once(client, session, settings, tmp_path):
    item, media = _attach(session, settings, tmp_path, PUBLISHED)
    urls = _urls(item, media)
    for url in urls:
        response = client.get(url, follow_redirects=False)
        assert response.status_code in (200, 303), url
        assert "immutable" not in response.headers.get("cache-control", ""), url
    item.status = WITHDRAWN
    session.commit()
    assert [url for url in urls if client.get(url, follow_redirects=False).status_code != 404] == []


def test_a_file_shared_with_a_published_item_stays_public(client, session, settings, tmp_path):
    _draft, media = _attach(session, settings, tmp_path, DRAFT)
    published, _same = _attach(session, settings, tmp_path, PUBLISHED)
    assert _same.sha256 == media.sha256
    assert client.get(f"/media/{derivative_path(media.sha256, 'thumb')}").status_code == 200
    published.status = WITHDRAWN
    session.commit()
    assert client.get(f"/media/{derivative_path(media.sha256, 'thumb')}").status_code == 404


@pytest.mark.parametrize("rotation", ["1", "45", "22.5", "!123.456", "359.9"])
def test_rotation_abuse_is_a_400(client, session, settings, tmp_path, rotation):
    _item, media = _attach(session, settings, tmp_path, PUBLISHED)
    response = client.get(f"/iiif/3/{media.sha256}/full/^!8192,8192/{rotation}/default.png")
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"


def test_the_render_budget_refusal_is_a_429_problem(app, client, session, settings, tmp_path):
    _item, media = _attach(session, settings, tmp_path, PUBLISHED)
    app.state.render_budget = RenderBudget(at_once=2, burst=1e-6, rate=1e-6)
    first = client.get(f"/iiif/3/{media.sha256}/full/333,/0/default.png")
    assert first.status_code == 200
    refused = client.get(f"/iiif/3/{media.sha256}/full/334,/0/default.png")
    assert refused.status_code == 429 and refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1 and refused.json()["detail"]
    assert refused.headers["access-control-allow-origin"] == "*"
    # What is already cached costs nothing: the listed sizes come from the cache once drawn.
    assert client.get(f"/iiif/3/{media.sha256}/info.json").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/derivatives/../../secret_key",
        "/media/derivatives/ab/cd/x/thumb.jpg",
        "/media/derivatives/00/00/" + "0" * 64 + "/thumb.jpg",
        "/media/derivatives/00/00/" + "0" * 64 + "/original.jpg",
    ],
)
def test_malformed_or_unknown_derivative_paths_are_404(client, path):
    assert client.get(path).status_code == 404
