"""postgres passages: the interviews' moments and the exhibits found beside the items, for MUSEUM_SEARCH_ENGINE=postgres

Revision ID: pgsearch0002
Revises: pgsearch0001
Create Date: 2026-12-12 11:00:00

On PostgreSQL: search_passages, the rows of the Whoosh engine's companion indexes (app/search/passages.py) in one
table: `index_name` says which ('passages' for the interviews' moments, a companion's name such as 'exhibit'),
`record_id` the record a row belongs to, `start` its second. Each has a tsvector per analyzed language and their
union (GIN-indexed), its record's facet arrays and dates (the search's filters apply to them), and what a result
shows. On SQLite, nothing: Whoosh searches there.
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision = 'pgsearch0002'
down_revision = 'pgsearch0001'
branch_labels = None
depends_on = None

FACETS = ('collection', 'place', 'creator', 'subject', 'exhibit', 'century', 'decade')
LANGS = ('fr', 'de', 'en', 'xx')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.create_table(
        'search_passages',
        sa.Column('index_name', sa.Text(), primary_key=True),
        sa.Column('id', sa.Text(), primary_key=True),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=True),
        sa.Column('date_earliest', sa.Integer(), nullable=True),
        sa.Column('date_latest', sa.Integer(), nullable=True),
        *[sa.Column(facet, postgresql.ARRAY(sa.Text()), nullable=False) for facet in FACETS],
        *[sa.Column(f'tsv_{lang}', postgresql.TSVECTOR(), nullable=False) for lang in LANGS],
        sa.Column('tsv', postgresql.TSVECTOR(), nullable=False),
        sa.Column('display', postgresql.JSONB(), nullable=False),
    )
    op.create_index('ix_search_passages_record', 'search_passages', ['index_name', 'record_id'])
    op.create_index('ix_search_passages_tsv', 'search_passages', ['tsv'], postgresql_using='gin')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.drop_table('search_passages')
