"""europeana tiers: each item's content and metadata tier, kept for the workspace's filter

Revision ID: e0f0a0b10021
Revises: e0f0a0b10020
Create Date: 2026-12-11 13:00:00

The columns start empty: `museum edm refresh-tiers` computes them for the existing items (the tiers are read
on each item's EDM graph, which a migration cannot build); every later write keeps them current.
"""

from alembic import op
import sqlalchemy as sa


revision = 'e0f0a0b10021'
down_revision = 'e0f0a0b10020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_tier', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('metadata_tier', sa.String(length=1), nullable=True))
        batch_op.create_index(batch_op.f('ix_items_content_tier'), ['content_tier'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_metadata_tier'), ['metadata_tier'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_items_metadata_tier'))
        batch_op.drop_index(batch_op.f('ix_items_content_tier'))
        batch_op.drop_column('metadata_tier')
        batch_op.drop_column('content_tier')
