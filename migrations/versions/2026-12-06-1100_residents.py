"""residents: readable item identifiers per year, the team's request for information on a contribution, the
resident's earlier versions, moderators' alternative texts for contributed photos, the status link's last mail

Revision ID: f7c0c0a10007
Revises: f6c0c0a10006
Create Date: 2026-12-06 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'f7c0c0a10007'
down_revision = 'f6c0c0a10006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('identifier_sequences',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_identifier_sequences'))
    )
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('info_request', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('link_mailed_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('contribution_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alt_text', sa.String(length=1000), nullable=True))
    op.create_table('contribution_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contribution_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=True),
    sa.Column('story', sa.Text(), nullable=False),
    sa.Column('date_text', sa.String(length=255), nullable=True),
    sa.Column('place_text', sa.String(length=255), nullable=True),
    sa.Column('info_request', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contribution_id'], ['contributions.id'],
                            name=op.f('fk_contribution_versions_contribution_id_contributions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_versions')),
    sa.UniqueConstraint('contribution_id', 'number', name=op.f('uq_contribution_versions_contribution_id'))
    )
    with op.batch_alter_table('contribution_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contribution_versions_contribution_id'), ['contribution_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('contribution_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contribution_versions_contribution_id'))
    op.drop_table('contribution_versions')
    with op.batch_alter_table('contribution_files', schema=None) as batch_op:
        batch_op.drop_column('alt_text')
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_column('link_mailed_at')
        batch_op.drop_column('info_request')
    op.drop_table('identifier_sequences')
