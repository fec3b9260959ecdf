"""`museum edm refresh-tiers` fills the tiers of items written before they existed."""

import shutil

from click.testing import CliRunner
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.cli import main
from app.item.models import Item
from tests.factories import make_item


def test_refresh_tiers_fills_every_item(tmp_path, migrated_sqlite_file, monkeypatch):
    path = tmp_path / "cli.db"
    shutil.copy(migrated_sqlite_file, path)
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    with Session(engine) as session:
        make_item(session, dc_type="Maison", rights="https://creativecommons.org/licenses/by/4.0/")
        make_item(session)
        session.commit()
    for name, value in {"DATABASE_URL": url, "MEDIA_DIR": tmp_path / "media", "INDEX_DIR": tmp_path / "index"}.items():
        monkeypatch.setenv(f"MUSEUM_{name}", str(value))
    result = CliRunner().invoke(main, ["edm", "refresh-tiers"])
    assert result.exit_code == 0, result.output
    assert "2 items" in result.output
    with Session(engine) as session:
        assert sorted(session.execute(select(Item.content_tier, Item.metadata_tier)).all()) == [(0, "0"), (0, "A")]
    engine.dispose()
