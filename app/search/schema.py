"""The index's fields, and how a domain document becomes them.

Text is indexed once per analyzed language (title_fr, text_de...), so a French query finds a
German title through its shared names and words; only what a result shows is stored.

No field keeps word positions (decoding them made every ranked query several times slower): a
phrase is matched through `pairs_<lang>`, which holds each pair of consecutive stems of the
item's texts in that language (within one title, name or paragraph, never across two).

The words a spelling corrector may propose are kept per document as a column, not as postings
(as a searched field they cost a quarter of a full reindex): `spelling_words` counts them in one
segment.
"""

import json
from collections import Counter

from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema

from app.search.analysis import ANALYZED, NEUTRAL, analyzer, field_language, fold, pairs, stems, word_terms, words

# Query-time weights: identifier and title first, then names, subjects, description, transcript.
# Place names: the item's own place (in every language) about as much as a title word; the place it is
# only near, less; the places around it and their countries, least (they rank what is there first).
WEIGHTS = {
    "ident": 12.0,
    "title": 5.0,
    "place": 4.0,
    "names": 3.0,
    "subject": 2.0,
    "near": 2.0,
    "text": 1.0,
    "around": 0.6,
    "transcript": 0.6,
}
# The neutral-analyzed name fields: (field, what a document puts there, weight).
NAME_FIELDS = (
    ("names", "people", "names"),
    ("place_names", "places", "place"),
    ("near_names", "near_places", "near"),
    ("around_names", "around", "around"),
)
TEXT_KINDS = ("title", "subject", "text", "transcript")
FACETS = ("kind", "collection", "century", "decade", "place", "creator", "subject_facet", "exhibit")
NO_DATE = 99999
NO_POINT = 999.0  # no latitude or longitude is this large
SPELLING = "spelling"  # column: the distinct folded words of a document's titles, names and subjects


def text_field(kind: str, lang: str) -> str:
    return f"{kind}_{lang}"


def pairs_field(lang: str) -> str:
    """The field holding the stem pairs of the texts analyzed in `lang`."""
    return f"pairs_{lang}"


def searched_fields() -> list[tuple[str, str, float]]:
    """(field, analyzer language, weight) for every field a visitor's words are looked up in."""
    fields = [(text_field(kind, lang), lang, WEIGHTS[kind]) for kind in TEXT_KINDS for lang in ANALYZED]
    return fields + [(name, NEUTRAL, WEIGHTS[weight]) for name, _key, weight in NAME_FIELDS]


def build() -> Schema:
    """The fields. Keyword fields are `scorable` so that they keep lengths: while writing a segment,
    Whoosh 2.7.5 looks for a field's length column on disk at every posting (a stat() call each)
    when the field has none."""
    fields = {
        "id": ID(stored=True, unique=True, sortable=True),
        "ident": KEYWORD(lowercase=True, scorable=True),
        **{name: TEXT(analyzer=analyzer(NEUTRAL), phrase=False) for name, _key, _weight in NAME_FIELDS},
        # Values per document, not searched: kept as columns only (no postings to write).
        SPELLING: COLUMN(VarBytesColumn()),
        "updated": COLUMN(VarBytesColumn()),
        "sort_title": COLUMN(VarBytesColumn()),
        "sort_date": COLUMN(NumericColumn("i", default=NO_DATE)),
        "date_earliest": COLUMN(NumericColumn("i", default=NO_DATE)),
        "date_latest": COLUMN(NumericColumn("i", default=-NO_DATE)),
        # Where a public item is (WGS84 degrees), for the map (app/map/points.py); NO_POINT where it is nowhere.
        "latitude": COLUMN(NumericColumn("d", default=NO_POINT)),
        "longitude": COLUMN(NumericColumn("d", default=NO_POINT)),
        "display": STORED(),
    }
    for facet in FACETS:
        fields[facet] = KEYWORD(commas=True, scorable=True)
    for lang in ANALYZED:
        fields[pairs_field(lang)] = KEYWORD(scorable=True)
        for kind in TEXT_KINDS:
            fields[text_field(kind, lang)] = TEXT(
                analyzer=analyzer(lang), phrase=False, stored=kind in ("text", "transcript")
            )
    return Schema(**fields)


