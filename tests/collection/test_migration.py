"""The migration that makes collections publishable keeps the existing ones public."""

from alembic import command
from sqlalchemy import create_engine, text

from tests.migrate import alembic_config


def test_collections_existing_before_the_workflow_stay_published(tmp_path):
    url = f"sqlite:///{tmp_path / 'before.db'}"
    config = alembic_config(url)
    command.upgrade(config, "d4c0c0a10004")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO collections (slug, language, titles, descriptions, position) "
                "VALUES ('patrimoine', 'fr', '{\"fr\": \"Patrimoine\"}', '{}', 0)"
            )
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.execute(text("SELECT status, cover_media_id, created_at FROM collections")).one()
        revisions = connection.execute(text("SELECT count(*) FROM collection_revisions")).scalar()
    engine.dispose()
    assert (row.status, row.cover_media_id, revisions) == ("published", None, 0) and row.created_at
