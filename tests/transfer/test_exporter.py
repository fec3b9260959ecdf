"""Export writes every item in the import format: export, import into an empty database, export again."""

import pytest
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import make_engine
from app.transfer.exporter import export_file
from app.transfer.importer import import_file
from tests.migrate import upgrade
from tests.transfer.conftest import FIXTURES, write_csv

ROWS = [
    {
        "identifier": "PA1",
        "kind": "building",
        "language": "fr",
        "title": "Église",
        "title_de": "Kirche",
        "description": "Une église | deux clochers",
        "architect": "Jean Dupont|Marie Curie",
        "date": "1937",
        "place": "Villerupt",
        "latitude": "49.467590",
        "longitude": "5.950217",
        "subjects": "église|sidérurgie",
        "rights": "CC BY 4.0",
        "collection": "patrimoine|autre",
        "status": "draft",
        "featured": "yes",
        "address": "1 rue de la Paix",
        "protection": "inscrit",
    },
    {
        "identifier": "INT-1",
        "kind": "interview",
        "language": "en",
        "title": "Interview",
        "interviewee": "Renée",
        "interviewer": "Robyn",
        "recording_date": "1991-08-19",
        "duration": "31:35",
        "transcript": "t.txt",
        "media": "images/a.jpg|images/b.jpg",
        "title_fr": "Entretien",
        "access": "sealed",
        "sealed_until": "2051-01-01",
        "consent_minute": "2",
        "consent_note": "Renée agrees to publication",
    },
    {
        "identifier": "N1",
        "kind": "artwork",
        "language": "en",
        "title": "Jason",
        "creator": "Turner",
        "medium": "Etching",
        "dimensions": "180 x 254 mm",
        "inscription": "signed",
        "type": "print",
    },
]


def _source(tmp_path):
    folder = tmp_path / "source"
    (folder / "images").mkdir(parents=True)
    for name, fixture in (("a.jpg", "landscape_6.jpg"), ("b.jpg", "portrait_6.jpg")):
        (folder / "images" / name).write_bytes((FIXTURES / "images" / fixture).read_bytes())
    (folder / "t.txt").write_bytes((FIXTURES / "transcripts" / "interview_cp1252.txt").read_bytes())
    return write_csv(folder / "items.csv", ROWS)


@pytest.mark.parametrize("extension", ["csv", "jsonl"])
def test_export_import_export_gives_identical_files(tmp_path, session, settings, extension):
    assert import_file(session, _source(tmp_path), settings).created == 3
    first = tmp_path / "first" / f"items.{extension}"
    assert export_file(session, first, settings) == 3

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(url)
    engine = make_engine(url)
    other = Settings(database_url=url, media_dir=settings.media_dir, index_dir=tmp_path / "index")
    with Session(engine) as fresh:
        report = import_file(fresh, first, other)
        assert (report.created, report.rejected) == (3, [])
        second = tmp_path / "second" / f"items.{extension}"
        export_file(fresh, second, other)
    engine.dispose()

    assert second.read_bytes() == first.read_bytes()
    sidecar = "items.transcripts/INT-1.txt"
    assert (second.parent / sidecar).read_bytes() == (first.parent / sidecar).read_bytes()
    assert "0.30\tJe m'appelle Renée" in (first.parent / sidecar).read_text(encoding="utf-8")


def test_export_lists_drafts_with_their_status_and_media_relative_to_the_file(tmp_path, session, settings):
    import_file(session, _source(tmp_path), settings)
    path = tmp_path / "out" / "items.csv"
    export_file(session, path, settings)
    text = path.read_text(encoding="utf-8")
    assert "PA1,building,draft,true,fr,Église" in text
    media = [line for line in text.splitlines() if line.startswith("INT-1")][0].split(",")[-2]
    for relative in media.split("|"):
        assert relative.startswith("../") and (path.parent / relative).is_file()


def test_export_refuses_an_unknown_extension(tmp_path, session, settings):
    with pytest.raises(ValueError, match="use .csv, .jsonl or .ndjson"):
        export_file(session, tmp_path / "items.xlsx", settings)


def test_an_export_from_another_media_folder_imports_with_its_files(tmp_path, session, settings):
    elsewhere = settings.model_copy(update={"media_store": f"file://{tmp_path / 'elsewhere'}"})
    import_file(session, _source(tmp_path), elsewhere)
    path = tmp_path / "out" / "items.csv"
    export_file(session, path, elsewhere)
    assert "../elsewhere/originals/" in path.read_text(encoding="utf-8")
    report = import_file(session, path, elsewhere)  # the same files, read from the store's own folder
    assert (report.unchanged, report.rejected) == (3, [])