def to_fields(doc: dict) -> dict:
    """A document from a domain's search.py as the index's field values."""
    fields = {
        "id": str(doc["id"]),
        "ident": doc["identifier"],
        **{name: "\n".join(doc.get(key, [])) for name, key, _weight in NAME_FIELDS},
        "updated": doc["updated"].encode(),
        "sort_title": fold(doc.get("sort_title") or "").encode(),
        "sort_date": doc["date_earliest"] if doc.get("date_earliest") is not None else NO_DATE,
        "display": json.dumps(_display(doc), ensure_ascii=False),
    }
    texts = _texts(doc)
    fields |= _point(doc) | _dates(doc) | _facets(doc) | {name: "\n".join(values) for name, values in texts.items()}
    names = [name for _field, key, _weight in NAME_FIELDS for name in doc.get(key, [])]
    fields |= _pairs(texts, names)
    own = doc.get("people", []) + doc.get("places", []) + doc.get("near_places", [])
    fields[SPELLING] = _spelling([*doc["titles"].values(), *own, *_names(doc.get("subjects"))])
    return fields


def spelling_words(reader) -> Counter[str]:
    """Every distinct folded word of one segment's live documents (titles, names, subjects), with the
    number of documents using it: the dictionary of a spelling corrector, as `reader.iter_field` would
    give it for a field analyzed with `analyzer(NEUTRAL)`."""
    found: Counter[str] = Counter()
    if not reader.doc_count_all() or not reader.has_column(SPELLING):
        return found
    column = reader.column_reader(SPELLING)
    for docnum, value in enumerate(column):
        if value and not reader.is_deleted(docnum):
            found.update(value.decode().split(" "))
    return found


def _spelling(texts: list[str]) -> bytes:
    # The terms the neutral analyzer gives (each word's parts, and a compound joined), once each.
    found: set[str] = set()
    for text in texts:
        for match in words(text):
            terms = word_terms(NEUTRAL, match.group())
            found.update(terms.stems)
            if terms.joined:
                found.add(terms.joined)
    return " ".join(sorted(found)).encode()


def facet_fields(doc: dict) -> dict:
    """The facet values and dates of a domain document, as its index fields (a passage carries its record's)."""
    return _dates(doc) | _facets(doc)


def _display(doc: dict) -> dict:
    keys = ("identifier", "kind", "language", "titles", "date_text", "place_near")
    labels = {
        "collection": dict(doc.get("collections", ())),
        "place": dict([doc["place"]] if doc.get("place") else []),
        "creator": dict(doc.get("creators", ())),
        "subject_facet": dict(doc.get("subjects", ())),
        "exhibit": dict(doc.get("exhibits", ())),
    }
    return {key: doc.get(key) for key in keys} | {"labels": labels}


def _names(pairs) -> list[str]:
    return [name for _slug, name in pairs or ()]


def _point(doc: dict) -> dict:
    point = doc.get("point")
    return {"latitude": point[0], "longitude": point[1]} if point else {}


def _dates(doc: dict) -> dict:
    first, last = doc.get("date_earliest"), doc.get("date_latest")
    if first is None:
        return {}
    last = first if last is None else last
    return {"date_earliest": first, "date_latest": last}


def _facets(doc: dict) -> dict:
    first = doc.get("date_earliest")
    values = {
        "kind": [doc["kind"]],
        "collection": [slug for slug, _title in doc.get("collections", ())],
        "place": [doc["place"][0]] if doc.get("place") else [],
        "creator": [slug for slug, _name in doc.get("creators", ())],
        "subject_facet": [slug for slug, _name in doc.get("subjects", ())],
        "exhibit": [slug for slug, _titles in doc.get("exhibits", ())],
        "century": [str(first // 100 * 100)] if first is not None else [],
        "decade": [str(first // 10 * 10)] if first is not None else [],
    }
    return {name: ",".join(value.replace(",", " ") for value in found) for name, found in values.items() if found}


def _texts(doc: dict) -> dict:
    texts: dict[str, list[str]] = {}
    subject_lang = field_language(doc.get("language"))
    for kind, values in (
        ("title", doc["titles"]),
        ("text", doc.get("descriptions", {})),
        ("transcript", doc.get("transcript", {})),
    ):
        for lang, value in values.items():
            if value:
                texts.setdefault(text_field(kind, field_language(lang)), []).append(value)
    if doc.get("subjects"):
        texts[text_field("subject", subject_lang)] = _names(doc["subjects"])
    return texts


def _pairs(texts: dict[str, list[str]], names: list[str]) -> dict[str, str]:
    """The stem pairs of every text (one title, name, paragraph or transcript line at a time), per language."""
    found: dict[str, set[str]] = {}
    parts = [(name.rsplit("_", 1)[1], value) for name, values in texts.items() for value in values]
    for lang, text in parts + [(NEUTRAL, name) for name in names]:
        for line in text.splitlines():
            found.setdefault(lang, set()).update(pairs(stems(lang, line)))
    return {pairs_field(lang): " ".join(sorted(values)) for lang, values in found.items() if values}
