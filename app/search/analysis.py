"""Turning text into index terms, the same way for items and for what visitors type.

One analyzer per language: case and accent folding, elision (l', qu'...), hyphenated compounds
kept both split and joined, stop words, Snowball stemming. Folding comes before stemming so that
"ouvrières" and "ouvrieres" give the same stem. Phrases are found through pairs of consecutive
stems ("haut_fourneau"), indexed like words, rather than through stored positions.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.lang import stemmer_for_language, stopwords_for_language

LANGUAGES = ("fr", "de", "en")
NEUTRAL = "xx"  # names, and languages without a stemmer: folding only
ANALYZED = LANGUAGES + (NEUTRAL,)
# Snowball has no Luxembourgish stemmer: Luxembourgish texts are indexed folded (NEUTRAL), and its readers
# read German as their written standard, so German texts count as theirs. Its heritage terms reach the
# French, German and English texts through the glossary's Luxembourgish column (Héichuewen, Minette...).
READ_ALSO = {"lb": ("de",)}

_WORD = re.compile(r"n°|[^\W_]+(?:[-'’‐‑][^\W_]+)*")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")
_SPLIT = re.compile(r"[-'’‐‑]")
_LIGATURES = str.maketrans({"ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Église" -> "eglise"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(char for char in text if not unicodedata.combining(char))


@lru_cache(maxsize=8)  # one entry per analyzed language (callers pass ANALYZED codes only)
def _stopwords(lang: str) -> frozenset[str]:
    if lang == NEUTRAL:
        return frozenset()
    return frozenset(fold(word) for word in stopwords_for_language(lang))


def is_stopword(word: str) -> bool:
    """True when `word` is a stop word in one of the languages (so a query can skip it)."""
    folded = fold(word)
    return any(folded in _stopwords(lang) for lang in LANGUAGES)


# Bulk indexing stems the same words again and again; visitors' words come here too, so the cache
# is bounded (about 25 MB when full). word_terms (below) has its own cache and
# answers most calls before they reach this one.
@lru_cache(maxsize=100_000)
def stem(lang: str, word: str) -> str:
    if lang == NEUTRAL or word.isdigit():
        return word
    return stemmer_for_language(lang)(word)


def parts(word: str) -> list[str]:
    """A raw word folded, without its elision, split at hyphens and apostrophes."""
    word = _ELISION.sub("", fold(word))
    if word == "n°":
        return ["numero"]
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return [part for part in _SPLIT.split(word) if part]


@dataclass(frozen=True)
class WordTerms:
    """What one written word becomes in a language: its stems, and the joined compound if any."""

    stems: tuple[str, ...]
    joined: str | None


# The words of the corpus (indexing, highlighting) and of visitors' queries: least recently used ones
# go first, so a flood of made-up words costs time, not memory (about 70 MB when full, at ~350 bytes a word).
@lru_cache(maxsize=200_000)
def word_terms(lang: str, word: str) -> WordTerms:
    """ "Hauts-Fourneaux" in French -> stems (haut, fourneau), joined "hautfourneau"."""
    stops = _stopwords(lang)
    kept = [stem(lang, part) for part in parts(word) if part not in stops]
    joined = "".join(kept) if len(kept) > 1 else None
    return WordTerms(tuple(kept), joined)


PAIR = "_"  # joins two stems into a pair term; never inside a stem (words exclude "_")


def stems(lang: str, text: str) -> list[str]:
    """The stems of a text in order, as the index's positions would have them."""
    return [stem for match in _WORD.finditer(text) for stem in word_terms(lang, match.group()).stems]


def pairs(sequence: list[str]) -> list[str]:
    """Each stem joined to the next one: a phrase is found as all of its pairs."""
    return [f"{first}{PAIR}{second}" for first, second in zip(sequence, sequence[1:], strict=False)]


def words(text: str) -> list[re.Match]:
    """The words of a text, with their positions in it."""
    return list(_WORD.finditer(text))


class MuseumTokenizer(Tokenizer):
    """The whole analysis of one language as a Whoosh tokenizer (pickled into the index schema)."""

    def __init__(self, lang: str = NEUTRAL):
        self.lang = lang

    def __eq__(self, other):
        return type(self) is type(other) and self.lang == other.lang

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        pos = start_pos
        for match in _WORD.finditer(value):
            terms = word_terms(self.lang, match.group())
            if not terms.stems:
                continue
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            for offset, text in enumerate(terms.stems):
                yield _token(token, text, pos + offset, match, start_char)
            if terms.joined:
                yield _token(token, terms.joined, pos, match, start_char)
            pos += len(terms.stems)


def _token(token: Token, text: str, pos: int, match: re.Match, start_char: int) -> Token:
    token.text, token.boost, token.stopped = text, 1.0, False
    token.pos = pos
    token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
    return token


def analyzer(lang: str) -> MuseumTokenizer:
    return MuseumTokenizer(lang if lang in ANALYZED else NEUTRAL)


def read_by(lang: str) -> tuple[str, ...]:
    """The analyzed languages whose texts a visitor reading `lang` reads as their own (names included)."""
    return (field_language(lang), *READ_ALSO.get(lang, ()), NEUTRAL)


def field_language(lang: str | None) -> str:
    """The analyzed language a content language is indexed under (Luxembourgish: neutral)."""
    return lang if lang in LANGUAGES else NEUTRAL
