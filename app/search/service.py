"""Searching the catalog: ranked hits with highlighted extracts, facet counts, suggestions."""

import html
import json
from bisect import bisect_left
from dataclasses import dataclass, field

from whoosh import query as q

from app.item.kinds import KINDS
from app.item.localize import localized
from app.search import columns
from app.search import query as user_query
from app.search import schema
from app.search.analysis import ANALYZED, field_language, fold, word_terms, words
from app.search.glossary import Glossary, load
from app.search.index import IndexUnavailable, SearchIndex
from app.search.ranking import Matches, Ranker
from app.search.registry import get_index
from app.search.schemas import SearchFilters

SNIPPET_CHARS = 220
SCAN_CHARS = 20_000  # matches are looked for in the start of long transcripts only
FACET_LIMIT = 20
FACET_NAMES = {"kind": "kind", "collection": "collection", "century": "century", "decade": "decade",
               "place": "place", "creator": "creator", "subject_facet": "subject"}
_segment_cache: dict[tuple[str, str], list] = {}


@dataclass(frozen=True)
class Hit:
    item_id: int
    identifier: str
    kind: str
    title: str
    title_lang: str
    title_html: str
    snippet_html: str
    date_text: str | None
    score: float | None = None


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    suggestion: str | None = None
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "title" | "person" | "place" | "subject"
    identifier: str | None = None


def search(index: SearchIndex, text: str, filters: SearchFilters = SearchFilters(), *, sort: str = "relevance",
           page: int = 1, per_page: int = 20, lang: str = "fr", glossary: Glossary | None = None) -> SearchResults:
    """One page of published items matching the visitor's words and the filters."""
    searcher = index.searcher()
    units = user_query.parse(text)
    ranker = Ranker(searcher, columns.searcher_cache(searcher))
    query, matches, suggestion = _best_query(searcher, ranker, units, columns.filter_mask(searcher, filters),
                                             glossary or load())
    matched = matches.docnums()
    marks = _marks_by_field(query, searcher.reader()) if len(matched) else {}
    start = (page - 1) * per_page
    order = sort if sort in ("title", "date") else ("relevance" if units else "title")
    docnums = columns.first_in_order(searcher, matches, order, start + per_page, matched)[start:]
    hits = [_hit(searcher.stored_fields(docnum), float(matches.scores[docnum]), marks, lang) for docnum in docnums]
    return SearchResults(len(matched), hits, _facets(searcher, matched, lang), suggestion, page, per_page)


def _best_query(searcher, ranker: Ranker, units, allowed, glossary) -> tuple[q.Query, Matches, str | None]:
    """The query to answer with, every document it matches with its score, and a spelling
    suggestion when the words as typed found nothing."""
    if not units:
        return q.Every(), ranker.every(allowed), None
    strict = user_query.build(units, glossary)
    matches = ranker.matches(strict, allowed)
    if len(matches):
        return strict, matches, None
    suggestion = _suggestion(searcher, units)
    # Nothing at all: allow typos in longer words, then the suggested spelling, then any of the words.
    fallbacks = [user_query.build(units, glossary, fuzzy=True)]
    if suggestion:
        fallbacks.append(user_query.build(user_query.parse(suggestion), glossary))
    fallbacks.append(user_query.build(units, Glossary(), fuzzy=True, match_all=False))
    for fallback in fallbacks:
        wider = ranker.matches(fallback, allowed)
        if len(wider):
            return fallback, wider, suggestion
    return strict, matches, suggestion


# Facets: counted over the matched documents, labelled from the items' stored names

def _facets(searcher, matched, lang: str) -> dict[str, list[tuple[str, str, int]]]:
    return {name: _labelled(searcher, field_name, columns.facet_counts(searcher, field_name, matched), lang)
            for field_name, name in FACET_NAMES.items()}


