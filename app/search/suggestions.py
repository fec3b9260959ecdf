"""Autosuggest: titles, people, places and subjects with a word starting with what is typed.

Each segment keeps its suggestible texts once (folded and as written) and, sorted, the position
of every word start in them as two integer arrays: a prefix is found by bisecting those word
starts. Strings are not copied per word: 100,000 real records cost tens of megabytes, not the
hundreds that one string per word took.

Texts in the visitor's language (and names, which have none) come first. A title comes with a
second line, its place and date, so that two items called "Église" can be told apart; each item is
suggested once, by its title in the visitor's language when that one matches too.
"""

import json
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np

from app import i18n
from app.config import CONTENT_LANGUAGES
from app.localize import localized
from app.search.analysis import fold, words
from app.search.reading import Reading, segment_id

KINDS = ("title", "person", "place", "subject")
LABELS = (("person", "creator"), ("place", "place"), ("subject", "subject_facet"))
MAX_PREFIX = 200


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "title" | "person" | "place" | "subject"
    identifier: str | None = None
    detail: str | None = None  # a title's second line: "près de Crusnes · 1937"
    in_language: bool = True  # the text is in the visitor's language, or a name


@dataclass(frozen=True)
class Entries:
    """One segment's suggestible texts and their word starts, sorted by what follows them."""

    folded: list[str]
    texts: list[str]
    kinds: np.ndarray  # index into KINDS, per text
    langs: list[str]  # per text: the languages it is shown in ("fr", "de,lb" for a place's name), "" for a name
    docnums: np.ndarray  # per text
    text_of: np.ndarray  # per word start, sorted
    start_of: np.ndarray

    def key(self, position: int) -> str:
        return self.folded[self.text_of[position]][self.start_of[position] :]

    def prefixed(self, prefix: str):
        """(text number) of every word start beginning with `prefix`, in order."""
        position = bisect_left(range(len(self.text_of)), prefix, key=self.key)
        while position < len(self.text_of) and self.key(position).startswith(prefix):
            yield int(self.text_of[position])
            position += 1


def suggest(index, prefix: str, lang: str = "fr", limit: int = 8) -> list[Suggestion]:
    """Titles, people, places and subjects of the index (either engine) with a word starting with `prefix`."""
    key = fold(prefix.strip())[:MAX_PREFIX]
    if len(key) < 2:
        return []
    if index.engine_name != "whoosh":
        return index.suggest(key, lang, limit)
    with index.reading() as reading:
        return _suggest(reading, key, lang, limit)


def _suggest(reading: Reading, key: str, lang: str, limit: int) -> list[Suggestion]:
    found: dict[tuple[str, str], Suggestion] = {}
    with i18n.language(lang):
        for reader, offset in reading.searcher.reader().leaf_readers():
            entries = _entries(reading.segments, reader)
            for number in entries.prefixed(key):
                if not reader.is_deleted(int(entries.docnums[number])):
                    suggestion = _suggestion(reading, entries, number, offset, lang, key)
                    keep(found, suggestion)
                if len(found) >= limit * 4:
                    break
    ranked = sorted(found.values(), key=lambda s: rank(s, key))
    return ranked[:limit]


def keep(found: dict, suggestion: Suggestion) -> None:
    """Add `suggestion` to `found` unless the item or name is there already (in the visitor's language)."""
    # One suggestion per item (identical titles of two items are two suggestions), and per name.
    title = suggestion.kind == "title"
    key = ("title", suggestion.identifier or "") if title else (suggestion.kind, fold(suggestion.text))
    if key not in found or (suggestion.in_language and not found[key].in_language):
        found[key] = suggestion


def rank(suggestion: Suggestion, key: str) -> tuple:
    starts = fold(suggestion.text).startswith(key)
    kind = KINDS.index(suggestion.kind)
    return (not suggestion.in_language, not starts, kind, len(suggestion.text), suggestion.detail or "")


