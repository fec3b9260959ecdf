"""catalog

Revision ID: 76b24e247d0d
Revises: 
Create Date: 2026-11-22 17:10:42.887444
"""

from alembic import op
import sqlalchemy as sa


revision = '76b24e247d0d'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('slug', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agents')),
    sa.UniqueConstraint('slug', name=op.f('uq_agents_slug'))
    )
    op.create_table('collections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=100), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('descriptions', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collections')),
    sa.UniqueConstraint('slug', name=op.f('uq_collections_slug'))
    )
    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('slug', sa.String(length=255), nullable=False),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('slug', name=op.f('uq_places_slug'))
    )
    op.create_table('subjects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('slug', sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subjects')),
    sa.UniqueConstraint('slug', name=op.f('uq_subjects_slug'))
    )
    op.create_table('items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identifier', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('featured', sa.Boolean(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('titles', sa.JSON(), nullable=False),
    sa.Column('descriptions', sa.JSON(), nullable=False),
    sa.Column('sort_title', sa.String(length=255), nullable=False),
    sa.Column('date_text', sa.String(length=255), nullable=True),
    sa.Column('date_earliest', sa.Integer(), nullable=True),
    sa.Column('date_latest', sa.Integer(), nullable=True),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('latitude', sa.Double(), nullable=True),
    sa.Column('longitude', sa.Double(), nullable=True),
    sa.Column('dc_type', sa.String(length=255), nullable=True),
    sa.Column('format', sa.String(length=255), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('relation', sa.Text(), nullable=True),
    sa.Column('rights', sa.String(length=255), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('construction_period', sa.String(length=255), nullable=True),
    sa.Column('protection', sa.String(length=255), nullable=True),
    sa.Column('merimee_reference', sa.String(length=20), nullable=True),
    sa.Column('medium', sa.String(length=500), nullable=True),
    sa.Column('dimensions', sa.String(length=500), nullable=True),
    sa.Column('inscription', sa.Text(), nullable=True),
    sa.Column('recording_date', sa.String(length=32), nullable=True),
    sa.Column('duration_seconds', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_items_place_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_items')),
    sa.UniqueConstraint('identifier', name=op.f('uq_items_identifier'))
    )
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_items_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_place_id'), ['place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_sort_title'), ['sort_title'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_items_updated_at'), ['updated_at'], unique=False)

    op.create_table('collection_items',
    sa.Column('collection_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['collection_id'], ['collections.id'], name=op.f('fk_collection_items_collection_id_collections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_collection_items_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('collection_id', 'item_id', name=op.f('pk_collection_items'))
    )
    with op.batch_alter_table('collection_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_collection_items_item_id'), ['item_id'], unique=False)

    op.create_table('item_agents',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agents.id'], name=op.f('fk_item_agents_agent_id_agents')),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_agents_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'agent_id', 'role', name=op.f('pk_item_agents'))
    )
    with op.batch_alter_table('item_agents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_agents_agent_id'), ['agent_id'], unique=False)

    op.create_table('item_subjects',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_item_subjects_item_id_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['subjects.id'], name=op.f('fk_item_subjects_subject_id_subjects')),
    sa.PrimaryKeyConstraint('item_id', 'subject_id', name=op.f('pk_item_subjects'))
    )
    with op.batch_alter_table('item_subjects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_subjects_subject_id'), ['subject_id'], unique=False)

    op.create_table('media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('media_type', sa.String(length=20), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_path', sa.String(length=255), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('captions', sa.JSON(), nullable=False),
    sa.Column('alt_texts', sa.JSON(), nullable=False),
    sa.Column('rights', sa.String(length=255), nullable=True),
    sa.Column('credit', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_media_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_media'))
    )
    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_media_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_media_sha256'), ['sha256'], unique=False)

    op.create_table('transcript_segments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start_seconds', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['items.id'], name=op.f('fk_transcript_segments_item_id_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transcript_segments'))
    )
    with op.batch_alter_table('transcript_segments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transcript_segments_item_id'), ['item_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('transcript_segments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transcript_segments_item_id'))

    op.drop_table('transcript_segments')
    with op.batch_alter_table('media', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_media_sha256'))
        batch_op.drop_index(batch_op.f('ix_media_item_id'))

    op.drop_table('media')
    with op.batch_alter_table('item_subjects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_subjects_subject_id'))

    op.drop_table('item_subjects')
    with op.batch_alter_table('item_agents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_agents_agent_id'))

    op.drop_table('item_agents')
    with op.batch_alter_table('collection_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_collection_items_item_id'))

    op.drop_table('collection_items')
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_items_updated_at'))
        batch_op.drop_index(batch_op.f('ix_items_status'))
        batch_op.drop_index(batch_op.f('ix_items_sort_title'))
        batch_op.drop_index(batch_op.f('ix_items_place_id'))
        batch_op.drop_index(batch_op.f('ix_items_kind'))
        batch_op.drop_index(batch_op.f('ix_items_date_latest'))
        batch_op.drop_index(batch_op.f('ix_items_date_earliest'))

    op.drop_table('items')
    op.drop_table('subjects')
    op.drop_table('places')
    op.drop_table('collections')
    op.drop_table('agents')
