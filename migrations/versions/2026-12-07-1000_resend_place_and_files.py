"""resend place and files: an earlier version of a contribution keeps its place from the list, and a file
added by the resident's answer names the version that answer kept

Revision ID: a8c0c0a10008
Revises: f7c0c0a10007
Create Date: 2026-12-07 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'a8c0c0a10008'
down_revision = 'f7c0c0a10007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('contribution_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_contribution_versions_place_id'), ['place_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_contribution_versions_place_id_places'), 'places', ['place_id'],
                                    ['id'], ondelete='SET NULL')
    with op.batch_alter_table('contribution_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_contribution_files_version_id'), ['version_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_contribution_files_version_id_contribution_versions'),
                                    'contribution_versions', ['version_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('contribution_files', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contribution_files_version_id_contribution_versions'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_contribution_files_version_id'))
        batch_op.drop_column('version_id')
    with op.batch_alter_table('contribution_versions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_contribution_versions_place_id_places'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_contribution_versions_place_id'))
        batch_op.drop_column('place_id')
