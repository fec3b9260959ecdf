"""oai records: the items harvesters have seen, kept as deleted headers once they leave the public

Revision ID: e0f0a0b10020
Revises: e0f0a0b10017
Create Date: 2026-12-11 12:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'e0f0a0b10020'
down_revision = 'e0f0a0b10017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('oai_records',
    sa.Column('item_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('identifier', sa.String(length=64), nullable=False),
    sa.Column('sets', sa.Text(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_oai_records'))
    )
    with op.batch_alter_table('oai_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oai_records_deleted_at'), ['deleted_at'], unique=False)
    # The items published before this revision have been shown to harvesters already: they are recorded live,
    # so that their withdrawal or deletion is reported (their sets are written at their next change).
    op.execute(
        "INSERT INTO oai_records (item_id, identifier, sets, deleted_at) "
        "SELECT id, identifier, ' kind:' || kind || ' ', NULL FROM items WHERE status = 'published'"
    )


def downgrade() -> None:
    with op.batch_alter_table('oai_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oai_records_deleted_at'))
    op.drop_table('oai_records')
