"""The exhibit editor in a real headless Chromium, with its JavaScript: an exhibit built through the forms, the item
picker suggesting catalog items as one types, blocks reordered by drag and drop and by the keyboard through the
same move route as the buttons, the page's preview showing each change, and axe finding nothing on the editor."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.account import service as account_service
from app.config import Settings
from app.db import make_engine
from app.exhibit import blocks, editing
from app.main import create_app
from app.media.service import attach
from app.workspace import exhibit_forms as forms
from tests.exhibit.test_workspace_xss import block_forms
from tests.factories import make_item
from tests.migrate import upgrade
from tests.web.live import live_server

CHROMIUM = shutil.which("chromium")
if not CHROMIUM and os.environ.get("CI") != "true":
    pytest.skip(
        "chromium is not installed (apt-get install chromium); in CI this fails instead", allow_module_level=True
    )

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from tests.security.test_xss import CHECK, HOSTILE  # noqa: E402
from tests.web.test_browser import CHROMIUM_ARGS, WCAG_TAGS  # noqa: E402

pytestmark = pytest.mark.browser
PASSWORD = "an exhibit editor password"
PHOTO = Path(__file__).parent.parent / "fixtures" / "media" / "photo.jpg"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("exhibit-editor")
    url = f"sqlite:///{workdir / 'museum.db'}"
    upgrade(url)
    settings = Settings(database_url=url, media_dir=workdir / "media", index_dir=workdir / "index")
    engine = make_engine(url)
    with Session(engine) as session:
        account_service.create(session, "nadia", "curator", PASSWORD, display_name="Nadia Benali")
        item = make_item(session, identifier="VIL-0042", title="Cité Bel-Air")
        photo = attach(session, item, PHOTO, settings, background=False)
        photo.alt_texts = {"fr": "Les maisons de la cité Bel-Air"}
        make_item(session, identifier="VIL-0043", title="Haut-fourneau de Micheville")
        hostile(session, account_service.get_by_name(session, "nadia"))
        session.commit()
    engine.dispose()
    with live_server(create_app(settings)) as base:
        yield base


def hostile(session: Session, user) -> None:
    """An exhibit per hostile string of the XSS test, its every text made by the forms' own parsing."""
    for number, text in enumerate(HOSTILE):
        values = {"slug": f"hostile-{number}", "language": "fr", "titles": {"fr": f"Titre {text}"}}
        values |= {"summaries": {"de": text}, "tags": [text], "credits": [(f"Nom {text}", "creator")]}
        found, line = block_forms(text, "VIL-0042", "VIL-0043")
        made = []
        for fields in found:
            raw = forms.raw_from_block_form(fields["type"], fields | line | {"width": "wide"})
            block, errors = forms.block_from_raw(fields["type"], raw, {"VIL-0042", "VIL-0043"})
            assert not errors, errors
            made.append(block)
        page = blocks.Page(key="page", titles={"fr": text}, blocks=made)
        editing.create(session, values, user, blocks.Document(pages=[page]))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/login?lang=en")
    page.get_by_label("Login name").fill("nadia")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/workspace")
    yield page
    context.close()


def add_text(page: Page, text: str) -> None:
    page.select_option("#f-new-type", "text")
    page.get_by_role("button", name="Add the block").click()
    page.fill("#f-body_fr", text)
    page.get_by_role("button", name="Add the block").click()
    page.wait_for_url("**/pages/les-maisons?done=block_added*")


def drag(page: Page, source: str, target: str) -> None:
    """Drag `source` onto `target` with the mouse, in small steps as a hand would."""
    page.locator(target).evaluate("element => element.scrollIntoView({block: 'start'})")
    start, end = page.locator(source).bounding_box(), page.locator(target).bounding_box()
    assert start and end
    page.mouse.move(start["x"] + 5, start["y"] + 5)
    page.mouse.down()
    page.mouse.move(start["x"] + 10, start["y"] - 10, steps=5)
    page.mouse.move(end["x"] + 20, end["y"] + end["height"] / 2, steps=10)
    page.mouse.up()


