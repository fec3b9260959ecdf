"""The exported copy as files: every link resolves inside it, nothing a visitor may not see is in it."""

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from app.cli import main
from app.sitecopy.iiif import grid
from tests.sitecopy.conftest import HIDDEN

LINKS = ("href", "src", "poster", "action")


def _links(page: Path) -> list[str]:
    doc = lxml.html.fromstring(page.read_bytes())
    found = []
    for element in doc.iter(etree.Element):
        found += [element.get(name) for name in LINKS if element.get(name)]
        srcset = element.get("srcset")
        if srcset:
            found += [candidate.split()[0] for candidate in srcset.split(",")]
    return found


def _pages(root: Path) -> list[Path]:
    return [page for page in root.rglob("*.html") if "pagefind" not in page.relative_to(root).parts]


def test_every_internal_link_and_image_resolves_to_a_file_of_the_copy(site, figures):
    checked, broken = 0, []
    for page in _pages(site.root):
        for link in _links(page):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            checked += 1
            if not (page.parent / unquote(parts.path)).is_file():
                broken.append(f"{page.relative_to(site.root)} -> {link}")
    figures.append(f"static copy: {checked} internal links checked over {len(_pages(site.root))} pages")
    assert checked > 10_000
    assert broken == []


def test_links_are_relative_and_no_page_points_back_to_the_server(site):
    for page in _pages(site.root):
        for link in _links(page):
            assert not link.startswith("/"), f"{page}: {link}"
            assert "testserver" not in urlsplit(link).netloc, f"{page}: {link}"


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "items/index.html",
        "items/index-page-2.html",
        "items/PA00106443/index.html",
        "collections/index.html",
        "exhibits/paysages-industriels/index.html",
        "items/FTF-WATSON-1991/index.html",
        "search/index.html",
        "about/index.html",
    ],
)
def test_the_public_pages_are_there(site, path):
    assert (site.root / path).is_file()


def test_an_interview_keeps_its_transcript_with_its_cue_anchors(site):
    doc = lxml.html.fromstring((site.root / "items/FTF-WATSON-1991/index.html").read_bytes())
    assert doc.xpath("//*[@id='transcript-title']")
    cues = doc.xpath("//a[contains(@href, '#cue-')]/@href")
    assert len(cues) > 50 and all(href.startswith("#cue-") for href in cues)


def test_images_are_the_web_sizes_never_the_originals(site):
    files = [path.relative_to(site.root).as_posix() for path in (site.root / "media").rglob("*") if path.is_file()]
    assert files and all(path.startswith("media/derivatives/") for path in files)


def test_no_form_needs_a_server(site):
    for page in _pages(site.root):
        doc = lxml.html.fromstring(page.read_bytes())
        for form in doc.xpath("//form"):
            target = (page.parent / form.get("action")).resolve()
            assert form.get("method") == "get" and target == (site.root / "search/index.html").resolve(), page
        assert not doc.xpath("//meta[@name='csrf-token']")


def test_nothing_hidden_or_personal_is_in_any_file(site):
    words = [*HIDDEN, *HIDDEN.values(), *site.personal]
    assert len(site.personal) >= 1
    for path in site.root.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".vtt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [word for word in words if word in text], path
    assert not (site.root / "items/SC-DRAFT").exists()
    assert not (site.root / "workspace").exists() and not (site.root / "login").exists()


def test_the_search_index_holds_the_record_pages(site):
    assert (site.root / "pagefind/pagefind.js").is_file()
    assert list((site.root / "pagefind").glob("wasm.fr.pagefind"))
    records = (site.root / "search/records.js").read_text(encoding="utf-8")
    assert "items/PA00106443/index.html" in records and "Église Sainte-Barbe" in records


def test_pages_are_in_french(site):
    assert re.search(r'<html[^>]* lang="fr"', (site.root / "items/PA00106443/index.html").read_text(encoding="utf-8"))


def test_the_command_refuses_a_folder_that_is_not_empty(fresh_env):
    dest = fresh_env / "copy"
    dest.mkdir()
    (dest / "keep.txt").write_text("à garder", encoding="utf-8")
    result = CliRunner().invoke(main, ["export-site", str(dest)])
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert (dest / "keep.txt").read_text(encoding="utf-8") == "à garder"


def test_the_command_exports_an_empty_museum(fresh_env):
    result = CliRunner().invoke(main, ["export-site", str(fresh_env / "copy")])
    assert result.exit_code == 0, result.output
    assert (fresh_env / "copy/index.html").is_file() and (fresh_env / "copy/search/index.html").is_file()


def test_each_zoomable_image_has_its_level_0_service_inline(site):
    doc = lxml.html.fromstring((site.root / "items/FTF-PHOTO-WATSON-1/index.html").read_bytes())
    services = [json.loads(value) for value in doc.xpath("//*[@data-iiif]/@data-iiif")]
    assert services and all(service["profile"] == "level0" for service in services)
    for service in services:
        folder = (site.root / "items/FTF-PHOTO-WATSON-1" / service["id"]).resolve()
        assert (folder / "full/max/0/default.jpg").is_file() or list(folder.glob("*/*/0/default.jpg"))
        for region, size in grid(service["width"], service["height"], 256, service["tiles"][0]["scaleFactors"]):
            assert (folder / region / size / "0/default.jpg").is_file()


def test_no_script_is_pointed_at_the_server(site):
    for page in _pages(site.root):
        doc = lxml.html.fromstring(page.read_bytes())
        for element in doc.iter(etree.Element):
            for name, value in element.attrib.items():
                if name.startswith("data-"):
                    assert not value.startswith(("/", "http://testserver")), f"{page}: {name}={value}"
    assert 'id="tour-offline"' not in (site.root / "tours/de-la-mine-au-haut-fourneau/index.html").read_text("utf-8")


def test_suggested_searches_lead_to_the_copys_search_page(site):
    doc = lxml.html.fromstring((site.root / "search/index.html").read_bytes())
    suggested = doc.xpath("//main//a[contains(@href, '?q=')]/@href")
    assert suggested and all(href.startswith("index.html?q=") for href in suggested)
