"""The search package is plumbing: the item domain says what is indexed, through app.search.registry."""

import ast
from pathlib import Path

from app.item import search as item_search
from app.item.kinds import KINDS
from app.search import registry

SEARCH = Path(__file__).parents[2] / "app" / "search"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return names | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


def test_the_search_package_imports_no_item_module():
    found = {
        path.name: sorted(name for name in imported_modules(path) if name.startswith("app.item"))
        for path in SEARCH.glob("*.py")
    }
    assert {name: modules for name, modules in found.items() if modules} == {}


def test_items_are_what_the_index_holds():
    source = registry.source()
    assert source.name == "item" and source.ids_key == "item_ids"
    assert source.documents is item_search.documents and source.kinds is KINDS
