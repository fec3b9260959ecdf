"""postgres search dates: a B-tree on the search documents' dates (PostgreSQL only)

Revision ID: pgsearch0003
Revises: pgsearch0002
Create Date: 2026-12-13 10:00:00

A year or range typed (`1914-1918`) is a clause that a document also has when its dates meet the period. With
only the GIN index of the words, a search having such a clause read every document; with this index PostgreSQL
ORs the clause's words bitmap with the dates' (app/search/pg/statement.py, `counted`). On SQLite, nothing.
"""

from alembic import op

revision = 'pgsearch0003'
down_revision = 'pgsearch0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.create_index('ix_search_documents_dates', 'search_documents', ['date_latest', 'date_earliest'])


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.drop_index('ix_search_documents_dates', table_name='search_documents')
