"""The models and the migrations describe the same schema."""

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from tests.migrate import alembic_config


def test_models_and_migrations_agree(database_url):
    command.check(alembic_config(database_url))


def test_migrations_form_a_single_line(database_url):
    assert len(ScriptDirectory.from_config(alembic_config(database_url)).get_heads()) == 1


def test_migrations_downgrade_and_upgrade_cleanly(tmp_path):
    config = alembic_config(f"sqlite:///{tmp_path / 'roundtrip.db'}")
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")


def test_transcript_segments_become_cues_with_nothing_lost(tmp_path):
    url = f"sqlite:///{tmp_path / 'cues.db'}"
    config = alembic_config(url)
    command.upgrade(config, "a8c0c0a10008")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO items (id, identifier, kind, status, featured, language, titles, descriptions, "
                "sort_title, place_near, created_at, updated_at) VALUES (7, 'VIL-1', 'interview', 'published', "
                "0, 'fr', '{}', '{}', '', 0, '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO transcript_segments (item_id, position, start_seconds, language, text) VALUES "
                "(7, 0, NULL, 'fr', 'Entretien du 3 mai'), (7, 1, 5, 'fr', 'AW: Bonjour.'), "
                "(7, 2, 65, 'it', 'Buongiorno.')"
            )
        )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        cues = connection.execute(
            sa.text(
                "SELECT position, start_seconds, end_seconds, language, text FROM transcript_cues ORDER BY position"
            )
        ).all()
        access = connection.execute(sa.text("SELECT item_id, access FROM interviews")).all()
    engine.dispose()
    assert [tuple(cue) for cue in cues] == [
        (0, None, None, "fr", "Entretien du 3 mai"),
        (1, 5.0, 65.0, "fr", "AW: Bonjour."),
        (2, 65.0, None, "it", "Buongiorno."),
    ]
    assert [tuple(row) for row in access] == [(7, "public")]
