""" "Did you mean": the words no document has, corrected to the index's words by trigram similarity (pg_trgm).

search_words keeps every folded word of the titles, names and subjects ever indexed (a rebuild starts it
anew): a word of a record no longer public may linger there, so a correction is only offered when the search
made with it finds public records (app/search/pg/searching.py).
"""

from rapidfuzz.distance import Levenshtein
from sqlalchemy import Connection, text

from app.search import query as user_query
from app.search import spelling as whoosh_spelling
from app.search.analysis import fold
from app.search.dates import typed_period
from app.search.glossary import Glossary
from app.search.pg.statement import statement as make_statement
from app.search.pg.terms import Clause
from app.search.schemas import SearchFilters

NEAREST = 24  # words read by similarity before their edit distance is measured
CLOSE_ENOUGH = "0.2"  # the least trigram similarity considered (pg_trgm's default is 0.3: too strict for short words)


def corrections(connection: Connection, units, glossary: Glossary) -> dict[str, list[str]]:
    """{word no document has: the known words it may be a misspelling of}, for the first few such words."""
    found: dict[str, list[str]] = {}
    for word in user_query.plain_words(units):
        if len(found) >= whoosh_spelling.MAX_WORDS:
            break
        if word not in found and typed_period(word) is None and glossary.match([word], 0) is None:
            if not known(connection, word):
                found[word] = _nearest(connection, word)
    return found


def known(connection: Connection, word: str) -> bool:
    """Whether some document has `word` (in any language), through the GIN index."""
    statement = make_statement(connection, [Clause(word, (word,))], SearchFilters())
    sql = f"{statement.queries()} SELECT EXISTS (SELECT 1 FROM search_documents d, q WHERE d.tsv @@ q.q0)"
    return bool(connection.scalar(text(sql), statement.params))


def _nearest(connection: Connection, word: str) -> list[str]:
    """The closest words, one edit away (two for long words), starting with the same letter, most similar first."""
    folded = fold(word)
    if len(folded) < whoosh_spelling.MIN_LENGTH or folded.isdigit():
        return []
    # The `%` operator uses the trigram index, at the threshold set for this transaction only.
    connection.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :least, true)"), {"least": CLOSE_ENOUGH})
    rows = connection.execute(
        text(
            "SELECT word, similarity(word, :w) AS near FROM search_words WHERE word % :w AND word LIKE :first"
            " ORDER BY near DESC, word LIMIT :n"
        ),
        {"w": folded, "first": folded[0] + "%", "n": NEAREST},
    ).all()
    limit = whoosh_spelling.max_distance(folded)
    ranked = sorted(
        (Levenshtein.distance(folded, candidate), -near, candidate)
        for candidate, near in rows
        if candidate != folded and Levenshtein.distance(folded, candidate) <= limit
    )
    if not ranked:
        return []
    best = ranked[0][0]
    return [candidate for distance, _near, candidate in ranked[: whoosh_spelling.CANDIDATES] if distance == best]
