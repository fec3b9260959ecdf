"""IIIF request parameters: what each form of region, size, rotation, quality and format resolves to."""

import pytest

from app.iiif import image_request
from app.iiif.image_request import MAX_AREA, RequestError


def resolved(region="full", size="max", rotation="0", quality_format="default.jpg", width=6000, height=4000):
    return image_request.resolve(image_request.parse(region, size, rotation, quality_format), width, height)


def refused(**parts) -> int:
    with pytest.raises(RequestError) as caught:
        resolved(**parts)
    assert caught.value.detail
    return caught.value.status


@pytest.mark.parametrize(
    ("region", "box"),
    [
        ("full", (0, 0, 6000, 4000)),
        ("square", (1000, 0, 4000, 4000)),
        ("0,0,256,256", (0, 0, 256, 256)),
        ("5888,3840,512,512", (5888, 3840, 112, 160)),  # cut at the image's edges
        ("125,15,120,140", (125, 15, 120, 140)),
        ("pct:10,25,50,50", (600, 1000, 3000, 2000)),
        ("pct:41.6,7.5,40,70", (2496, 300, 2400, 2800)),
        ("pct:0,0,100,100", (0, 0, 6000, 4000)),
        ("pct:50,50,80,80", (3000, 2000, 3000, 2000)),
    ],
)
def test_regions_resolve_to_pixels_of_the_image(region, box):
    assert resolved(region=region, size="max").region == box


def test_square_region_of_a_portrait_image_is_centred():
    assert resolved(region="square", width=300, height=500).region == (0, 100, 300, 300)


@pytest.mark.parametrize(
    "region",
    [
        "",
        "Full",
        "squares",
        "0,0,10",
        "0,0,10,10,10",
        "-1,0,10,10",
        "0,0,10.5,10",
        "0, 0,10,10",
        "pct:",
        "pct:1,2,3",
        "pct:-1,0,10,10",
        "pct:1e2,0,10,10",
        "pct:+1,0,10,10",
        "1234567890,0,1,1",
        "6000,0,10,10",
        "0,4000,10,10",
        "0,0,0,10",
        "0,0,10,0",
        "pct:100,0,10,10",
        "pct:0,0,0,10",
        "pct:0,0,0.001,10",
    ],
)
def test_bad_or_out_of_bounds_regions_are_refused_with_400(region):
    assert refused(region=region) == 400


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ("max", (5016, 3344)),  # 24 Mpx is more than the 16 Mpx allowed: the largest size within it
        ("^max", (5016, 3344)),
        ("600,", (600, 400)),
        (",400", (600, 400)),
        ("pct:10", (600, 400)),
        ("pct:2.5", (150, 100)),
        ("600,600", (600, 600)),  # distorted, as asked
        ("!600,600", (600, 400)),
        ("!225,100", (150, 100)),
        ("^!600,600", (600, 400)),
        ("!99999,99999", (5016, 3344)),  # confined by the service's limits too
        ("^!99999,99999", (5016, 3344)),
    ],
)
def test_sizes_of_a_large_image(size, expected):
    assert resolved(size=size).size == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ("max", (300, 200)),
        ("^max", (5016, 3344)),
        ("^600,", (600, 400)),
        ("^,400", (600, 400)),
        ("^pct:200", (600, 400)),
        ("^600,100", (600, 100)),
        ("^!600,600", (600, 400)),
        ("!300,300", (300, 200)),
        ("!299,300", (299, 199)),
    ],
)
def test_sizes_of_a_small_image_enlarge_only_with_a_caret(size, expected):
    assert resolved(size=size, width=300, height=200).size == expected


@pytest.mark.parametrize("size", ["301,", ",201", "pct:101", "301,200", "300,201", "!600,600"])
def test_enlarging_without_a_caret_is_refused_with_400(size):
    assert refused(size=size, width=300, height=200) == 400


