"""What a visitor types, made into a Whoosh query without ever raising a syntax error.

Words are plain words (AND, brackets and stray quotes are just text); "quoted words" are a
phrase. Every word must match, in any field and any language; glossary terms add their
equivalents; with `fuzzy`, longer words also match terms one or two letters away.
"""

import re
from dataclasses import dataclass

from whoosh import query as q

from app.search import schema
from app.search.analysis import is_stopword, pairs, word_terms, words
from app.search.glossary import Glossary

MAX_LENGTH = 200
_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")


@dataclass(frozen=True)
class Unit:
    """One thing the visitor asks for: a word, or the words of a quoted phrase."""

    words: tuple[str, ...]
    phrase: bool = False


def parse(text: str) -> list[Unit]:
    """The visitor's text as words and phrases; stop words dropped unless nothing else is left."""
    text = (text or "")[:MAX_LENGTH]
    units: list[Unit] = []
    position = 0
    for match in _QUOTED.finditer(text):
        units += _plain(text[position:match.start()])
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


def build(units: list[Unit], glossary: Glossary, *, fuzzy: bool = False, match_all: bool = True) -> q.Query:
    """One clause per unit (or glossary span); all required unless `match_all` is False."""
    clauses: list[q.Query] = []
    index = 0
    while index < len(units):
        used, clause = _clause(units, index, glossary, fuzzy)
        if clause is not None:
            clauses.append(clause)
        index += used
    if not clauses:
        return q.NullQuery
    if len(clauses) == 1:
        return clauses[0]
    return q.And(clauses) if match_all else q.Or(clauses)


def _clause(units: list[Unit], index: int, glossary: Glossary, fuzzy: bool) -> tuple[int, q.Query | None]:
    unit = units[index]
    if unit.phrase:
        return 1, _words_query(unit.words, fuzzy=False)
    span = _plain_run(units, index)
    found = glossary.match(span, 0)
    if found is None:
        return 1, _words_query(unit.words, fuzzy)
    length, terms = found
    own = tuple(span[:length])
    alternatives = [_words_query(own, fuzzy)]
    for term in terms:  # the typed word is in its own group: each equivalent is searched once
        alternative = _words_query(tuple(m.group() for m in words(term)), False)
        if alternative is not None and alternative not in alternatives:
            alternatives.append(alternative)
    alternatives = [alt for alt in alternatives if alt is not None]
    return length, alternatives[0] if len(alternatives) == 1 else q.Or(alternatives)


def _plain_run(units: list[Unit], index: int) -> list[str]:
    run: list[str] = []
    for unit in units[index:]:
        if unit.phrase:
            break
        run.append(unit.words[0])
    return run


def _words_query(text_words: tuple[str, ...], fuzzy: bool) -> q.Query | None:
    """The words (as a phrase when several) looked up in every searched field."""
    per_field = [_field_query(name, lang, text_words, fuzzy, weight) for name, lang, weight in schema.searched_fields()]
    per_field = [query for query in per_field if query is not None]
    if len(text_words) == 1:
        per_field.append(q.Term("ident", text_words[0].casefold(), boost=schema.WEIGHTS["ident"]))
    return q.Or(per_field) if per_field else None


def _field_query(field: str, lang: str, text_words: tuple[str, ...], fuzzy: bool, weight: float) -> q.Query | None:
    stems: list[str] = []
    alternatives: list[q.Query] = []
    for word in text_words:
        terms = word_terms(lang, word)
        stems.extend(terms.stems)
        if terms.joined and len(text_words) == 1:
            alternatives.append(q.Term(field, terms.joined))
    if not stems:
        return None
    if len(stems) == 1:
        alternatives.append(_term(field, stems[0], fuzzy))
    else:
        alternatives.append(_phrase(field, lang, stems))
        if len(text_words) > 1:
            alternatives.append(q.Term(field, "".join(stems)))
    query = alternatives[0] if len(alternatives) == 1 else q.Or(alternatives)
    query.boost = weight
    return query


def _phrase(field: str, lang: str, stems: list[str]) -> q.Query:
    """Every stem in the field, and each pair of them side by side somewhere in the item (adds no score)."""
    in_field = [q.Term(field, stem) for stem in stems]
    side_by_side = [q.Term(schema.pairs_field(lang), pair, boost=0.0) for pair in pairs(stems)]
    return q.And(in_field + side_by_side)


def _term(field: str, text: str, fuzzy: bool) -> q.Query:
    if fuzzy and len(text) >= 5:
        return q.FuzzyTerm(field, text, maxdist=1 if len(text) < 8 else 2, prefixlength=1)
    return q.Term(field, text)
