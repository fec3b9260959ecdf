"""The shipped demo files: present, small, licensed, and self-contained."""

import csv
import json
import tomllib

import pytest
from PIL import Image

from app.config import ROOT

DEMO = ROOT / "collections" / "demo"


def _rows(name: str) -> list[dict]:
    path = DEMO / name
    with path.open(encoding="utf-8", newline="") as f:
        if path.suffix == ".csv":
            return list(csv.DictReader(f))
        return [json.loads(line) for line in f]


def _manifest_files() -> list[str]:
    return tomllib.loads((DEMO / "manifest.toml").read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize(
    "needle",
    [
        "base Mérimée",
        "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "tategallery/collection",
        "CC0 1.0",
        "From farms to freeways",
        "CC BY 3.0 AU",
        "Chambers, Deborah; Liston, Carol; Wieneke, Christine (2015), Western Sydney\n  University",
    ],
)
def test_licences_file_names_each_source(needle):
    assert needle in (DEMO / "LICENSES.md").read_text(encoding="utf-8")


def test_every_referenced_file_is_in_the_demo_folder():
    for name in _manifest_files():
        for row in _rows(name):
            paths = row.get("media") or []
            paths = paths.split("|") if isinstance(paths, str) else paths
            paths += [row["transcript"]] if row.get("transcript") else []
            assert all((DEMO / p).is_file() for p in paths if p), row["identifier"]


def test_images_are_downscaled_and_small():
    images = sorted((DEMO / "images").glob("*.jpg"))
    assert len(images) == 3
    assert sum(p.stat().st_size for p in images) < 2_000_000
    for path in images:
        with Image.open(path) as image:
            assert max(image.size) <= 1600


def test_transcript_is_copied_unchanged_with_its_crlf_line_endings():
    data = (DEMO / "transcripts" / "WATSON_19AUG91.txt").read_bytes()
    assert data.count(b"\r\n") > 400
    assert b"0.30\tMy name is Audrey Watson" in data
