"""trainees: programme cohorts, trainee profiles, the task board, time logged, trust, and public visits

Revision ID: e0f0a0b10016
Revises: d0e0f0a10013
Create Date: 2026-12-11 10:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = 'e0f0a0b10016'
down_revision = 'd0e0f0a10013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cohorts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('funders', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cohorts')),
    sa.UniqueConstraint('slug', name=op.f('uq_cohorts_slug'))
    )
    op.create_table('site_visits',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('section', sa.String(length=40), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'section', name=op.f('pk_site_visits'))
    )
    op.create_table('cohort_supervisors',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_cohort_supervisors_cohort_id_cohorts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cohort_supervisors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cohort_id', 'user_id', name=op.f('pk_cohort_supervisors'))
    )
    with op.batch_alter_table('cohort_supervisors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohort_supervisors_user_id'), ['user_id'], unique=False)

    op.create_table('task_trusts',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['granted_by_id'], ['users.id'], name=op.f('fk_task_trusts_granted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_task_trusts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'type', name=op.f('pk_task_trusts'))
    )
    op.create_table('trainee_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('weekly_hours', sa.Double(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('public_name', sa.String(length=255), nullable=True),
    sa.Column('photo_path', sa.String(length=200), nullable=True),
    sa.Column('example', sa.Boolean(), nullable=False),
    sa.Column('portfolio_key', sa.String(length=32), nullable=False),
    sa.Column('public_choices', sa.JSON(), nullable=False),
    sa.Column('origin', sa.String(length=2), nullable=True),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('outcome_on', sa.Date(), nullable=True),
    sa.Column('outcome_note', sa.Text(), nullable=True),
    sa.Column('forgotten_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohorts.id'], name=op.f('fk_trainee_profiles_cohort_id_cohorts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_trainee_profiles_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainee_profiles')),
    sa.UniqueConstraint('portfolio_key', name=op.f('uq_trainee_profiles_portfolio_key')),
    sa.UniqueConstraint('user_id', name=op.f('uq_trainee_profiles_user_id'))
    )
    with op.batch_alter_table('trainee_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trainee_profiles_cohort_id'), ['cohort_id'], unique=False)

    op.create_table('tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('instructions', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('need_key', sa.String(length=200), nullable=True),
    sa.Column('target_kind', sa.String(length=20), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('collection_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('difficulty', sa.Integer(), nullable=False),
    sa.Column('start_seconds', sa.Integer(), nullable=True),
    sa.Column('end_seconds', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('claimed_at', sa.DateTime(), nullable=True),
    sa.Column('claim_expires_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('submission_note', sa.Text(), nullable=False),
    sa.Column('result_kind', sa.String(length=20), nullable=True),
    sa.Column('result_id', sa.Integer(), nullable=True),
    sa.Column('sampled', sa.Boolean(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('review_comment', sa.Text(), nullable=False),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'], name=op.f('fk_tasks_claimed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['collection_id'], ['collections.id'], name=op.f('fk_tasks_collection_id_collections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_tasks_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_tasks_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks'))
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_approved_at'), ['approved_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_claimed_by_id'), ['claimed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_collection_id'), ['collection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_need_key'), ['need_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_reviewed_by_id'), ['reviewed_by_id'], unique=False)
        batch_op.create_index('ix_tasks_state_type', ['state', 'type'], unique=False)

    op.create_table('task_times',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('profile_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('entered', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['trainee_profiles.id'], name=op.f('fk_task_times_profile_id_trainee_profiles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_times_task_id_tasks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_task_times_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_times'))
    )
    with op.batch_alter_table('task_times', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_times_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_times_started_at'), ['started_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_times_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_times_user_id'), ['user_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('task_times', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_times_user_id'))
        batch_op.drop_index(batch_op.f('ix_task_times_task_id'))
        batch_op.drop_index(batch_op.f('ix_task_times_started_at'))
        batch_op.drop_index(batch_op.f('ix_task_times_profile_id'))

    op.drop_table('task_times')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_state_type')
        batch_op.drop_index(batch_op.f('ix_tasks_reviewed_by_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_need_key'))
        batch_op.drop_index(batch_op.f('ix_tasks_collection_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_claimed_by_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_approved_at'))

    op.drop_table('tasks')
    with op.batch_alter_table('trainee_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainee_profiles_cohort_id'))

    op.drop_table('trainee_profiles')
    op.drop_table('task_trusts')
    with op.batch_alter_table('cohort_supervisors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cohort_supervisors_user_id'))

    op.drop_table('cohort_supervisors')
    op.drop_table('site_visits')
    op.drop_table('cohorts')
