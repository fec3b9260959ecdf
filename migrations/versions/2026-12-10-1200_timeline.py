"""timeline: one index over the published items' years, so that the timeline counts a level from the index alone

Revision ID: d0e0f0a10012
Revises: d0e0f0a10010
Create Date: 2026-12-10 12:00:00
"""

from alembic import op


revision = 'd0e0f0a10012'
down_revision = 'd0e0f0a10010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_items_status_dates', 'items', ['status', 'date_earliest', 'date_latest', 'kind'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_items_status_dates', table_name='items')