def _labelled(searcher, field_name: str, rows, lang: str) -> list[tuple[str, str, int]]:
    if field_name in ("century", "decade"):
        width = 100 if field_name == "century" else 10
        return [(f"{v}-{int(v) + width - 1}", f"{v}–{int(v) + width - 1}", n) for v, n in sorted(rows, key=_year)]
    rows = sorted(rows, key=lambda row: (-row[1], row[0]))[:FACET_LIMIT]
    return [(value, _label(searcher, field_name, value, lang), count) for value, count in rows]


def _year(row) -> int:
    return int(row[0])


def _label(searcher, field_name: str, value: str, lang: str) -> str:
    if field_name == "kind":
        return str(KINDS.get(value, value))
    labels = columns.searcher_cache(searcher).setdefault("labels", {})
    if (field_name, value, lang) not in labels:
        labels[(field_name, value, lang)] = _stored_label(searcher, field_name, value, lang)
    return labels[(field_name, value, lang)]


def _stored_label(searcher, field_name: str, value: str, lang: str) -> str:
    docnum = next(iter(searcher.docs_for_query(q.Term(field_name, value))), None)
    labels = json.loads(searcher.stored_fields(docnum)["display"])["labels"] if docnum is not None else {}
    label = labels.get(field_name, {}).get(value, value)
    if isinstance(label, dict):
        found = localized(label, "fr", lang)
        return found.value if found else value
    return label


# Hits and highlighted extracts (escaped text, <mark> around what matched)

def _marks_by_field(query: q.Query, reader) -> dict[str, set[str]]:
    # Not Query.existing_terms: it reuses its `fieldname` argument as a loop variable and stops early.
    marks: dict[str, set[str]] = {}
    for leaf in query.leaves():
        for field_name, text in leaf.expanded_terms(reader, phrases=True):
            marks.setdefault(field_name, set()).add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return marks


def _hit(stored: dict, score: float, marks: dict[str, set[str]], lang: str) -> Hit:
    display = json.loads(stored["display"])
    title = localized(display["titles"], display["language"], lang) or localized({"": display["identifier"]}, "", "")
    title_field = schema.text_field("title", field_language(title.lang))
    return Hit(
        item_id=int(stored["id"]), identifier=display["identifier"], kind=display["kind"],
        title=title.value, title_lang=title.lang,
        title_html=highlight(title.value, field_language(title.lang), marks.get(title_field, set()), None),
        snippet_html=_snippet(stored, marks, lang, display["language"]),
        date_text=display.get("date_text"), score=score,
    )


def _snippet(stored: dict, marks: dict[str, set[str]], lang: str, original: str) -> str:
    preferred = [field_language(lang), field_language(original)] + list(ANALYZED)
    candidates = [(schema.text_field(kind, code), code) for kind in ("text", "transcript") for code in preferred]
    best, best_spans = None, None
    for field_name, code in dict.fromkeys(candidates):
        if stored.get(field_name):
            spans = _spans(stored[field_name], code, marks.get(field_name, set()))
            if best is None or len(spans) > len(best_spans):
                best, best_spans = field_name, spans
    if best is None:
        return ""
    return _excerpt(stored[best], best_spans, SNIPPET_CHARS)


def _spans(text: str, lang: str, terms: set[str]) -> list[tuple[int, int]]:
    if not terms:
        return []
    spans = []
    for match in words(text[:SCAN_CHARS]):
        found = word_terms(lang, match.group())
        if terms.intersection(found.stems) or found.joined in terms:
            spans.append(match.span())
    return spans


def highlight(text: str, lang: str, terms: set[str], size: int | None) -> str:
    """`text` HTML-escaped, cut to about `size` characters around the first match, matches in <mark>."""
    return _excerpt(text, _spans(text, lang, terms), size)


