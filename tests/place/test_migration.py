"""The places migration keeps the places that exist, as localities named as before."""

from alembic import command
from sqlalchemy import create_engine, text

from tests.migrate import alembic_config


def test_existing_places_are_kept(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "e5c0c0a10005")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO places (name, slug, latitude) VALUES ('Emu Plains', 'emu-plains', -33.7)"))
    command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT name, slug, latitude, kind, country, names, other_names FROM places")
        ).one()
    engine.dispose()
    assert tuple(row) == ("Emu Plains", "emu-plains", -33.7, "locality", None, "{}", "[]")
