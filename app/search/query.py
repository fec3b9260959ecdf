"""What a visitor types, made into clauses to match, without ever raising a syntax error.

Words are plain words (AND, brackets and stray quotes are just text); "quoted words" are a
phrase. Each word (or phrase, or glossary term spanning several words) is one `Clause`: the
documents having it in any field and any language, or having one of its equivalents (glossary
terms, and spelling corrections of a word the index does not know). A document's score for a
clause is that of its best alternative, so equivalents widen a search without outweighing what
the visitor typed.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from app.search import schema
from app.search.analysis import ANALYZED, is_stopword, pairs, read_by, word_terms, words
from app.search.dates import typed_period
from app.search.glossary import Glossary

MAX_LENGTH = 200
EQUIVALENT = 0.7  # an equivalent from the glossary counts for this much of the word typed
CORRECTED = 0.9  # a spelling correction of a word the index does not know
OTHER_LANGUAGE = 0.6  # a match in a text of another language than the page's counts for this much
_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")


@dataclass(frozen=True)
class Unit:
    """One thing the visitor asks for: a word, or the words of a quoted phrase."""

    words: tuple[str, ...]
    phrase: bool = False


@dataclass(frozen=True)
class FieldPart:
    """Words in one field: every stem there, each pair of them side by side in the item (a phrase),
    or, as another way to match, the compound written as one word ("hautfourneau")."""

    field: str
    stems: tuple[str, ...]
    weight: float
    pairs_field: str | None = None
    pairs: tuple[str, ...] = ()
    joined: str | None = None


@dataclass(frozen=True)
class Alternative:
    """One way of saying what a clause asks for: the words typed, an equivalent, a correction."""

    parts: tuple[FieldPart, ...]
    factor: float = 1.0


@dataclass(frozen=True)
class Clause:
    """A word, phrase or glossary term of the query, with its alternatives (none: matches nothing),
    and for a year or a range of years, the period that items dated within it match."""

    text: str
    alternatives: tuple[Alternative, ...]
    period: tuple[int, int] | None = None


def parse(text: str) -> list[Unit]:
    """The visitor's text as words and phrases; stop words dropped unless nothing else is left."""
    text = (text or "")[:MAX_LENGTH]
    units: list[Unit] = []
    position = 0
    for match in _QUOTED.finditer(text):
        units += _plain(text[position : match.start()])
        phrase = tuple(m.group() for m in words(match[1]))
        if phrase:
            units.append(Unit(phrase, phrase=len(phrase) > 1))
        position = match.end()
    units += _plain(text[position:])
    kept = [unit for unit in units if unit.phrase or not is_stopword(unit.words[0])]
    return kept or units


def _plain(text: str) -> list[Unit]:
    return [Unit((match.group(),)) for match in words(text)]


def plain_words(units: list[Unit]) -> list[str]:
    return [word for unit in units for word in unit.words]


def build(
    units: list[Unit], glossary: Glossary, corrections: dict[str, list[str]] | None = None, lang: str = "fr"
) -> list[Clause]:
    """One clause per word or phrase. `corrections` replaces each word the index does not know by
    the known words it may be a misspelling of. A glossary term spanning several words gives its
    equivalents to each of them: an item with an equivalent has every word, an item with some of
    the words has some of the clauses. Texts in the page's language `lang` (and names; for Luxembourgish,
    German too: `analysis.read_by`) count fully, texts in other languages for less: a French visitor's
    "centrale" finds "Central Park" after French texts."""
    corrections = corrections or {}
    clauses: list[Clause] = []
    index = 0
    alternative = partial(_alternative, lang=lang)
    while index < len(units):
        used, found = _clauses(units, index, glossary, corrections, alternative)
        clauses += found
        index += used
    return clauses


def _clauses(
    units: list[Unit], index: int, glossary: Glossary, corrections: dict, alternative: Callable
) -> tuple[int, list[Clause]]:
    unit = units[index]
    if unit.phrase:
        return 1, [Clause(" ".join(unit.words), _present([alternative(unit.words)]))]
    span = _plain_run(units, index)
    found = glossary.match(span, 0)
    word = unit.words[0]
    if found is None and word in corrections:
        return 1, [Clause(word, _present([alternative((fixed,), CORRECTED) for fixed in corrections[word]]))]
    if found is None:
        return 1, [Clause(word, _present([alternative(unit.words)]), typed_period(word))]
    length, terms = found
    own = tuple(span[:length])
    typed = alternative(own)
    equivalents: list[Alternative] = []
    for term in terms:  # the typed words are in their own group: each equivalent is searched once
        candidate = alternative(tuple(m.group() for m in words(term)), EQUIVALENT)
        if candidate is not None and (typed is None or candidate.parts != typed.parts) and candidate not in equivalents:
            equivalents.append(candidate)
    if length == 1:
        return 1, [Clause(word, _present([typed, *equivalents]))]
    return length, [Clause(each, _present([alternative((each,)), *equivalents])) for each in own]


def proximity(units: list[Unit]) -> list[tuple[str, str]]:
    """(pairs field, pair) of each two words typed side by side (outside quotes), in every language:
    items having them side by side rank higher."""
    found: list[tuple[str, str]] = []
    runs: list[list[str]] = [[]]
    for unit in units:
        if unit.phrase:
            runs.append([])
        else:
            runs[-1].append(unit.words[0])
    for run in runs:
        for lang in ANALYZED:
            stems = [stem for word in run for stem in word_terms(lang, word).stems]
            found += [(schema.pairs_field(lang), pair) for pair in pairs(stems)]
    return list(dict.fromkeys(found))


def _present(alternatives: list[Alternative | None]) -> tuple[Alternative, ...]:
    return tuple(alt for alt in alternatives if alt is not None)


def _plain_run(units: list[Unit], index: int) -> list[str]:
    run: list[str] = []
    for unit in units[index:]:
        if unit.phrase:
            break
        run.append(unit.words[0])
    return run


def _alternative(text_words: tuple[str, ...], factor: float = 1.0, *, lang: str) -> Alternative | None:
    """The words (side by side when several) looked up in every searched field."""
    own = read_by(lang)
    found = [
        _field_part(name, field_lang, text_words, weight * (1.0 if field_lang in own else OTHER_LANGUAGE))
        for name, field_lang, weight in schema.searched_fields()
    ]
    parts = [part for part in found if part is not None]
    if len(text_words) == 1:
        parts.append(FieldPart("ident", (text_words[0].casefold(),), schema.WEIGHTS["ident"]))
    return Alternative(tuple(parts), factor) if parts else None


def _field_part(field: str, lang: str, text_words: tuple[str, ...], weight: float) -> FieldPart | None:
    stems: list[str] = []
    joined = None
    for word in text_words:
        terms = word_terms(lang, word)
        stems.extend(terms.stems)
        if terms.joined and len(text_words) == 1:
            joined = terms.joined
    if not stems:
        return None
    if len(stems) == 1:
        return FieldPart(field, (stems[0],), weight, joined=joined)
    return FieldPart(
        field, tuple(stems), weight, schema.pairs_field(lang), tuple(pairs(stems)), joined or "".join(stems)
    )


def marks(clauses: list[Clause]) -> dict[str, set[str]]:
    """The terms to highlight, by field: every stem and compound the clauses look for."""
    found: dict[str, set[str]] = {}
    for clause in clauses:
        for alt in clause.alternatives:
            for part in alt.parts:
                found.setdefault(part.field, set()).update(part.stems + ((part.joined,) if part.joined else ()))
    return found
