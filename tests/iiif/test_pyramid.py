"""Pyramids on disk: levels, tiles, atomic replacement, damage detected and repaired."""

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from app.iiif import pyramid
from app.iiif.pyramid import PyramidError
from tests.iiif.conftest import IMAGES, gradient

SHA = "ab" + "cd" * 31


@pytest.fixture
def original(tmp_path) -> Path:
    path = tmp_path / "photo.jpg"
    gradient(1200, 800).save(path, quality=92)
    return path


@pytest.fixture
def built(original, tmp_path):
    folder = tmp_path / "pyramid"
    return folder, pyramid.build_pyramid(original, folder)


def test_pyramid_dir_is_under_the_content_hash(tmp_path):
    assert pyramid.pyramid_dir(tmp_path, SHA) == tmp_path / "iiif" / "ab" / "cd" / SHA


def test_levels_halve_until_the_image_fits_in_one_viewer_tile(built):
    _folder, info = built
    assert (info.width, info.height, info.format, info.tile) == (1200, 800, "jpg", 512)
    assert [(level.scale, level.width, level.height) for level in info.levels] == [
        (1, 1200, 800),
        (2, 600, 400),
        (4, 300, 200),
        (8, 150, 100),
    ]


def test_every_tile_is_written_and_nothing_else_is_left_behind(built):
    folder, info = built
    assert sorted(path.name for path in (folder / "1").iterdir()) == [
        "0_0.jpg",
        "0_1.jpg",
        "1_0.jpg",
        "1_1.jpg",
        "2_0.jpg",
        "2_1.jpg",
    ]
    assert [path.name for path in (folder / "8").iterdir()] == ["0_0.jpg"]
    assert pyramid.read_info(folder) == info
    assert [path.name for path in folder.parent.iterdir()] == ["photo.jpg", "pyramid"]
    with Image.open(folder / "1" / "2_1.jpg") as tile:
        assert tile.size == (1200 - 1024, 800 - 512)


def test_levels_match_the_image_scaled_down(built, original):
    folder, info = built
    with Image.open(original) as full:
        for level in info.levels:
            area = pyramid.read_area(folder, info, level, (0, 0, level.width, level.height))
            expected = full.resize((level.width, level.height), Image.Resampling.BOX)
            assert _difference(area, expected) < 3, level


def test_an_area_across_tiles_is_stitched_exactly(built, original):
    folder, info = built
    area = pyramid.read_area(folder, info, info.levels[0], (400, 300, 1100, 700))
    with Image.open(original) as full:
        assert _difference(area, full.crop((400, 300, 1100, 700))) < 2


def test_lossless_originals_get_lossless_tiles(tmp_path):
    source = tmp_path / "plan.png"
    gradient(700, 300).save(source)
    info = pyramid.build_pyramid(source, tmp_path / "pyramid")
    assert info.format == "png"
    area = pyramid.read_area(tmp_path / "pyramid", info, info.levels[0], (0, 0, 700, 300))
    assert ImageChops.difference(area, Image.open(source).convert("RGB")).getbbox() is None


@pytest.mark.parametrize("name", ["landscape_3.jpg", "landscape_6.jpg", "landscape_8.jpg"])
def test_pyramids_are_upright(tmp_path, name):
    info = pyramid.build_pyramid(IMAGES / name, tmp_path / "pyramid")
    assert info.width > info.height


def test_a_new_build_replaces_the_old_pyramid_whole(built, original):
    folder, first = built
    (folder / "1" / "stale.jpg").write_bytes(b"old")
    second = pyramid.build_pyramid(original, folder)
    assert second.build != first.build
    assert not (folder / "1" / "stale.jpg").exists()
    assert [path.name for path in folder.parent.iterdir()] == ["photo.jpg", "pyramid"]


def test_an_unreadable_original_leaves_nothing_behind(tmp_path):
    source = tmp_path / "broken.jpg"
    source.write_bytes(b"\xff\xd8\xff not really a jpeg")
    with pytest.raises(ValueError, match="broken.jpg"):
        pyramid.build_pyramid(source, tmp_path / "pyramid")
    assert [path.name for path in tmp_path.iterdir()] == ["broken.jpg"]


def test_a_truncated_original_is_refused_clearly(original, tmp_path):
    source = tmp_path / "truncated.jpg"
    source.write_bytes(original.read_bytes()[:20_000])
    with pytest.raises(ValueError, match="truncated.jpg"):
        pyramid.build_pyramid(source, tmp_path / "pyramid")
    assert not (tmp_path / "pyramid").exists()