def bodies(page: Page) -> list[str]:
    return page.locator(".exhibit-block-row .block-summary").all_inner_texts()


def test_an_exhibit_is_built_with_drag_and_drop_the_item_picker_and_the_preview(page: Page, server: str):
    page.goto(f"{server}/workspace/exhibits/new?lang=en")
    page.fill("#f-slug", "browser-exhibit")
    page.fill("#f-title_fr", "La cité ouvrière")
    page.get_by_role("button", name="Create the draft").click()
    page.wait_for_url("**/workspace/exhibits/browser-exhibit?done=created")
    page.fill("#f-page-title_fr", "Les maisons")
    page.get_by_role("button", name="Add the page").click()
    page.wait_for_url("**/pages/les-maisons?done=page_added")

    # The item picker: a few letters of the title suggest the item's identifier.
    page.select_option("#f-new-type", "item")
    page.get_by_role("button", name="Add the block").click()
    page.locator("#f-item").press_sequentially("Bel-A", delay=30)
    expect(page.locator("#items-list option[value='VIL-0042']")).to_have_count(1)
    page.fill("#f-item", "VIL-0042")
    page.get_by_role("button", name="Add the block").click()
    page.wait_for_url("**/pages/les-maisons?done=block_added*")
    for text in ("Premier texte", "Deuxième texte"):
        add_text(page, text)
    assert bodies(page) == ["Premier texte", "Deuxième texte"]

    # The preview of the page, as visitors will see it, is in the editor and follows each change.
    preview = page.locator(".exhibit-live-preview .exhibit-preview-body")
    expect(preview).to_contain_text("Deuxième texte")
    expect(preview.locator("img[alt='Les maisons de la cité Bel-Air']")).to_have_count(1)

    # Drag the last block onto the first: the same move route as the buttons, then the page shows the new order.
    drag(page, "#block-2 .drag-handle", "#block-0")
    page.wait_for_url("**/pages/les-maisons?done=moved*")
    expect(page.locator("#block-0")).to_contain_text("Deuxième texte")
    assert bodies(page) == ["Deuxième texte", "Premier texte"]

    # The keyboard does the same on the handle.
    page.locator("#block-0 .drag-handle").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("#block-1")).to_contain_text("Deuxième texte")
    expect(page.locator("#block-0")).to_contain_text("VIL-0042")
    expect(page.locator(".exhibit-live-preview .exhibit-preview-body")).to_contain_text("Deuxième texte")

    # Pages are reordered the same way on the exhibit's form.
    page.goto(f"{server}/workspace/exhibits/browser-exhibit?lang=en")
    page.fill("#f-page-title_fr", "La suite")
    page.get_by_role("button", name="Add the page").click()
    page.wait_for_url("**/pages/la-suite?done=page_added")
    page.goto(f"{server}/workspace/exhibits/browser-exhibit?lang=en")
    page.locator("#page-la-suite .drag-handle").focus()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#pages li").first).to_contain_text("La suite")
    page.goto(f"{server}/workspace/exhibits/browser-exhibit/pages/les-maisons?lang=en")

    # The buttons still work with the script on.
    page.locator("#block-2").get_by_role("button", name="Move up").click()
    expect(page.locator("#block-1")).to_contain_text("Premier texte")
    assert bodies(page) == ["Premier texte", "Deuxième texte"]


