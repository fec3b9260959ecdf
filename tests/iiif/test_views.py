"""The IIIF image service over HTTP: information, images, errors, caching headers and the disk cache."""

import io
import math

import pytest
from PIL import Image, ImageChops, ImageStat

from app.iiif import pyramid, render
from app.item.kinds import PUBLISHED
from app.item.models import Item
from tests.iiif.conftest import IMAGES

JSON_LD = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
UNKNOWN = "0" * 64


def url(media, rest: str = "") -> str:
    return f"/iiif/3/{media.sha256 if hasattr(media, 'sha256') else media}" + (f"/{rest}" if rest else "")


def opened(response) -> Image.Image:
    assert response.status_code == 200, response.text
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


def difference(one: Image.Image, other: Image.Image) -> float:
    return max(ImageStat.Stat(ImageChops.difference(one.convert("RGB"), other.convert("RGB"))).mean)


def test_base_uri_redirects_to_the_information(client, photo):
    response = client.get(url(photo), follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"http://testserver{url(photo, 'info.json')}"
    assert response.headers["access-control-allow-origin"] == "*"


def test_information_describes_the_image_its_tiles_and_sizes(client, photo):
    response = client.get(url(photo, "info.json"))
    assert response.status_code == 200
    info = response.json()
    assert list(info)[0] == "@context" and info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"http://testserver{url(photo)}"
    assert (info["type"], info["protocol"], info["profile"]) == ("ImageService3", "http://iiif.io/api/image", "level2")
    assert (info["width"], info["height"]) == (1200, 800)
    assert info["tiles"] == [{"width": 256, "scaleFactors": [1, 2, 4, 8]}]
    assert info["sizes"] == [{"width": w, "height": h} for w, h in [(150, 100), (300, 200), (600, 400), (1200, 800)]]
    assert info["maxArea"] == 4096 * 4096 and info["maxWidth"] == info["maxHeight"] == 8192
    assert set(info["extraFormats"]) == {"png", "webp"}
    assert {"mirroring", "sizeUpscaling"} <= set(info["extraFeatures"])
    assert "rotationArbitrary" not in info["extraFeatures"]  # quarter turns only: other angles are a 400
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/ld+json", JSON_LD),
        ('application/ld+json;profile="http://iiif.io/api/image/3/context.json"', JSON_LD),
        ("application/json", "application/json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "application/json"),
    ],
)
def test_information_is_json_ld_when_asked_for(client, photo, accept, content_type):
    response = client.get(url(photo, "info.json"), headers={"Accept": accept})
    assert response.headers["content-type"] == content_type
    assert "Accept" in response.headers["vary"]


def test_information_of_a_large_image_lists_only_sizes_within_the_limits(client, attach, tmp_path):
    path = tmp_path / "wide.png"
    Image.new("RGB", (9000, 300), "navy").save(path)
    info = client.get(url(attach(path), "info.json")).json()
    assert info["sizes"][-1] == {"width": 4500, "height": 150}
    assert info["tiles"][0]["scaleFactors"] == [1, 2, 4, 8, 16, 32, 64]


def test_information_uses_the_public_address_when_set(client, settings, photo):
    settings.public_base_url = "https://villerupt.example/"
    assert client.get(url(photo, "info.json")).json()["id"] == f"https://villerupt.example{url(photo)}"


