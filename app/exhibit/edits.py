"""Changes to an exhibit's document as pure functions: each takes a Document and returns a new one.

Pages are named by their key, blocks by their page's key and their position (from 0). The workspace sends
the revision number its form was loaded from, so a position always means the block the curator saw.
A change the document's limits refuse (too many pages or blocks) raises Pydantic's ValidationError.
"""

from app.exhibit import blocks
from app.slugs import slugify

KEY_LENGTH = 60


class NotFound(LookupError):
    """No page has the key, or the page has no block at the position."""


def _with_pages(document: blocks.Document, pages: list[blocks.Page]) -> blocks.Document:
    return blocks.Document.model_validate({"version": document.version, "pages": pages})


def _with_blocks(page: blocks.Page, found: list) -> blocks.Page:
    return blocks.Page.model_validate({"key": page.key, "titles": page.titles, "blocks": found})


def _index(document: blocks.Document, key: str) -> int:
    for n, page in enumerate(document.pages):
        if page.key == key:
            return n
    raise NotFound(key)


def _moved(values: list, index: int, to: int) -> list:
    """`values` with the one at `index` moved to position `to` (clamped to the list)."""
    if not 0 <= index < len(values):
        raise NotFound(index)
    moved = list(values)
    value = moved.pop(index)
    moved.insert(max(0, min(to, len(moved))), value)
    return moved


def new_key(document: blocks.Document, title: str) -> str:
    """A key for a new page: its title's slug (or "page"), made unique with -2, -3..."""
    base = slugify(title)[:KEY_LENGTH].strip("-") or "page"
    taken = {page.key for page in document.pages}
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


def add_page(document: blocks.Document, titles: dict[str, str], key: str) -> blocks.Document:
    """The document with a new empty page at the end (`key`: see `new_key`)."""
    page = blocks.Page.model_validate({"key": key, "titles": titles})
    return _with_pages(document, [*document.pages, page])


def rename_page(document: blocks.Document, key: str, titles: dict[str, str]) -> blocks.Document:
    """The document with the page's titles replaced (its key, its address, stays)."""
    n = _index(document, key)
    page = document.pages[n]
    pages = list(document.pages)
    pages[n] = blocks.Page.model_validate({"key": key, "titles": titles, "blocks": page.blocks})
    return _with_pages(document, pages)


def move_page(document: blocks.Document, key: str, to: int) -> blocks.Document:
    """The document with the page moved to position `to`."""
    return _with_pages(document, _moved(document.pages, _index(document, key), to))


def remove_page(document: blocks.Document, key: str) -> blocks.Document:
    """The document without the page and its blocks."""
    n = _index(document, key)
    return _with_pages(document, document.pages[:n] + document.pages[n + 1 :])


def block(document: blocks.Document, key: str, index: int):
    """The block at `index` of the page."""
    page = document.pages[_index(document, key)]
    if not 0 <= index < len(page.blocks):
        raise NotFound(index)
    return page.blocks[index]


def _change_blocks(document: blocks.Document, key: str, change) -> blocks.Document:
    n = _index(document, key)
    pages = list(document.pages)
    pages[n] = _with_blocks(pages[n], change(list(pages[n].blocks)))
    return _with_pages(document, pages)


def insert_block(document: blocks.Document, key: str, position: int, new) -> blocks.Document:
    """The document with `new` inserted at `position` of the page (clamped: past the end is at the end)."""

    def change(found: list) -> list:
        found.insert(max(0, min(position, len(found))), new)
        return found

    return _change_blocks(document, key, change)


def replace_block(document: blocks.Document, key: str, index: int, new) -> blocks.Document:
    """The document with the block at `index` of the page replaced by `new`."""
    block(document, key, index)

    def change(found: list) -> list:
        found[index] = new
        return found

    return _change_blocks(document, key, change)


def move_block(document: blocks.Document, key: str, index: int, to: int) -> blocks.Document:
    """The document with the page's block at `index` moved to position `to`."""
    block(document, key, index)
    return _change_blocks(document, key, lambda found: _moved(found, index, to))


def move_block_to_page(document: blocks.Document, key: str, index: int, to_key: str) -> blocks.Document:
    """The document with the page's block at `index` moved to the end of the page `to_key`."""
    moved = block(document, key, index)
    _index(document, to_key)
    return insert_block(
        remove_block(document, key, index), to_key, len(document.pages[_index(document, to_key)].blocks), moved
    )


def remove_block(document: blocks.Document, key: str, index: int) -> blocks.Document:
    """The document without the page's block at `index`."""
    block(document, key, index)
    return _change_blocks(document, key, lambda found: found[:index] + found[index + 1 :])