def _excerpt(text: str, spans: list[tuple[int, int]], size: int | None) -> str:
    start, end = 0, len(text)
    if size is not None and len(text) > size:
        start = max(0, spans[0][0] - size // 4) if spans else 0
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = min(len(text), start + size)
        end = text.rfind(" ", start, end) if end < len(text) and " " in text[start:end] else end
    pieces = ["…"] if start else []
    position = start
    for first, last in spans:
        if first >= position and last <= end:
            pieces += [html.escape(text[position:first]), "<mark>", html.escape(text[first:last]), "</mark>"]
            position = last
    pieces.append(html.escape(text[position:end]))
    return "".join(pieces) + ("…" if end < len(text) else "")


def _suggestion(searcher, units) -> str | None:
    """The visitor's words with unknown ones replaced by the closest indexed word, if any changed."""
    reader = searcher.reader()
    corrector = reader.corrector("spell")
    changed, out = False, []
    for word in user_query.plain_words(units):
        replacement = None
        if len(word) >= 4 and not _known(reader, word):
            found = corrector.suggest(fold(word), limit=1, maxdist=1 if len(word) < 8 else 2)
            replacement = found[0] if found else None
        out.append(replacement or word)
        changed = changed or replacement is not None
    return " ".join(out) if changed else None


def _known(reader, word: str) -> bool:
    """True when some searched field holds the word (in that field's analysis)."""
    for field_name, lang, _weight in schema.searched_fields():
        terms = word_terms(lang, word)
        if terms.stems and all(reader.frequency(field_name, stem) for stem in terms.stems):
            return True
    return reader.frequency("ident", word.casefold()) > 0


# Autosuggest

def suggest(index: SearchIndex, prefix: str, lang: str = "fr", limit: int = 8) -> list[Suggestion]:
    """Titles, people, places and subjects with a word starting with `prefix`."""
    key = fold(prefix.strip())[:user_query.MAX_LENGTH]
    if len(key) < 2:
        return []
    searcher = index.searcher()
    found: dict[tuple[str, str], Suggestion] = {}
    for reader, offset in searcher.reader().leaf_readers():
        for entry in _prefixed(_suggest_entries(reader), key):
            if not reader.is_deleted(entry[1]):
                suggestion = _suggestion_for(searcher, entry, offset, lang)
                found.setdefault((suggestion.kind, fold(suggestion.text)), suggestion)
            if len(found) >= limit * 4:
                break
    order = {"title": 0, "person": 1, "place": 2, "subject": 3}
    ranked = sorted(found.values(), key=lambda s: (not fold(s.text).startswith(key), order[s.kind], len(s.text)))
    return ranked[:limit]


def _prefixed(entries: list, key: str):
    for position in range(bisect_left(entries, (key,)), len(entries)):
        if not entries[position][0].startswith(key):
            return
        yield entries[position]


def _suggest_entries(reader) -> list:
    cache_key = (reader.segment().segment_id(), "suggest")
    if cache_key not in _segment_cache:
        entries = []
        for docnum, stored in reader.iter_docs():
            display = json.loads(stored["display"])
            texts = [("title", t) for t in display["titles"].values()]
            texts += [(kind, n) for kind, group in (("person", "creator"), ("place", "place"),
                                                   ("subject", "subject_facet"))
                      for n in display["labels"].get(group, {}).values()]
            for kind, text in texts:
                folded = fold(text)
                entries += [(folded[m.start():], docnum, kind, text) for m in words(folded)]
        if len(_segment_cache) > 1000:  # segments merged away long ago
            _segment_cache.clear()
        _segment_cache[cache_key] = sorted(entries)
    return _segment_cache[cache_key]


def _suggestion_for(searcher, entry, offset: int, lang: str) -> Suggestion:
    _key, docnum, kind, text = entry
    if kind != "title":
        return Suggestion(text, kind)
    display = json.loads(searcher.stored_fields(offset + docnum)["display"])
    title = localized(display["titles"], display["language"], lang)
    return Suggestion(title.value if title else text, "title", display["identifier"])


def browse_facets(request, filters) -> dict[str, list[tuple[str, str, int]]]:
    """Facet counts for the browse page's filters, from the index; none while it cannot answer."""
    wanted = SearchFilters(kind=filters.kind, collection=filters.collection, place=filters.place,
                           period=filters.period, creator=filters.creator, subject=filters.subject)
    try:
        return search(get_index(request.app.state.settings), "", wanted, per_page=1, lang=request.state.lang).facets
    except IndexUnavailable:
        return {}
