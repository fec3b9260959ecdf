"""plaques: visits that came from a plaque's QR code, counted per page and day

Revision ID: d0e0f0a10013
Revises: d0e0f0a10012
Create Date: 2026-12-10 13:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'd0e0f0a10013'
down_revision = 'd0e0f0a10012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plaque_visits',
    sa.Column('path', sa.String(length=400), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('path', 'day', name=op.f('pk_plaque_visits'))
    )


def downgrade() -> None:
    op.drop_table('plaque_visits')
