"""IIIF level 0 for the copy's zoom viewer: each image's tiles written as files, named as OpenSeadragon asks
for them, and its info.json given inline (a page opened from file:// may not fetch one).

The app serves the Image API at level 2 (any region, any size); a static copy can only hold the requests a
viewer will make. OpenSeadragon 6 tiles a level 0 service when it announces `sizeByWh`, and asks for region
`x,y,w,h` at size `w,h` (`max` for the whole image), on the grid of `tiles` and `scaleFactors`: the grid below
is the one it computes (openseadragon.js, IIIFTileSource.getTileUrl).
"""

import json
import math
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from app.sitecopy.paths import relative

CONTEXT = "http://iiif.io/api/image/3/context.json"


class Tiles:
    """The level 0 tiles of the copy's images under `dest`, each image cut once."""

    def __init__(self, client: TestClient, dest: Path) -> None:
        self.client = client
        self.dest = dest
        self.infos: dict[str, dict | None] = {}

    def inline_info(self, path: str, page_file: str) -> str | None:
        """The info.json of the image service at `path`, with its id relative to `page_file`; None if unavailable."""
        parts = path.strip("/").split("/")
        if len(parts) != 4 or parts[:2] != ["iiif", "3"] or parts[3] != "info.json":
            return None
        if parts[2] not in self.infos:
            self.infos[parts[2]] = self._cut(parts[2])
        info = self.infos[parts[2]]
        if info is None:
            return None
        return json.dumps(info | {"id": relative(page_file, f"iiif/3/{parts[2]}")}, separators=(",", ":"))

    def _cut(self, identifier: str) -> dict | None:
        response = self.client.get(f"/iiif/3/{identifier}/info.json")
        if response.status_code != 200:
            return None
        source = response.json()
        width, height = source["width"], source["height"]
        tile = source["tiles"][0]
        for region, size in grid(width, height, tile["width"], tile["scaleFactors"]):
            if not self._write(identifier, region, size):
                return None
        return level0(width, height, tile)

    def _write(self, identifier: str, region: str, size: str) -> bool:
        name = f"iiif/3/{identifier}/{region}/{size}/0/default.jpg"
        target = self.dest / name
        if target.exists():
            return True
        response = self.client.get(f"/{name}")
        if response.status_code != 200:
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.content)
        return True


def level0(width: int, height: int, tile: dict) -> dict:
    """The copy's info.json (without its id): a level 0 service over the tiles written."""
    return {
        "@context": CONTEXT,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "tiles": [{"width": tile["width"], "scaleFactors": tile["scaleFactors"]}],
        "extraFeatures": ["sizeByWh"],
    }


def grid(width: int, height: int, side: int, scale_factors: list[int]) -> Iterator[tuple[str, str]]:
    """(region, size) of every tile OpenSeadragon may request, at each scale factor."""
    for factor in scale_factors:
        level_w, level_h = math.ceil(width / factor), math.ceil(height / factor)
        if level_w < side and level_h < side:
            yield "full", "max" if factor == 1 else f"{level_w},{level_h}"
            continue
        span = side * factor
        for row in range(math.ceil(level_h / side)):
            for column in range(math.ceil(level_w / side)):
                yield _tile(width, height, side, span, column, row, level_w, level_h)


def _tile(width, height, side, span, column, row, level_w, level_h) -> tuple[str, str]:
    x, y = column * span, row * span
    w, h = min(span, width - x), min(span, height - y)
    whole = x == 0 and y == 0 and w == width and h == height
    size_w, size_h = min(side, level_w - column * side), min(side, level_h - row * side)
    size = "max" if size_w == width and size_h == height else f"{size_w},{size_h}"
    return ("full" if whole else f"{x},{y},{w},{h}"), size
