"""Changes to an exhibit's document as pure functions (app/exhibit/edits.py): each returns a new document."""

import pytest
from pydantic import ValidationError

from app.exhibit import blocks, edits


def text(body: str) -> blocks.TextBlock:
    return blocks.TextBlock(body={"fr": body})


def bodies(document: blocks.Document, key: str = "a") -> list[str]:
    return [block.body["fr"] for block in document.page(key).blocks]


@pytest.fixture
def document() -> blocks.Document:
    start = blocks.Document()
    for key in ("a", "b"):
        start = edits.add_page(start, {"fr": key.upper()}, key)
    for n, body in enumerate(("un", "deux", "trois")):
        start = edits.insert_block(start, "a", n, text(body))
    return start


def test_new_keys_come_from_the_title_and_stay_unique(document):
    assert edits.new_key(document, "Les Hauts-Fourneaux !") == "les-hauts-fourneaux"
    assert edits.new_key(document, "A") == "a-2" and edits.new_key(document, "¿?") == "page"


def test_pages_are_renamed_moved_and_removed_without_touching_the_original(document):
    renamed = edits.rename_page(document, "a", {"de": "Anfang"})
    assert renamed.page("a").titles == {"de": "Anfang"} and bodies(renamed) == ["un", "deux", "trois"]
    assert document.page("a").titles == {"fr": "A"}
    assert [page.key for page in edits.move_page(document, "b", 0).pages] == ["b", "a"]
    assert [page.key for page in edits.move_page(document, "a", 99).pages] == ["b", "a"]
    assert [page.key for page in edits.remove_page(document, "a").pages] == ["b"]
    with pytest.raises(edits.NotFound):
        edits.remove_page(document, "zzz")


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: edits.insert_block(d, "a", 0, text("zéro")), ["zéro", "un", "deux", "trois"]),
        (lambda d: edits.insert_block(d, "a", 99, text("fin")), ["un", "deux", "trois", "fin"]),
        (lambda d: edits.replace_block(d, "a", 1, text("DEUX")), ["un", "DEUX", "trois"]),
        (lambda d: edits.move_block(d, "a", 0, 2), ["deux", "trois", "un"]),
        (lambda d: edits.move_block(d, "a", 2, -5), ["trois", "un", "deux"]),
        (lambda d: edits.remove_block(d, "a", 1), ["un", "trois"]),
    ],
)
def test_blocks_are_inserted_replaced_moved_and_removed(document, change, expected):
    assert bodies(change(document)) == expected
    assert bodies(document) == ["un", "deux", "trois"]


@pytest.mark.parametrize("index", [-1, 3])
def test_a_block_that_is_not_there_is_not_found(document, index):
    for change in (edits.remove_block, edits.block):
        with pytest.raises(edits.NotFound):
            change(document, "a", index)
    with pytest.raises(edits.NotFound):
        edits.move_block(document, "a", index, 0)


def test_the_documents_limits_hold(document):
    full = document
    for n in range(blocks.MAX_BLOCKS):
        full = edits.insert_block(full, "b", n, text(str(n)))
    with pytest.raises(ValidationError):
        edits.insert_block(full, "b", 0, text("de trop"))
