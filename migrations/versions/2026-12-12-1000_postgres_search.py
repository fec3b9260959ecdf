"""postgres search: the search tables of MUSEUM_SEARCH_ENGINE=postgres (PostgreSQL only)

Revision ID: pgsearch0001
Revises: e0f0a0b10021
Create Date: 2026-12-12 10:00:00

On PostgreSQL: the unaccent and pg_trgm extensions, the text search configurations museum_fr, museum_de,
museum_en and museum_simple (unaccent before the stemmer), and three tables: search_documents (each public
record's document: a tsvector per analyzed language and their union, facet arrays, dates, sort keys, what a
result shows), search_suggestions (titles and names for the suggestions box) and search_words (the words
"did you mean" proposes), with GIN indexes. On SQLite, nothing: Whoosh searches there.
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision = 'pgsearch0001'
down_revision = 'e0f0a0b10021'
branch_labels = None
depends_on = None

CONFIGS = {'museum_fr': 'french', 'museum_de': 'german', 'museum_en': 'english', 'museum_simple': 'simple'}
FACETS = ('collection', 'place', 'creator', 'subject', 'exhibit', 'century', 'decade')
LANGS = ('fr', 'de', 'en', 'xx')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    # In public, whatever the search path: a database whose tables live in another schema (the search tests' own)
    # keeps them when that schema is dropped, and the dictionary is named by its schema below.
    op.execute('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public')
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public')
    for name, copied in CONFIGS.items():
        stemmer = 'simple' if copied == 'simple' else f'{copied}_stem'
        op.execute(f'CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{copied})')
        op.execute(
            f'ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word, '
            f'asciiword, asciihword, hword_asciipart WITH public.unaccent, {stemmer}'
        )
    op.create_table(
        'search_documents',
        sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column('identifier', sa.Text(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('updated', sa.Text(), nullable=False),
        sa.Column('sort_title', sa.Text(), nullable=False),
        sa.Column('sort_date', sa.Integer(), nullable=False),
        sa.Column('date_earliest', sa.Integer(), nullable=True),
        sa.Column('date_latest', sa.Integer(), nullable=True),
        sa.Column('latitude', sa.Float(), nullable=True),
        sa.Column('longitude', sa.Float(), nullable=True),
        *[sa.Column(facet, postgresql.ARRAY(sa.Text()), nullable=False) for facet in FACETS],
        *[sa.Column(f'tsv_{lang}', postgresql.TSVECTOR(), nullable=False) for lang in LANGS],
        sa.Column('tsv', postgresql.TSVECTOR(), nullable=False),
        sa.Column('labels', postgresql.JSONB(), nullable=False),
        sa.Column('stored', postgresql.JSONB(), nullable=False),
    )
    op.create_index('ix_search_documents_tsv', 'search_documents', ['tsv'], postgresql_using='gin')
    op.create_index('ix_search_documents_kind', 'search_documents', ['kind'])
    op.create_index('ix_search_documents_sort_title', 'search_documents', ['sort_title'])
    op.create_index('ix_search_documents_sort_date', 'search_documents', ['sort_date', 'sort_title'])
    for facet in FACETS:
        op.create_index(f'ix_search_documents_{facet}', 'search_documents', [facet], postgresql_using='gin')
    op.create_table(
        'search_suggestions',
        sa.Column('id', sa.Integer(), sa.Identity(), primary_key=True),
        sa.Column(
            'document_id', sa.Integer(), sa.ForeignKey('search_documents.id', ondelete='CASCADE'), nullable=False
        ),
        sa.Column('kind', sa.SmallInteger(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('folded', sa.Text(), nullable=False),
        sa.Column('langs', sa.Text(), nullable=False),
    )
    op.create_index('ix_search_suggestions_document_id', 'search_suggestions', ['document_id'])
    op.execute('CREATE INDEX ix_search_suggestions_folded ON search_suggestions USING gin (folded gin_trgm_ops)')
    op.create_table('search_words', sa.Column('word', sa.Text(), primary_key=True))
    op.execute('CREATE INDEX ix_search_words_word_trgm ON search_words USING gin (word gin_trgm_ops)')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.drop_table('search_words')
    op.drop_table('search_suggestions')
    op.drop_table('search_documents')
    for name in CONFIGS:
        op.execute(f'DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}')
