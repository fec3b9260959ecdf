"""`museum export` of a title holding a NUL (stored before input refused it) gives a file the importer takes back."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.item.models import Item
from app.transfer.exporter import export_file
from app.transfer.importer import import_file
from tests.backup.conftest import ON_POSTGRES
from tests.factories import make_item
from tests.migrate import upgrade

pytestmark = pytest.mark.skipif(ON_POSTGRES, reason="PostgreSQL stores no NUL in text: such rows exist on SQLite only")


@pytest.mark.parametrize("extension", ["csv", "jsonl"])
def test_a_title_with_a_nul_does_not_make_the_export_refused_on_import(tmp_path, session, settings, extension):
    make_item(session, identifier="NUL-1", titles={"fr": "Le\x00laminoir", "de": "Das Walzwerk"})
    make_item(session, identifier="NUL-2", titles={"fr": "La cité ouvrière"}, descriptions={"fr": "A\x00B"})
    path = tmp_path / f"items.{extension}"
    assert export_file(session, path, settings) == 2

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(url)
    engine = make_engine(url)
    other = Settings(database_url=url, media_dir=settings.media_dir, index_dir=tmp_path / "index")
    with Session(engine) as fresh:
        report = import_file(fresh, path, other)
        titles = {identifier: value for identifier, value in fresh.execute(select(Item.identifier, Item.titles))}
    engine.dispose()

    assert (report.created, report.rejected) == (2, [])
    assert "\x00" not in path.read_text(encoding="utf-8") and "\\u0000" not in path.read_text(encoding="utf-8")
    assert titles == {"NUL-1": {"fr": "Lelaminoir", "de": "Das Walzwerk"}, "NUL-2": {"fr": "La cité ouvrière"}}