def test_a_pyramid_published_meanwhile_by_another_process_is_kept(original, tmp_path, monkeypatch):
    folder = tmp_path / "pyramid"
    theirs = pyramid.build_pyramid(original, tmp_path / "theirs")
    real_rename = os.rename

    def published_first(source, target):
        real_rename(tmp_path / "theirs", folder)  # the other process wins the race
        real_rename(source, target)

    monkeypatch.setattr(pyramid.os, "rename", published_first)
    pyramid.build_pyramid(original, folder)
    assert pyramid.read_info(folder).build == theirs.build
    assert sorted(path.name for path in tmp_path.iterdir()) == ["photo.jpg", "pyramid"]


def test_a_failed_publication_is_reported(original, tmp_path, monkeypatch):
    monkeypatch.setattr(pyramid.os, "rename", lambda source, target: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError, match="disk full"):
        pyramid.build_pyramid(original, tmp_path / "pyramid")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["photo.jpg"]


def test_ensure_builds_once_then_reads(original, tmp_path):
    first = pyramid.ensure_pyramid(tmp_path, original, SHA)
    assert pyramid.ensure_pyramid(tmp_path, original, SHA).build == first.build
    assert (pyramid.pyramid_dir(tmp_path, SHA) / "pyramid.json").exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"width": 3}',
        b'{"width": 1, "height": 1, "tile": 512, "format": "gif", "levels": [], "build": "x"}',
        b'{"width": 1, "height": 1, "tile": 0, "format": "jpg", "levels": [{"scale": 1, "width": 1, "height": 1}], '
        b'"build": "x"}',
        b'{"width": "1", "height": 1, "tile": 512, "format": "jpg", "levels": [{"scale": 1, "width": 1, "height": 1}], '
        b'"build": "x"}',
        b'{"width": 1, "height": 1, "tile": 512, "format": "jpg", "levels": [{"scale": 1}], "build": "x"}',
    ],
)
def test_a_damaged_description_is_detected_and_rebuilt(original, tmp_path, damage):
    first = pyramid.ensure_pyramid(tmp_path, original, SHA)
    (pyramid.pyramid_dir(tmp_path, SHA) / "pyramid.json").write_bytes(damage)
    with pytest.raises(PyramidError):
        pyramid.read_info(pyramid.pyramid_dir(tmp_path, SHA))
    again = pyramid.ensure_pyramid(tmp_path, original, SHA)
    assert again.build != first.build and (again.width, again.height) == (1200, 800)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "missing", "wrong size"])
def test_damaged_tiles_are_detected(built, damage):
    folder, info = built
    tile = folder / "1" / "0_0.jpg"
    if damage == "truncated":
        tile.write_bytes(tile.read_bytes()[:2000])
    elif damage == "garbage":
        tile.write_bytes(b"\x00" * 5000)
    elif damage == "missing":
        tile.unlink()
    else:
        Image.new("RGB", (10, 10)).save(tile)
    with pytest.raises(PyramidError, match="0_0.jpg"):
        pyramid.read_area(folder, info, info.levels[0], (0, 0, 100, 100))


def test_a_rebuild_is_skipped_when_another_request_already_rebuilt(original, tmp_path):
    first = pyramid.ensure_pyramid(tmp_path, original, SHA)
    second = pyramid.rebuild_pyramid(tmp_path, original, SHA, damaged=first.build)
    assert second.build != first.build
    assert pyramid.rebuild_pyramid(tmp_path, original, SHA, damaged=first.build).build == second.build


def test_simultaneous_first_requests_build_once(original, tmp_path, monkeypatch):
    builds = []
    real_build = pyramid.build_pyramid
    monkeypatch.setattr(pyramid, "build_pyramid", lambda *args: builds.append(args) or real_build(*args))
    with ThreadPoolExecutor(max_workers=8) as pool:
        infos = list(pool.map(lambda _: pyramid.ensure_pyramid(tmp_path, original, SHA), range(8)))
    assert len(builds) == 1 and len({info.build for info in infos}) == 1


def test_the_description_is_small_json(built):
    folder, _info = built
    data = json.loads((folder / "pyramid.json").read_text())
    assert set(data) == {"width", "height", "tile", "format", "levels", "build"}


def _difference(one: Image.Image, other: Image.Image) -> float:
    return max(ImageStat.Stat(ImageChops.difference(one.convert("RGB"), other.convert("RGB"))).mean)
