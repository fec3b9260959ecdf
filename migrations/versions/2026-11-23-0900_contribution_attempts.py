"""contribution attempts: every processed form, to use each stamp once and count refusals toward the limit

Revision ID: d4c0c0a10004
Revises: c3c0c0a10003
Create Date: 2026-11-23 09:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'd4c0c0a10004'
down_revision = 'c3c0c0a10003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('contribution_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stamp_key', sa.String(length=64), nullable=False),
    sa.Column('address_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_attempts')),
    sa.UniqueConstraint('stamp_key', name=op.f('uq_contribution_attempts_stamp_key'))
    )
    op.create_index(op.f('ix_contribution_attempts_address_hash'), 'contribution_attempts', ['address_hash'],
                    unique=False)
    op.create_index(op.f('ix_contribution_attempts_created_at'), 'contribution_attempts', ['created_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_contribution_attempts_created_at'), table_name='contribution_attempts')
    op.drop_index(op.f('ix_contribution_attempts_address_hash'), table_name='contribution_attempts')
    op.drop_table('contribution_attempts')
