"""A domain document (app/item/search.py) as the rows of the PostgreSQL search tables.

Each field is defined once, in app/search/schema.py: the texts per analyzed language, the facet values, the
dates and what a result shows are those of the Whoosh documents, so both engines hold the same public record.
"""

import json

from app.search import schema, suggestions
from app.search.analysis import NEUTRAL, fold
from app.search.pg.tables import CONFIGS, FACETS, LANGS

# The tsvector weights: titles and the identifier A, the item's own names and places B, subjects and the places
# it is near C, descriptions, transcripts and the places around it D (the order of schema.WEIGHTS).
WEIGHTS = {"title": "A", "subject": "C", "text": "D", "transcript": "D"}
NAME_WEIGHTS = {"people": "B", "places": "B", "near_places": "C", "around": "D"}
STORED_KINDS = ("text", "transcript")  # the texts a result's extract is cut from (app/search/service.py)
FACET_FIELDS = {"subject": "subject_facet"}  # the facet columns named after the filter, not the Whoosh field


def values(doc: dict) -> dict:
    """The search_documents row of a document as JSON values; its texts by tsvector part (INSERT_SQL's `texts`)."""
    texts = schema._texts(doc)
    facets = schema._facets(doc)
    dates = schema._dates(doc)
    row = {
        "id": doc["id"],
        "identifier": doc["identifier"],
        "kind": doc["kind"],
        "updated": doc["updated"],
        "sort_title": fold(doc.get("sort_title") or ""),
        "sort_date": doc["date_earliest"] if doc.get("date_earliest") is not None else schema.NO_DATE,
        "date_earliest": dates.get("date_earliest"),
        "date_latest": dates.get("date_latest"),
        "latitude": doc["point"][0] if doc.get("point") else None,
        "longitude": doc["point"][1] if doc.get("point") else None,
        "labels": _display(doc)["labels"],
        "stored": _stored(doc, texts),
        "texts": {name: "\n".join(values) for name, values in texts.items()}
        | {"ident": doc["identifier"]}
        | {key: "\n".join(doc[key]) for key in NAME_WEIGHTS if doc.get(key)},
    }
    for facet in FACETS:
        found = facets.get(FACET_FIELDS.get(facet, facet))
        row[facet] = found.split(",") if found else []
    return row


def _parts(lang: str) -> list[tuple[str, str]]:
    """(key in a row's `texts`, tsvector weight) of the texts analyzed in `lang`."""
    found = [(schema.text_field(kind, lang), weight) for kind, weight in WEIGHTS.items()]
    if lang == NEUTRAL:
        found += [("ident", "A"), *NAME_WEIGHTS.items()]
    return found


def _vector_sql(lang: str) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{CONFIGS[lang]}', coalesce(r.texts->>'{key}', '')), '{weight}')"
        for key, weight in _parts(lang)
    )


_COLUMNS = (
    "id int, identifier text, kind text, updated text, sort_title text, sort_date int, date_earliest int,"
    " date_latest int, latitude float8, longitude float8, labels jsonb, stored jsonb, texts jsonb, "
    + ", ".join(f"{facet} text[]" for facet in FACETS)
)
_PLAIN = (
    "id, identifier, kind, updated, sort_title, sort_date, date_earliest, date_latest, latitude, longitude, labels, "
    "stored, " + ", ".join(FACETS)
)
# One statement per batch of documents (`:rows`, a JSON array of `values`): each language's tsvector is built
# from its texts by its configuration, and `tsv`, which the GIN index searches, is their union.
INSERT_SQL = (
    f"INSERT INTO search_documents ({_PLAIN}, {', '.join(f'tsv_{lang}' for lang in LANGS)}, tsv)"
    f" SELECT {', '.join(f'r.{name.strip()}' for name in _PLAIN.split(','))},"
    f" {', '.join(f'v.{lang}' for lang in LANGS)}, {' || '.join(f'v.{lang}' for lang in LANGS)}"
    f" FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r({_COLUMNS})"
    f" CROSS JOIN LATERAL (SELECT {', '.join(f'{_vector_sql(lang)} AS {lang}' for lang in LANGS)}) AS v"
)


def _display(doc: dict) -> dict:
    return schema._display(doc)


def _stored(doc: dict, texts: dict[str, list[str]]) -> dict:
    """What a hit is made of (service._hit): the display, and the texts an extract is cut from."""
    stored = {"id": str(doc["id"]), "display": json.dumps(_display(doc), ensure_ascii=False)}
    for kind in STORED_KINDS:
        for lang in LANGS:
            name = schema.text_field(kind, lang)
            if texts.get(name):
                stored[name] = "\n".join(texts[name])
    return stored


def suggestion_rows(doc: dict) -> list[dict]:
    """The titles and names of a document that the suggestions box offers (app/search/suggestions.py)."""
    found = suggestions.suggestible(_display(doc))
    unique = dict.fromkeys(found)
    return [
        {"document_id": doc["id"], "kind": kind, "text": text, "folded": fold(text), "langs": langs}
        for kind, text, langs in unique
    ]


def spelling_words(doc: dict) -> set[str]:
    """The folded words of the titles, names and subjects, as the Whoosh spelling column has them (each part of a
    compound, and the compound joined): what "did you mean" may propose."""
    own = doc.get("people", []) + doc.get("places", []) + doc.get("near_places", [])
    texts = [*doc["titles"].values(), *own, *schema._names(doc.get("subjects"))]
    return {word for word in schema._spelling(texts).decode().split(" ") if word and not word.isdigit()}