@pytest.mark.parametrize(
    "size",
    [
        "",
        "full",
        "MAX",
        ",",
        "!600,",
        "!,600",
        "^",
        "^^max",
        "pct:",
        "pct:-5",
        "pct:1e3",
        "600,,",
        "w,h",
        "0,",
        ",0",
        "pct:0",
        "0,10",
        "!0,10",
        "^0,",
        "pct:0.001",
    ],
)
def test_bad_or_empty_sizes_are_refused_with_400(size):
    assert refused(size=size) == 400


@pytest.mark.parametrize("size", ["^8193,", "^,8193", "^5000,5000", "^pct:1000", "^max,", "^99999999,"])
def test_sizes_beyond_the_limits_are_refused_with_400(size):
    assert refused(size=size) == 400


def test_largest_upscaled_sizes_stay_within_the_maximum_area():
    width, height = resolved(size="^max", width=1000, height=1).size
    assert (width, height) == (8192, 8) and width * height <= MAX_AREA
    width, height = resolved(size="^max", width=1000, height=1000).size
    assert (width, height) == (4096, 4096)


@pytest.mark.parametrize(
    ("rotation", "mirror", "degrees"),
    [
        ("0", False, 0),
        ("90", False, 90),
        ("180", False, 180),
        ("270", False, 270),
        ("360", False, 0),
        ("!0", True, 0),
        ("!90", True, 90),
        ("90.0", False, 90),
        ("!270", True, 270),
    ],
)
def test_rotations(rotation, mirror, degrees):
    request = resolved(rotation=rotation)
    assert (request.mirror, request.rotation) == (mirror, degrees)


@pytest.mark.parametrize(
    "rotation",
    [
        "",
        "-90",
        "361",
        "!!90",
        "90!",
        "+90",
        "1e2",
        "ninety",
        "9999999999",
        # Level 2 asks for quarter turns only; other angles are not offered.
        "22.5",
        "!345",
        "0.9",
        "45",
        "359.999999999",
        "90.000000001",
    ],
)
def test_bad_rotations_are_refused_with_400(rotation):
    assert refused(rotation=rotation) == 400


@pytest.mark.parametrize("quality_format", ["default.jpg", "color.png", "gray.webp", "bitonal.jpg"])
def test_qualities_and_formats(quality_format):
    request = resolved(quality_format=quality_format)
    assert f"{request.quality}.{request.format}" == quality_format


@pytest.mark.parametrize(
    ("quality_format", "status"),
    [
        ("default", 400),
        ("default.", 400),
        (".jpg", 400),
        ("grey.jpg", 400),
        ("native.jpg", 400),
        ("default.jpeg", 400),
        ("default.JPG", 400),
        ("default.exe", 400),
        ("default.jpg.png", 400),
        ("default.tif", 501),
        ("default.gif", 501),
        ("default.jp2", 501),
        ("default.pdf", 501),
    ],
)
def test_bad_qualities_and_formats(quality_format, status):
    assert refused(quality_format=quality_format) == status


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("full", "max", "0", "default.jpg"), ("0,0,300,200", "300,200", "0", "color.jpg")),
        (("full", "max", "0", "default.jpg"), ("pct:0,0,100,100", "pct:100", "360", "default.jpg")),
        (("square", "!100,100", "!90", "gray.png"), ("50,0,200,200", "100,", "!90.0", "gray.png")),
    ],
)
def test_equivalent_requests_share_one_normalised_key(first, second):
    assert resolved(*first, width=300, height=200).key == resolved(*second, width=300, height=200).key


def test_different_requests_have_different_keys():
    keys = {
        resolved(*parts, width=300, height=200).key
        for parts in [
            ("full", "max", "0", "default.jpg"),
            ("full", "max", "0", "default.png"),
            ("full", "max", "!0", "default.jpg"),
            ("full", "max", "0", "gray.jpg"),
            ("full", "299,", "0", "default.jpg"),
            ("0,0,299,200", "max", "0", "default.jpg"),
        ]
    }
    assert len(keys) == 6
