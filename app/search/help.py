"""What the search page offers before a visitor has results: the museum's suggested searches and the glossary.

Suggested searches are a curated list (collections/search/suggested.toml), not counts of what visitors typed:
a list of visitors' words shown to every visitor would need moderating, and keeping it would mean a write on
every search. Curators choose searches that find something and that show the collections' range.
"""

import csv
import tomllib
from functools import lru_cache
from pathlib import Path

from app.search.glossary import DEFAULT_DIR

SUGGESTED_FILE = "suggested.toml"
GLOSSARY_FILE = "glossary.csv"
# The language whose list stands in for a language the file does not list (visitors search in French first).
FALLBACK = "fr"


@lru_cache(maxsize=4)
def suggested_searches(lang: str, directory: Path = DEFAULT_DIR) -> tuple[str, ...]:
    """The curated searches for a visitor speaking `lang`."""
    path = directory / SUGGESTED_FILE
    if not path.exists():
        return ()
    with path.open("rb") as f:
        lists = tomllib.load(f).get("searches", {})
    return tuple(str(words) for words in lists.get(lang) or lists.get(FALLBACK) or ())


@lru_cache(maxsize=2)
def glossary_terms(directory: Path = DEFAULT_DIR) -> tuple[tuple[str, ...], ...]:
    """The heritage glossary's groups of equivalent terms (French first, then German, Luxembourgish, English)."""
    path = directory / GLOSSARY_FILE
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        lines = (line for line in f if line.strip() and not line.lstrip().startswith("#"))
        rows = [tuple(term.strip() for term in row if term.strip()) for row in csv.reader(lines, skipinitialspace=True)]
    return tuple(row for row in rows if row)
