"""The settings of several app servers: keys every server shares, and a clear refusal of keys only one host has."""

import pytest
from click.testing import CliRunner

from app.cli import main
from app.config import Settings
from app.portfolio import keys

POSTGRES = "postgresql+psycopg://museum:museum@127.0.0.1:9/none"  # never reached: the check comes first
PEM = keys.new_pem()


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"database_url": "sqlite:///museum.db"}, []),
        ({"database_url": POSTGRES}, ["MUSEUM_SECRET_KEY", "MUSEUM_BADGE_KEY"]),
        ({"database_url": POSTGRES, "secret_key": "s"}, ["MUSEUM_BADGE_KEY"]),
        ({"database_url": POSTGRES, "secret_key": "s", "badge_key": PEM}, []),
        ({"database_url": POSTGRES, "key_files_shared": True}, []),
    ],
)
def test_keys_a_host_would_keep_to_itself_are_named(fields, missing):
    assert Settings(**fields).unshared_keys() == missing


def test_serve_refuses_per_host_key_files_on_a_shared_database(tmp_path):
    environment = {"MUSEUM_DATABASE_URL": POSTGRES, "MUSEUM_SECRET_KEY": "s", "MUSEUM_MEDIA_DIR": str(tmp_path)}
    result = CliRunner().invoke(main, ["serve", "--port", "9"], env=environment)
    assert result.exit_code == 2
    assert "MUSEUM_BADGE_KEY is not set" in result.output and "MUSEUM_KEY_FILES_SHARED" in result.output
    assert not list(tmp_path.iterdir())


def test_every_server_signs_badges_with_the_key_of_the_settings(tmp_path):
    servers = [Settings(badge_key=PEM, badge_key_file=tmp_path / name / "badge_key.pem") for name in "ab"]
    prints = {keys.thumbprint(keys.private_key(settings).public_key()) for settings in servers}
    assert len(prints) == 1
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
    assert Settings(badge_key=PEM).model_dump(mode="json")["badge_key"] != PEM  # no dump shows it


def test_new_keys_prints_a_secret_key_and_a_badge_key_that_load():
    output = CliRunner().invoke(main, ["new-keys"]).output
    secret, badge = output.split("\n", 1)
    assert secret.startswith("MUSEUM_SECRET_KEY=") and len(secret) > 60
    pem = badge.removeprefix("MUSEUM_BADGE_KEY='").strip().removesuffix("'")
    assert keys.private_key(Settings(badge_key=pem)).public_key() is not None