@pytest.mark.parametrize("rest", ["", "info.json", "full/max/0/default.jpg"])
def test_images_of_unpublished_items_are_not_found(client, draft_photo, rest):
    response = client.get(url(draft_photo, rest), follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["content-type"] == "application/problem+json"


def test_an_image_becomes_available_when_its_item_is_published(client, session, draft_photo):
    assert client.get(url(draft_photo, "info.json")).status_code == 404
    item = session.get(Item, draft_photo.item_id)
    item.status = PUBLISHED
    session.flush()
    assert client.get(url(draft_photo, "info.json")).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        f"/iiif/3/{UNKNOWN}",
        f"/iiif/3/{UNKNOWN}/info.json",
        f"/iiif/3/{UNKNOWN}/full/max/0/default.jpg",
        "/iiif/3/not-a-hash/info.json",
        "/iiif/3/a/b/full/max/0/default.jpg",
        "/iiif/3/[frob]/full/max/0/default.jpg",
        "/iiif/3/",
        "/iiif/3/x/y",
    ],
)
def test_unknown_identifiers_and_addresses_are_not_found(client, path):
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 404
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("rest", "status"),
    [
        ("nowhere/max/0/default.jpg", 400),
        ("full/huge/0/default.jpg", 400),
        ("full/max/45deg/default.jpg", 400),
        ("full/max/0/sepia.jpg", 400),
        ("full/max/0/default.bmp", 400),
        ("full/max/0/default.tif", 501),
        ("1200,0,10,10/max/0/default.jpg", 400),
        ("full/1201,/0/default.jpg", 400),
        ("full/^9000,/0/default.jpg", 400),
        ("full/^pct:1000/0/default.jpg", 400),
        ("full/^5000,5000/0/default.png", 400),
    ],
)
def test_bad_requests_are_refused_with_a_readable_problem(client, photo, rest, status):
    response = client.get(url(photo, rest))
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.json()["status"] == status and response.json()["detail"]


@pytest.mark.parametrize(
    ("rest", "size", "media_type", "image_format"),
    [
        ("full/max/0/default.jpg", (1200, 800), "image/jpeg", "JPEG"),
        ("full/600,/0/color.png", (600, 400), "image/png", "PNG"),
        ("full/!100,100/0/gray.webp", (100, 67), "image/webp", "WEBP"),
        ("square/^max/90/bitonal.png", (4096, 4096), "image/png", "PNG"),
        ("0,0,600,300/pct:50/!180/default.jpg", (300, 150), "image/jpeg", "JPEG"),
        ("full/300,/270/default.png", (200, 300), "image/png", "PNG"),
    ],
)
def test_images_come_in_the_requested_size_and_format(client, photo, rest, size, media_type, image_format):
    response = client.get(url(photo, rest))
    image = opened(response)
    assert (image.size, image.format, response.headers["content-type"]) == (size, image_format, media_type)


def test_qualities_give_colour_gray_and_black_and_white(client, photo):
    assert opened(client.get(url(photo, "full/300,/0/color.jpg"))).mode == "RGB"
    assert opened(client.get(url(photo, "full/300,/0/gray.jpg"))).mode == "L"
    bitonal = opened(client.get(url(photo, "full/300,/0/bitonal.png")))
    assert bitonal.mode == "1" and {colour for _count, colour in bitonal.convert("L").getcolors()} == {0, 255}


@pytest.mark.parametrize("rotation", ["45", "22.5", "!359", "0.5"])
def test_rotations_other_than_quarter_turns_are_refused(client, photo, rotation):
    response = client.get(url(photo, f"full/^!8192,8192/{rotation}/default.png"))
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"
    assert "90" in response.json()["detail"]


def test_mirroring_and_rotation_move_the_corners(client, photo):
    plain = opened(client.get(url(photo, "full/300,/0/default.png")))
    mirrored = opened(client.get(url(photo, "full/300,/!0/default.png")))
    turned = opened(client.get(url(photo, "full/300,/90/default.png")))
    assert difference(mirrored, plain.transpose(Image.Transpose.FLIP_LEFT_RIGHT)) < 1
    assert difference(turned, plain.transpose(Image.Transpose.ROTATE_270)) < 1


