"""publishable collections: status (existing ones published), cover image, timestamps, and their revisions

Revision ID: e5c0c0a10005
Revises: d4c0c0a10004
Create Date: 2026-12-05 12:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'e5c0c0a10005'
down_revision = 'd4c0c0a10004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Collections existing before the workflow were public: they stay so. New ones are drafts (the model's default).
    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False, server_default='published'))
        batch_op.add_column(sa.Column('cover_media_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('created_at', sa.DateTime(), nullable=False,
                                      server_default=sa.text('CURRENT_TIMESTAMP')))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), nullable=False,
                                      server_default=sa.text('CURRENT_TIMESTAMP')))
        batch_op.create_index(batch_op.f('ix_collections_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_collections_cover_media_id'), ['cover_media_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_collections_cover_media_id_media'), 'media', ['cover_media_id'],
                                    ['id'], ondelete='SET NULL')
    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.alter_column('status', server_default=None)
        batch_op.alter_column('created_at', server_default=None)
        batch_op.alter_column('updated_at', server_default=None)

    op.create_table('collection_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collection_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['collection_id'], ['collections.id'],
                            name=op.f('fk_collection_revisions_collection_id_collections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_collection_revisions_user_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collection_revisions')),
    sa.UniqueConstraint('collection_id', 'number', name=op.f('uq_collection_revisions_collection_id'))
    )
    with op.batch_alter_table('collection_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collection_revisions_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_collection_revisions_collection_id'), ['collection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_collection_revisions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_collection_revisions_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('collection_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collection_revisions_user_id'))
        batch_op.drop_index(batch_op.f('ix_collection_revisions_created_at'))
        batch_op.drop_index(batch_op.f('ix_collection_revisions_collection_id'))
        batch_op.drop_index(batch_op.f('ix_collection_revisions_action'))
    op.drop_table('collection_revisions')

    with op.batch_alter_table('collections', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_collections_cover_media_id_media'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_collections_cover_media_id'))
        batch_op.drop_index(batch_op.f('ix_collections_status'))
        batch_op.drop_column('updated_at')
        batch_op.drop_column('created_at')
        batch_op.drop_column('cover_media_id')
        batch_op.drop_column('status')
