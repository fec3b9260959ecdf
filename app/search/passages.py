"""The second index: passages of records, each a place inside one record where words were found.

An interview's moments (its transcript cues and index segments) are passages: a search finds the
record through its own document (app/search/schema.py) and the second at which the words are said
through its passages. They live in an index of their own, so that the items' index keeps its size,
its counts and its speed; a passage's text fields have the items' names (`transcript_fr`,
`title_de`, `names`...), so a visitor's query (app/search/query.py) is scored in both the same way.

A passage also carries its record's facet values and dates: the filters of a search apply to both.
"""

import json

from whoosh.columns import NumericColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from app.search import schema
from app.search.analysis import ANALYZED, NEUTRAL, analyzer, field_language, pairs, stems

RECORD = "record"  # column: the id of the record a passage belongs to
START = "start"  # column: the second a passage starts at
# A passage's texts: what was said (transcript), a segment's title, synopsis (text) and keywords (subject).
TEXT_KINDS = ("title", "subject", "text", "transcript")
NAME_FIELDS = (("names", "people"), ("place_names", "places"))


def build() -> Schema:
    """The passages' fields: text as the items' index analyzes it, the record's facets, no positions."""
    fields = {
        "id": ID(stored=True, unique=True),
        "record_id": ID(),  # a record's passages are replaced together: deleted by this term
        RECORD: COLUMN(NumericColumn("i")),
        START: COLUMN(NumericColumn("i")),
        "date_earliest": COLUMN(NumericColumn("i", default=schema.NO_DATE)),
        "date_latest": COLUMN(NumericColumn("i", default=-schema.NO_DATE)),
        "display": STORED(),
        **{name: TEXT(analyzer=analyzer(NEUTRAL), phrase=False) for name, _key in NAME_FIELDS},
    }
    for facet in schema.FACETS:
        fields[facet] = KEYWORD(commas=True, scorable=True)
    for lang in ANALYZED:
        fields[schema.pairs_field(lang)] = KEYWORD(scorable=True)
        for kind in TEXT_KINDS:
            fields[schema.text_field(kind, lang)] = TEXT(analyzer=analyzer(lang), phrase=False)
    return Schema(**fields)


def to_fields(doc: dict) -> dict:
    """A passage from a domain's search.py (see app/interview/search.py) as the index's field values."""
    texts: dict[str, list[str]] = {}
    for kind in TEXT_KINDS:
        for lang, values in doc.get(kind, {}).items():
            texts.setdefault(schema.text_field(kind, field_language(lang)), []).extend(v for v in values if v)
    fields = {
        "id": doc["id"],
        "record_id": str(doc["record"]),
        RECORD: doc["record"],
        START: int(doc["start"]),
        "display": json.dumps(doc["display"], ensure_ascii=False),
        **{name: "\n".join(doc.get(key, [])) for name, key in NAME_FIELDS},
        **{name: "\n".join(values) for name, values in texts.items() if values},
        **_pairs(texts),
    }
    record = doc.get("facets", {})
    fields |= {key: value for key, value in record.items() if key in schema.FACETS and value}
    fields |= {key: record[key] for key in ("date_earliest", "date_latest") if record.get(key) is not None}
    return fields


def _pairs(texts: dict[str, list[str]]) -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for name, values in texts.items():
        lang = name.rsplit("_", 1)[1]
        for value in values:
            for line in value.splitlines():
                found.setdefault(lang, set()).update(pairs(stems(lang, line)))
    return {schema.pairs_field(lang): " ".join(sorted(v)) for lang, v in found.items() if v}
