"""A compound typed as one word ("hautfourneau"), searched as its two words side by side as well.

The Whoosh analyzer indexes a hyphenated compound joined too ("Haut-fourneau" gives "hautfourneau"), which a
visitor typing it as one word finds. PostgreSQL indexes its parts and the whole with its hyphen only, so here the
typed word is split instead: search_words holds the folded words of the titles, names and subjects, each part of
a compound and the compound joined (app/search/pg/rows.py), and a typed word found there that no document has
and that splits into two words found there is searched as these two words side by side ("haut <-> fourneau").
A word some document has is searched as typed only: "Walker" is no "wal ker".
"""

from sqlalchemy import Connection, text

from app.search import query as user_query
from app.search.analysis import fold, is_stopword
from app.search.pg import spelling

MIN_PART = 3  # a part of fewer letters ("la" + "voir") is more often a coincidence than a compound's word


def splits(connection: Connection, units: list[user_query.Unit]) -> dict[str, list[str]]:
    """{word typed: its splits in two known words, as "first second"}, for the plain words that have some."""
    candidates = {word: _halves(fold(word)) for word in _single_words(units)}
    wanted = {fold(word) for word in candidates} | {
        half for pairs in candidates.values() for pair in pairs for half in pair
    }
    if not any(candidates.values()):
        return {}
    known = set(connection.scalars(text("SELECT word FROM search_words WHERE word = ANY(:w)"), {"w": sorted(wanted)}))
    found = {
        word: [" ".join(pair) for pair in pairs if known.issuperset(pair)]
        for word, pairs in candidates.items()
        if fold(word) in known
    }
    searched = spelling.known_words(connection, [word for word, pairs in found.items() if pairs])
    return {word: pairs for word, pairs in found.items() if pairs and word not in searched}


def _single_words(units: list[user_query.Unit]) -> list[str]:
    """The words typed alone and written as one word (a hyphenated compound is searched as its parts already)."""
    return [unit.words[0] for unit in units if not unit.phrase and unit.words[0].isalpha()]


def _halves(folded: str) -> list[tuple[str, str]]:
    """Each way of cutting the word in two parts of MIN_PART letters or more, neither a stop word."""
    cuts = [(folded[:at], folded[at:]) for at in range(MIN_PART, len(folded) - MIN_PART + 1)]
    return [(first, second) for first, second in cuts if not is_stopword(first) and not is_stopword(second)]
