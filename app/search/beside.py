"""Records of other kinds found beside the items (registry.Companion: exhibits), the best few for the words.

The visitor's clauses are scored on each companion's index as on the items' (app/search/ranking.py); only
records with every word are listed, best first, each with its page, its title and an extract of its text
with the words marked. The items' results stand without them when a companion's index cannot answer.
"""

import json
from dataclasses import dataclass, replace

from app.localize import Localized, localized
from app.search import columns, registry, schema
from app.search.analysis import field_language
from app.search.extracts import highlight
from app.search.index import IndexUnavailable, SearchIndex
from app.search.query import Clause
from app.search.ranking import Ranker
from app.search.reading import Limited

SHOWN = 3  # records listed per companion
SNIPPET_CHARS = 200
KEPT = 2_000  # answers kept per index state


@dataclass(frozen=True)
class Found:
    """A record found beside the items: its kind (the companion's name), page, title and extract."""

    kind: str
    path: str
    title: str
    title_lang: str
    title_html: str
    snippet_html: str


def find(index: SearchIndex, clauses: list[Clause], side_by_side, marks: dict, lang: str) -> list[Found]:
    """The best records of every companion having all the clauses' words (a year typed is not a word here)."""
    clauses = [replace(clause, period=None) for clause in clauses]
    if not clauses or not all(clause.alternatives for clause in clauses):
        return []
    found: list[Found] = []
    for companion in registry.companions():
        if companion.name not in index.companions:
            continue
        try:
            with index.companions[companion.name].reading() as reading:
                found += _best(reading, companion, clauses, tuple(side_by_side), marks, lang)
        except IndexUnavailable:
            continue
    return found


def _best(reading, companion: registry.Companion, clauses: list[Clause], side_by_side: tuple, marks, lang: str):
    # Kept per index state: the same words asked again cost a lookup (the ranker reads every field's terms).
    cache = reading.cache.setdefault("beside", Limited(KEPT))
    key = (tuple(clauses), side_by_side, lang)
    if key not in cache:
        matches = Ranker(reading).matches(clauses, None, 0, side_by_side)
        docnums = columns.first_in_order(reading, matches, "relevance", SHOWN)
        shown = [json.loads(reading.searcher.stored_fields(docnum)["display"]) for docnum in docnums]
        cache[key] = [_found(companion, display, marks, lang) for display in shown]
    return cache[key]


def _found(companion: registry.Companion, display: dict, marks: dict, lang: str) -> Found:
    original = display["language"]
    title = localized(display["titles"], original, lang) or Localized(companion.path(display), original)
    analyzed = field_language(title.lang)
    title_marks = marks.get(schema.text_field("title", analyzed), set())
    return Found(
        kind=companion.name,
        path=companion.path(display),
        title=title.value,
        title_lang=title.lang,
        title_html=highlight(title.value, analyzed, title_marks, None),
        snippet_html=_snippet(display, marks, lang),
    )


def _snippet(display: dict, marks: dict, lang: str) -> str:
    """The first text (in the visitor's language first, then the original) with the words marked, else the summary."""
    texts = display.get("texts", {})
    for code in dict.fromkeys([lang, display["language"], *sorted(texts)]):
        if texts.get(code):
            analyzed = field_language(code)
            extract = highlight(
                texts[code], analyzed, marks.get(schema.text_field("text", analyzed), set()), SNIPPET_CHARS
            )
            if "<mark>" in extract:
                return extract
    summary = localized(display.get("summaries"), display["language"], lang)
    return highlight(summary.value, field_language(summary.lang), set(), SNIPPET_CHARS) if summary else ""