def _suggestion(reading: Reading, entries: Entries, number: int, offset: int, lang: str, key: str) -> Suggestion:
    kind, text, text_lang = KINDS[entries.kinds[number]], entries.texts[number], entries.langs[number]
    if kind != "title":
        return Suggestion(text, kind, in_language=not text_lang or lang in text_lang.split(","))
    display = json.loads(reading.searcher.stored_fields(offset + int(entries.docnums[number]))["display"])
    return titled(display, text, text_lang, lang, key)


def titled(display: dict, text: str, text_lang: str, lang: str, key: str) -> Suggestion:
    """A title's suggestion: in the visitor's language when that title matches too, with its place and date."""
    title = localized(display["titles"], display["language"], lang)
    if title is not None and title.lang != text_lang and has_prefix(title.value, key):
        text, text_lang = title.value, title.lang  # the visitor's title matches too: show it
    return Suggestion(text, "title", display["identifier"], _detail(display, lang), text_lang == lang)


def has_prefix(text: str, key: str) -> bool:
    folded = fold(text)
    return any(folded[match.start() :].startswith(key) for match in words(folded))


def _detail(display: dict, lang: str) -> str | None:
    """The place (in `lang`, "near" it when the item is only near) and the date of an item, on one line."""
    parts = []
    for names in display["labels"].get("place", {}).values():
        name = localized(names, "fr", lang) if isinstance(names, dict) else names
        if name:
            parts.append(i18n.gettext("near {place}").format(place=name) if display.get("place_near") else str(name))
    if display.get("date_text"):
        parts.append(display["date_text"])
    return " · ".join(parts) or None


def _entries(segments: dict, reader) -> Entries:
    # One per live segment, in the index state's `segments`, which lets go of segments merged away.
    key = (segment_id(reader), "suggest")
    if key not in segments:
        segments[key] = _read_entries(reader)
    return segments[key]


def _read_entries(reader) -> Entries:
    texts: dict[tuple[int, str], int] = {}  # (kind, text) -> number; names are kept once
    kinds: list[int] = []
    langs: list[str] = []
    docnums: list[int] = []
    folded_texts: list[str] = []
    written: list[str] = []
    for docnum, stored in reader.iter_docs():
        display = json.loads(stored["display"])
        for kind, text, lang in suggestible(display):
            if kind == 0 or (kind, text) not in texts:
                texts[(kind, text)] = len(written)
                kinds.append(kind)
                langs.append(lang)
                docnums.append(docnum)
                written.append(text)
                folded_texts.append(fold(text))
    starts = [(number, match.start()) for number, folded in enumerate(folded_texts) for match in words(folded)]
    starts.sort(key=lambda start: folded_texts[start[0]][start[1] :])
    return Entries(
        folded_texts,
        written,
        np.array(kinds, np.int8),
        langs,
        np.array(docnums, np.int64),
        np.array([number for number, _ in starts], np.int32),
        np.array([at for _, at in starts], np.int32),
    )


def suggestible(display: dict) -> list[tuple[int, str, str]]:
    """(kind, text, language) of a document's titles and names; a place has a name per language."""
    found = [(0, title, lang) for lang, title in display["titles"].items() if title]
    for kind, group in LABELS:
        for label in display["labels"].get(group, {}).values():
            names = _shown_in(label) if isinstance(label, dict) else {label: ""}
            found += [(KINDS.index(kind), name, langs) for name, langs in names.items() if name]
    return found


def _shown_in(names: dict[str, str]) -> dict[str, str]:
    """{name: the interface languages that show it} of a place named by language ("Metz": "fr,de,lb,en")."""
    shown: dict[str, list[str]] = {name: [] for name in names.values()}
    for lang in CONTENT_LANGUAGES:
        found = localized(names, "fr", lang)
        if found:
            shown.setdefault(found.value, []).append(lang)
    return {name: ",".join(langs) for name, langs in shown.items()}