@pytest.mark.parametrize(
    ("scale", "column", "row"), [(1, 0, 0), (1, 2, 1), (1, 4, 3), (2, 1, 0), (2, 2, 1), (4, 1, 0), (8, 0, 0)]
)
def test_tiles_equal_the_same_part_of_the_full_image(client, photo, settings, scale, column, row):
    span = 256 * scale
    x, y = column * span, row * span
    w, h = min(span, 1200 - x), min(span, 800 - y)
    size = math.ceil(w / scale), math.ceil(h / scale)
    tile = opened(client.get(url(photo, f"{x},{y},{w},{h}/{size[0]},/0/default.png")))
    assert tile.size == size
    with Image.open(settings.media_dir / photo.original_path) as full:
        # The pyramid's levels are 2x2 averages (Image.reduce), so the reference is box-filtered too.
        expected = full.crop((x, y, x + w, y + h)).resize(size, Image.Resampling.BOX)
    assert difference(tile, expected) < 2  # JPEG tiles: not bit for bit, within 2 levels in 255 on average


@pytest.mark.parametrize("name", ["landscape_3.jpg", "landscape_6.jpg", "landscape_8.jpg"])
def test_orientation_samples_come_out_upright(client, attach, name):
    media = attach(IMAGES / name)
    info = client.get(url(media, "info.json")).json()
    assert info["width"] > info["height"]
    reference = opened(client.get(url(attach(IMAGES / "landscape_3.jpg"), "full/200,150/0/gray.png")))
    image = opened(client.get(url(media, "full/200,150/0/gray.png")))
    assert difference(image, reference) < 12 < difference(image, reference.rotate(180))


def test_portrait_sample_comes_out_portrait_and_regions_count_in_upright_pixels(client, attach):
    media = attach(IMAGES / "portrait_6.jpg")
    info = client.get(url(media, "info.json")).json()
    assert info["height"] > info["width"]
    region = opened(client.get(url(media, f"0,0,{info['width']},{info['width']}/max/0/default.jpg")))
    assert region.size == (info["width"], info["width"])


@pytest.mark.parametrize("quality_format", ["default.jpg", "default.png", "default.webp", "gray.jpg", "bitonal.png"])
def test_outputs_carry_no_exif_xmp_gps_or_profile(client, attach, quality_format):
    media = attach(IMAGES / "canon_hdr_NO.jpg")
    response = client.get(url(media, f"full/max/0/{quality_format}"))
    image = opened(response)
    assert not image.getexif()
    assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info)
    assert b"Exif" not in response.content and b"GPS" not in response.content and b"adobe:ns" not in response.content


def test_images_carry_cors_a_strong_etag_and_short_caching(client, photo):
    response = client.get(url(photo, "0,0,256,256/256,/0/default.jpg"))
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    # Not immutable: a withdrawn item's images must stop being served; after 5 minutes, the ETag revalidates.
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("header", ["{etag}", "W/{etag}", '"other", {etag}', "*"])
def test_a_known_etag_gives_304_without_a_body(client, photo, header):
    first = client.get(url(photo, "full/300,/0/default.jpg"))
    response = client.get(
        url(photo, "full/300,/0/default.jpg"), headers={"If-None-Match": header.format(etag=first.headers["etag"])}
    )
    assert response.status_code == 304 and response.content == b""
    assert response.headers["etag"] == first.headers["etag"]
    assert response.headers["cache-control"] == first.headers["cache-control"]
    assert response.headers["access-control-allow-origin"] == "*"