def test_the_editor_pages_have_no_accessibility_violation(page: Page, server: str):
    page.goto(f"{server}/workspace/exhibits/new?lang=en")
    page.fill("#f-slug", "axe-exhibit")
    page.fill("#f-title_fr", "Accessible")
    page.get_by_role("button", name="Create the draft").click()
    page.fill("#f-page-title_fr", "Les maisons")
    page.get_by_role("button", name="Add the page").click()
    page.wait_for_url("**/pages/les-maisons?done=page_added")
    add_text(page, "Un")
    add_text(page, "Deux")
    addresses = [
        "/workspace/exhibits",
        "/workspace/exhibits/axe-exhibit",
        "/workspace/exhibits/axe-exhibit/history",
        "/workspace/exhibits/axe-exhibit/pages/les-maisons",
        "/workspace/exhibits/axe-exhibit/pages/les-maisons/blocks/0",
        "/workspace/exhibits/axe-exhibit/pages/les-maisons/blocks/new?type=zoom&at=0",
    ]
    axe = Axe()
    found = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for address in addresses:
            page.goto(f"{server}{address}")
            page.wait_for_load_state("networkidle")
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            violations = results.response["violations"]
            if violations:
                found[f"{address} at {width}px"] = [
                    (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                ]
    assert not found, found


def test_hostile_text_in_the_editor_never_runs(page: Page, server: str, figures):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/media/**", lambda route: route.abort())
    page.route("**/iiif/**", lambda route: route.abort())
    problems, loads = [], 0
    for number in range(len(HOSTILE)):
        base = f"/workspace/exhibits/hostile-{number}"
        paths = [base, f"{base}/history", f"{base}/pages/page"]
        paths += [f"{base}/pages/page/blocks/{n}" for n in (0, 4, 5)] if number % 5 == 0 else []
        for path in paths:
            page.goto(server + path, wait_until="domcontentloaded")
            found = page.evaluate(CHECK)
            problems += [f"{path}: {bad}" for bad in found["bad"]] + ([f"{path}: ran"] if found["ran"] else [])
            loads += 1
    figures.append(f"exhibit editor in Chromium: {len(HOSTILE)} hostile strings, {loads} page loads")
    assert not dialogs and not problems, (dialogs, problems[:20])


def test_a_zoom_blocks_region_is_drawn_on_the_chosen_image(page: Page, server: str):
    page.goto(f"{server}/workspace/exhibits/new?lang=en")
    page.fill("#f-slug", "zoom-exhibit")
    page.fill("#f-title_fr", "Un détail")
    page.get_by_role("button", name="Create the draft").click()
    page.fill("#f-page-title_fr", "Les maisons")
    page.get_by_role("button", name="Add the page").click()
    page.wait_for_url("**/pages/les-maisons?done=page_added")
    page.select_option("#f-new-type", "zoom")
    page.get_by_role("button", name="Add the block").click()
    expect(page.locator("[data-region-picker]")).to_be_hidden()  # no item yet: the numbers only
    page.fill("#f-item", "VIL-0042")
    page.get_by_role("button", name="Add the block").click()
    page.wait_for_url("**/pages/les-maisons?done=block_added*")

    # Once the item is known, its form shows its images and the region is drawn on the chosen one.
    page.goto(f"{server}/workspace/exhibits/zoom-exhibit/pages/les-maisons/blocks/0?lang=en")
    expect(page.get_by_label("Image 1: Les maisons de la cité Bel-Air")).to_be_checked()
    canvas = page.locator(".region-canvas")
    expect(canvas.locator("img")).to_have_js_property("complete", True)
    box = canvas.bounding_box()
    assert box and box["width"] > 50
    page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, box["y"] + box["height"] * 0.5, steps=8)
    page.mouse.up()
    assert abs(float(page.input_value("#f-x")) - 25) < 2 and abs(float(page.input_value("#f-w")) - 50) < 2
    assert abs(float(page.input_value("#f-y")) - 25) < 2 and abs(float(page.input_value("#f-h")) - 25) < 2
    page.get_by_role("button", name="Save the block").click()
    page.wait_for_url("**/pages/les-maisons?done=*")
    page.goto(f"{server}/workspace/exhibits/zoom-exhibit/pages/les-maisons/blocks/0?lang=en")
    assert abs(float(page.input_value("#f-x")) - 25) < 2
