"""The PostgreSQL search tables (migrations pgsearch0001 and pgsearch0002), as Core tables of their own metadata.

They are not in the models' metadata: they exist on PostgreSQL only, and `alembic check` skips them
(migrations/env.py) so that the SQLite and PostgreSQL schemas compare alike.
"""

from sqlalchemy import Column, Float, Integer, MetaData, SmallInteger, Table, Text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR

FACETS = ("collection", "place", "creator", "subject", "exhibit", "century", "decade")
LANGS = ("fr", "de", "en", "xx")  # the analyzed languages (app/search/analysis.py), xx: names and others
CONFIGS = {"fr": "museum_fr", "de": "museum_de", "en": "museum_en", "xx": "museum_simple"}

metadata = MetaData()

documents = Table(
    "search_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("identifier", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("updated", Text, nullable=False),
    Column("sort_title", Text, nullable=False),
    Column("sort_date", Integer, nullable=False),
    Column("date_earliest", Integer),
    Column("date_latest", Integer),
    Column("latitude", Float),
    Column("longitude", Float),
    *[Column(facet, ARRAY(Text), nullable=False) for facet in FACETS],
    *[Column(f"tsv_{lang}", TSVECTOR, nullable=False) for lang in LANGS],
    Column("tsv", TSVECTOR, nullable=False),
    Column("labels", JSONB, nullable=False),
    Column("stored", JSONB, nullable=False),
)

suggestions = Table(
    "search_suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, nullable=False),
    Column("kind", SmallInteger, nullable=False),
    Column("text", Text, nullable=False),
    Column("folded", Text, nullable=False),
    Column("langs", Text, nullable=False),
)

words = Table("search_words", metadata, Column("word", Text, primary_key=True))

# The Whoosh engine's companion indexes in one table: the interviews' moments (index_name PASSAGES) and each
# companion's records (index_name its name: "exhibit"), app/search/pg/passages.py.
passages = Table(
    "search_passages",
    metadata,
    Column("index_name", Text, primary_key=True),
    Column("id", Text, primary_key=True),
    Column("record_id", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("kind", Text),
    Column("date_earliest", Integer),
    Column("date_latest", Integer),
    *[Column(facet, ARRAY(Text), nullable=False) for facet in FACETS],
    *[Column(f"tsv_{lang}", TSVECTOR, nullable=False) for lang in LANGS],
    Column("tsv", TSVECTOR, nullable=False),
    Column("display", JSONB, nullable=False),
)

NAMES = frozenset(metadata.tables)
