"""The suggestions box on PostgreSQL: titles, people, places and subjects having a word that starts with what is
typed, found with the trigram index of search_suggestions, shown and ranked as app/search/suggestions.py does."""

import json

from sqlalchemy import Connection, text

from app import i18n
from app.search import suggestions
from app.search.suggestions import KINDS, Suggestion

READ = 40  # rows read per suggestion shown: the same name is stored once per document that has it


def suggest(connection: Connection, key: str, lang: str, limit: int) -> list[Suggestion]:
    """Up to `limit` suggestions for the folded prefix `key`."""
    rows = connection.execute(
        text(
            "SELECT s.kind, s.text, s.langs, d.stored->>'display' FROM search_suggestions s"
            " JOIN search_documents d ON d.id = s.document_id WHERE s.folded LIKE :inside"
            " ORDER BY s.folded LIKE :start DESC, length(s.text), s.text LIMIT :n"
        ),
        {"inside": f"%{_escaped(key)}%", "start": f"{_escaped(key)}%", "n": limit * READ},
    ).all()
    found: dict[tuple[str, str], Suggestion] = {}
    with i18n.language(lang):
        for kind, written, langs, display in rows:
            if suggestions.has_prefix(written, key):
                suggestions.keep(found, _suggestion(KINDS[kind], written, langs, json.loads(display), lang, key))
    return sorted(found.values(), key=lambda found: suggestions.rank(found, key))[:limit]


def _suggestion(kind: str, written: str, langs: str, display: dict, lang: str, key: str) -> Suggestion:
    if kind != "title":
        return Suggestion(written, kind, in_language=not langs or lang in langs.split(","))
    return suggestions.titled(display, written, langs, lang, key)


def _escaped(key: str) -> str:
    """`key` for LIKE: its wildcards and escape character as plain characters."""
    return key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
