"""media technical metadata and jobs

Revision ID: d02b5e777d09
Revises: 76b24e247d0d
Create Date: 2026-11-22 17:41:59.106997
"""

from alembic import op
import sqlalchemy as sa


revision = 'd02b5e777d09'
down_revision = '76b24e247d0d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('max_attempts', sa.Integer(), nullable=False),
    sa.Column('run_after', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_jobs'))
    )
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jobs_key'), ['key'], unique=False)
        batch_op.create_index('ix_jobs_status_run_after', ['status', 'run_after'], unique=False)

    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_name', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('duration_seconds', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('technical', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('derivatives_status', sa.String(length=20), nullable=False, server_default='pending'))


def downgrade() -> None:
    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.drop_column('derivatives_status')
        batch_op.drop_column('technical')
        batch_op.drop_column('duration_seconds')
        batch_op.drop_column('original_name')

    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_jobs_status_run_after')
        batch_op.drop_index(batch_op.f('ix_jobs_key'))

    op.drop_table('jobs')
