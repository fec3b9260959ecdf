"""The visitor's words as clauses for PostgreSQL: each a word or phrase with its equivalents, searched as written.

The same parse (app/search/query.py) and the same glossary and place variants (app/search/glossary.py) as the
Whoosh engine; here an equivalent is a text given to each language's `phraseto_tsquery`, which stems it.
"""

from dataclasses import dataclass

from app.search import query as user_query
from app.search.analysis import fold, is_stopword, words
from app.search.dates import typed_period
from app.search.glossary import Glossary


@dataclass(frozen=True)
class Clause:
    """A word or phrase typed; the texts any of which satisfies it; for a year or range, the period it matches."""

    text: str
    alternatives: tuple[str, ...]
    period: tuple[int, int] | None = None
    equivalents: tuple[str, ...] = ()  # those of the alternatives that are the glossary's equivalents of the words


def clauses(
    units: list[user_query.Unit],
    glossary: Glossary,
    corrections: dict[str, list[str]] | None = None,
    splits: dict[str, list[str]] | None = None,
) -> list[Clause]:
    """One clause per word or phrase; a glossary term spanning several words gives its equivalents to each of them,
    a word the index does not know is replaced by its `corrections`, and a compound typed as one word is searched
    as its `splits` too (app/search/pg/compounds.py)."""
    found: list[Clause] = []
    index = 0
    while index < len(units):
        used, made = _clauses(units, index, glossary, corrections or {}, splits or {})
        found += made
        index += used
    return found


def _clauses(units, index: int, glossary: Glossary, corrections: dict, splits: dict) -> tuple[int, list[Clause]]:
    unit = units[index]
    if unit.phrase:
        phrase = " ".join(unit.words)
        return 1, [Clause(phrase, (phrase,))]
    span = [found.words[0] for found in units[index : index + _run_length(units, index)]]
    word = unit.words[0]
    matched = glossary.match(span, 0)
    if matched is None and corrections.get(word):
        return 1, [Clause(word, tuple(corrections[word]))]
    if matched is None:
        return 1, [Clause(word, (word, *splits.get(word, ())), typed_period(word))]
    length, terms = matched
    typed = _meaning(" ".join(span[:length]))  # the glossary term typed is no equivalent (app/search/query.py)
    others = tuple(term for term in terms if _meaning(term) != typed)
    return length, [Clause(each, tuple(dict.fromkeys((each, *terms))), equivalents=others) for each in span[:length]]


def _meaning(term: str) -> tuple[str, ...]:
    """A term's folded words without its stop words: "hôtel de ville" as typed ("hôtel", "ville") once parsed."""
    return tuple(fold(found.group()) for found in words(term) if not is_stopword(found.group()))


def _run_length(units, index: int) -> int:
    length = 0
    for unit in units[index:]:
        if unit.phrase:
            break
        length += 1
    return length