def test_another_etag_gives_the_image(client, photo):
    response = client.get(url(photo, "full/300,/0/default.jpg"), headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200 and response.content


def test_etags_follow_the_normalised_request(client, photo):
    def tag(rest):
        return client.get(url(photo, rest)).headers["etag"]

    assert (
        tag("full/max/0/default.jpg")
        == tag("0,0,1200,800/1200,800/0/color.jpg")
        == tag("pct:0,0,100,100/max/360/default.jpg")
    )
    assert (
        len(
            {
                tag("full/max/0/default.jpg"),
                tag("full/max/0/default.png"),
                tag("full/max/!0/default.jpg"),
                tag("full/max/0/gray.jpg"),
                tag("full/1199,/0/default.jpg"),
            }
        )
        == 5
    )


def test_the_same_request_always_gives_the_same_bytes(client, photo):
    first = client.get(url(photo, "10,10,500,300/250,/0/default.jpg"))
    second = client.get(url(photo, "10,10,500,300/250,/0/default.jpg"))
    assert first.content == second.content and first.headers["etag"] == second.headers["etag"]


def test_grid_tiles_and_listed_sizes_are_kept_on_disk_and_served_from_there(client, photo, settings, monkeypatch):
    cache = settings.media_dir / "iiif-cache" / photo.sha256[:2] / photo.sha256[2:4] / photo.sha256
    first = client.get(url(photo, "512,512,512,288/256,/0/default.jpg"))
    client.get(url(photo, "full/150,100/0/default.jpg"))
    client.get(url(photo, "10,10,500,300/250,/0/default.jpg"))  # not a tile: rendered, not kept
    assert len(list(cache.iterdir())) == 2
    monkeypatch.setattr(render, "render", lambda *args: pytest.fail("rendered again"))
    again = client.get(url(photo, "512,512,512,288/256,/0/default.jpg"))
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]


def test_tiles_do_not_open_the_original_once_the_pyramid_exists(client, photo, settings, monkeypatch):
    assert client.get(url(photo, "info.json")).status_code == 200  # builds the pyramid
    opened_paths = []
    real_open = Image.open

    def spy(source, *args, **kwargs):
        opened_paths.append(str(source))
        return real_open(source, *args, **kwargs)

    monkeypatch.setattr(Image, "open", spy)
    for rest in ["0,0,256,256/256,/0/default.jpg", "256,0,256,256/256,/0/default.jpg", "0,0,1024,800/256,/0/gray.png"]:
        assert client.get(url(photo, rest)).status_code == 200
    original = str(settings.media_dir / photo.original_path)
    assert opened_paths and original not in opened_paths
    assert all("/iiif/" in path for path in opened_paths)


def test_a_damaged_tile_is_rebuilt_and_the_request_answered(client, photo, settings):
    before = client.get(url(photo, "info.json")).json()
    folder = pyramid.pyramid_dir(settings.media_dir, photo.sha256)
    build = pyramid.read_info(folder).build
    tile = folder / "1" / "0_0.jpg"
    tile.write_bytes(tile.read_bytes()[:100])
    image = opened(client.get(url(photo, "0,0,256,256/256,/0/default.jpg")))
    assert image.size == (256, 256)
    assert pyramid.read_info(folder).build != build
    assert client.get(url(photo, "info.json")).json() == before


def test_a_damaged_description_is_rebuilt(client, photo, settings):
    client.get(url(photo, "info.json"))
    folder = pyramid.pyramid_dir(settings.media_dir, photo.sha256)
    (folder / "pyramid.json").write_text("{")
    assert client.get(url(photo, "info.json")).json()["width"] == 1200
    assert opened(client.get(url(photo, "full/max/0/default.jpg"))).size == (1200, 800)


def test_an_unreadable_original_with_a_damaged_pyramid_gives_a_clear_error(client, photo, settings):
    client.get(url(photo, "info.json"))
    folder = pyramid.pyramid_dir(settings.media_dir, photo.sha256)
    (folder / "1" / "0_0.jpg").write_bytes(b"")
    (settings.media_dir / photo.original_path).write_bytes(b"damaged")
    response = client.get(url(photo, "0,0,256,256/256,/0/default.jpg"))
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["access-control-allow-origin"] == "*"
    assert "Traceback" not in response.text and response.json()["detail"]


def test_a_missing_original_without_a_pyramid_gives_a_clear_error(client, photo, settings):
    (settings.media_dir / photo.original_path).unlink()
    response = client.get(url(photo, "info.json"))
    assert response.status_code == 500 and response.json()["detail"]
    assert response.headers["access-control-allow-origin"] == "*"


def test_cors_preflight_is_answered(client, photo):
    response = client.options(
        url(photo, "full/max/0/default.jpg"),
        headers={"Origin": "https://viewer.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
