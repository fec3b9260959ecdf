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
from app.search.pg.statement import phrase_text
from app.search.pg.tables import CONFIGS

NEAREST = 24  # words read by similarity before their edit distance is measured
CLOSE_ENOUGH = "0.2"  # the least trigram similarity considered (pg_trgm's default is 0.3: too strict for short words)


def corrections(connection: Connection, units, glossary: Glossary) -> dict[str, list[str]]:
    """{word no document has: the known words it may be a misspelling of}, for the first few such words."""
    typed = [
        word
        for word in dict.fromkeys(user_query.plain_words(units))
        if typed_period(word) is None and glossary.match([word], 0) is None
    ]
    known = known_words(connection, typed)
    unknown = [word for word in typed if word not in known]
    if unknown:
        # The `%` operator of `_nearest` uses the trigram index, at the threshold set for this transaction only.
        connection.execute(
            text("SELECT set_config('pg_trgm.similarity_threshold', :least, true)"), {"least": CLOSE_ENOUGH}
        )
    return {word: _nearest(connection, word) for word in unknown[: whoosh_spelling.MAX_WORDS]}


def known_words(connection: Connection, typed: list[str]) -> set[str]:
    """Those of the words that some document has (in any language), in one statement: each word's tsquery made by
    every configuration, each looked up in the GIN index. A long pasted query asked it a word at a time, two round
    trips each."""
    if not typed:
        return set()
    made = " || ".join(f"phraseto_tsquery('{config}', u.t)" for config in CONFIGS.values())
    sql = (
        "SELECT u.w FROM unnest(CAST(:words AS text[]), CAST(:texts AS text[])) AS u(w, t)"
        f" WHERE EXISTS (SELECT 1 FROM search_documents d WHERE d.tsv @@ ({made}))"
    )
    texts = [phrase_text(word) for word in typed]
    return set(connection.scalars(text(sql), {"words": list(typed), "texts": texts}))


def _nearest(connection: Connection, word: str) -> list[str]:
    """The closest words, one edit away (two for long words), starting with the same letter, most similar first."""
    folded = fold(word)
    if len(folded) < whoosh_spelling.MIN_LENGTH or folded.isdigit():
        return []
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
