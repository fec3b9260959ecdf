"""contributions: residents' memories waiting for moderation, and their files

Revision ID: c3c0c0a10003
Revises: b2c0c0a10002
Create Date: 2026-11-22 21:10:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'c3c0c0a10003'
down_revision = 'b2c0c0a10002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('contributions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('story', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('date_text', sa.String(length=255), nullable=True),
    sa.Column('date_earliest', sa.Integer(), nullable=True),
    sa.Column('date_latest', sa.Integer(), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('place_text', sa.String(length=255), nullable=True),
    sa.Column('target_item_id', sa.Integer(), nullable=True),
    sa.Column('credit_choice', sa.String(length=20), nullable=False),
    sa.Column('display_name', sa.String(length=255), nullable=True),
    sa.Column('contact', sa.String(length=255), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('consent_version', sa.String(length=20), nullable=False),
    sa.Column('rights', sa.String(length=255), nullable=False),
    sa.Column('address_hash', sa.String(length=64), nullable=True),
    sa.Column('created_item_id', sa.Integer(), nullable=True),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_item_id'], ['items.id'], name=op.f('fk_contributions_created_item_id_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['moderator_id'], ['users.id'], name=op.f('fk_contributions_moderator_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_contributions_place_id_places'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_item_id'], ['items.id'], name=op.f('fk_contributions_target_item_id_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contributions_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contributions')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_contributions_idempotency_key')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_contributions_token_hash'))
    )
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contributions_address_hash'), ['address_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_created_item_id'), ['created_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_moderator_id'), ['moderator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_place_id'), ['place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_target_item_id'), ['target_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contributions_user_id'), ['user_id'], unique=False)

    op.create_table('contribution_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contribution_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=20), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_path', sa.String(length=255), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('duration_seconds', sa.Double(), nullable=True),
    sa.ForeignKeyConstraint(['contribution_id'], ['contributions.id'], name=op.f('fk_contribution_files_contribution_id_contributions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_files'))
    )
    with op.batch_alter_table('contribution_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contribution_files_contribution_id'), ['contribution_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('contribution_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contribution_files_contribution_id'))

    op.drop_table('contribution_files')
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contributions_user_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_target_item_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_status'))
        batch_op.drop_index(batch_op.f('ix_contributions_place_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_moderator_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_created_item_id'))
        batch_op.drop_index(batch_op.f('ix_contributions_created_at'))
        batch_op.drop_index(batch_op.f('ix_contributions_address_hash'))

    op.drop_table('contributions')
