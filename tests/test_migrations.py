"""The models and the migrations describe the same schema."""

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
