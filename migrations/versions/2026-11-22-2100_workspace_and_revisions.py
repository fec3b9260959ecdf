"""workspace and revisions: item revisions (changed fields, snapshot, comment)

Revision ID: b2c0c0a10002
Revises: a1c0c0a10001
Create Date: 2026-11-22 21:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'b2c0c0a10002'
down_revision = 'a1c0c0a10001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('item_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_revisions_item_id_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_item_revisions_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_revisions')),
    sa.UniqueConstraint('item_id', 'number', name=op.f('uq_item_revisions_item_id'))
    )
    with op.batch_alter_table('item_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_revisions_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_revisions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_revisions_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_revisions_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('item_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_revisions_user_id'))
        batch_op.drop_index(batch_op.f('ix_item_revisions_item_id'))
        batch_op.drop_index(batch_op.f('ix_item_revisions_created_at'))
        batch_op.drop_index(batch_op.f('ix_item_revisions_action'))

    op.drop_table('item_revisions')
