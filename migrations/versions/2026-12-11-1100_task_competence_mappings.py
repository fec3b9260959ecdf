"""task competence mappings: the mapping supervisors adjust, kept in the database for every app server

Revision ID: e0f0a0b10017
Revises: e0f0a0b10016
Create Date: 2026-12-11 11:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'e0f0a0b10017'
down_revision = 'e0f0a0b10016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('task_competence_mappings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('saved_by_id', sa.Integer(), nullable=True),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['saved_by_id'], ['users.id'], name=op.f('fk_task_competence_mappings_saved_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_competence_mappings'))
    )


def downgrade() -> None:
    op.drop_table('task_competence_mappings')
