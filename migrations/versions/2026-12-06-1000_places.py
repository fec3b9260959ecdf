"""places: kind, country, names by language and other spellings; items near rather than in their place

Revision ID: f6c0c0a10006
Revises: e5c0c0a10005
Create Date: 2026-12-06 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "f6c0c0a10006"
down_revision = "e5c0c0a10005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing places are kept as they are: localities with no names by language (their `name` is shown).
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=False, server_default="locality"))
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("names", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column("other_names", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.create_index(batch_op.f("ix_places_country"), ["country"], unique=False)
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.alter_column("names", server_default=None)
        batch_op.alter_column("other_names", server_default=None)
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place_near", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.alter_column("place_near", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_column("place_near")
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_places_country"))
        batch_op.drop_column("other_names")
        batch_op.drop_column("names")
        batch_op.drop_column("country")
        batch_op.drop_column("kind")
