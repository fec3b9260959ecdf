"""What a page of results shows alongside its hits on PostgreSQL, read in the search's own snapshot: the moments
where the words are said in the interviews (app/search/pg/moments.py) and the exhibits having every word
(app/search/pg/beside.py), as app/search/service.py adds them on the Whoosh engine."""

from dataclasses import replace

from sqlalchemy import Connection

from app.search import moments
from app.search import query as user_query
from app.search.glossary import Glossary, load
from app.search.pg import beside, spelling
from app.search.pg import moments as pg_moments
from app.search.pg.statement import Statement
from app.search.pg.statement import statement as search_statement
from app.search.pg.terms import clauses as pg_clauses
from app.search.schemas import SearchFilters
from app.search.service import Hit, SearchResults


def add(
    connection: Connection,
    found: SearchResults,
    shown: Statement,
    typed: str,
    filters: SearchFilters,
    lang: str,
    glossary: Glossary | None,
) -> SearchResults:
    """`found` with its hits' moments, the interviews with the best moments and (on a first page without filters)
    the exhibits found beside. `shown` is the statement the items were found by: without a spelling correction,
    its clauses' tsqueries are the moments' and the exhibits' too, and are not made again."""
    units = user_query.parse(typed)
    if not units:
        return found
    glossary = glossary if glossary is not None else load()
    fixes = _fixes(connection, units, glossary, found.suggestion)
    typed_marks = user_query.marks(user_query.build(units, glossary, None, lang))
    if fixes:
        statement = search_statement(connection, _words_only(pg_clauses(units, glossary, fixes)), filters, lang)
        marks = user_query.marks(user_query.build(units, glossary, fixes, lang))
    else:
        statement, marks = _words_only_statement(shown), typed_marks
    said = pg_moments.find(connection, statement, marks, [hit.item_id for hit in found.hits], lang)
    found.hits = [_said(hit, said.of_records.get(hit.item_id)) for hit in found.hits]
    found.interviews = said.best
    if found.page == 1 and not filters.query_args():
        typed_clauses = (
            statement
            if not fixes
            else search_statement(connection, _words_only(pg_clauses(units, glossary, {})), filters, lang)
        )
        found.beside = beside.find(connection, typed_clauses, typed_marks, lang)
    return found


def _words_only_statement(shown: Statement) -> Statement:
    """The statement the items were found by, its years made words only (`_words_only`), its tsqueries kept."""
    return Statement(
        _words_only(shown.clauses), shown.filters, shown.lang, shown.parts, shown.by_lang, shown.each_alternative
    )


def _fixes(connection: Connection, units, glossary: Glossary, suggestion: str | None) -> dict[str, list[str]]:
    """The corrections the items were found by: each word the suggestion changed, as it spells it (the best of the
    words the items' search tried), else corrected again."""
    if not suggestion:
        return {}
    typed, proposed = user_query.plain_words(units), suggestion.split(" ")
    if len(typed) != len(proposed):
        return spelling.corrections(connection, units, glossary)
    return {word: [fixed] for word, fixed in zip(typed, proposed, strict=True) if fixed != word}


def _words_only(clauses: list) -> list:
    """A year typed matches an item's dates; a moment or an exhibit must have the words."""
    return [replace(clause, period=None) for clause in clauses]


def _said(hit: Hit, group: moments.Group | None) -> Hit:
    """An interview's hit with its moments; its extract is its best moment (as service._hit makes it)."""
    if group is None:
        return hit
    return replace(hit, snippet_html=group.moments[0].snippet_html, moments=group.moments, more_moments=group.more)
