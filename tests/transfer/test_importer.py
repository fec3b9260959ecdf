"""Importing CSV and JSON Lines: upserts, translations, relations, rejected rows, re-imports, dry runs."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.agent.models import Agent
from app.collection.models import Collection
from app.interview.models import Cue
from app.item.models import Item, ItemAgent
from app.media.models import Media
from app.place.models import Place
from app.transfer.importer import import_file
from tests.transfer.conftest import FIXTURES, write_csv, write_jsonl

BUILDING = {
    "identifier": "PA00106443",
    "kind": "building",
    "language": "fr",
    "title": "Église Sainte-Barbe",
    "title_de": "Kirche Sankt Barbara",
    "description": "Église de la cité ouvrière",
    "description_en": "Church of the workers' estate",
    "architect": "Jean Dupont|Marie Curie",
    "date": "2e moitié 19e siècle",
    "place": "Villerupt",
    "latitude": "49.4689",
    "longitude": "5.9286",
    "subjects": "église|sidérurgie",
    "rights": "CC BY 4.0",
    "collection": "Patrimoine protégé",
    "protection": "inscrit MH",
    "merimee_reference": "PA00106443",
    "featured": "oui",
}


def test_csv_row_becomes_an_item_with_translations_and_relations(tmp_path, run_import, get_item, session):
    report = run_import(write_csv(tmp_path / "items.csv", [BUILDING]))
    assert (report.created, report.updated, report.unchanged, report.rejected) == (1, 0, 0, [])
    item = session.scalars(
        select(Item)
        .where(Item.identifier == "PA00106443")
        .options(selectinload(Item.credits).selectinload(ItemAgent.agent), selectinload(Item.place))
    ).one()
    assert item.titles == {"fr": "Église Sainte-Barbe", "de": "Kirche Sankt Barbara"}
    assert item.descriptions == {"fr": "Église de la cité ouvrière", "en": "Church of the workers' estate"}
    assert item.sort_title == "eglise sainte-barbe"
    assert (item.status, item.featured, item.kind) == ("published", True, "building")
    assert (item.date_text, item.date_earliest, item.date_latest) == ("2e moitié 19e siècle", 1850, 1899)
    assert [agent.name for agent in item.agents("architect")] == ["Jean Dupont", "Marie Curie"]
    assert (item.place.name, item.place.slug) == ("Villerupt", "villerupt")
    assert (item.latitude, item.longitude) == (49.4689, 5.9286)
    assert item.rights == "https://creativecommons.org/licenses/by/4.0/"
    assert session.scalars(select(Collection.slug)).all() == ["patrimoine-protege"]
    assert session.scalars(select(Collection.titles)).one() == {"fr": "Patrimoine protégé"}


def test_jsonl_accepts_lists_numbers_and_booleans(tmp_path, run_import, get_item):
    row = {
        "identifier": "N05738",
        "kind": "artwork",
        "language": "en",
        "title": "Jason",
        "featured": True,
        "creator": ["J. M. W. Turner"],
        "subjects": ["cave", "serpent"],
        "latitude": 51.49,
        "longitude": -0.12,
        "duration": 95,
        "date": "c.1807",
    }
    report = run_import(write_jsonl(tmp_path / "items.jsonl", [row]))
    assert report.created == 1, report.rejected
    item = get_item("N05738")
    assert (item.featured, item.latitude, item.duration_seconds, item.date_earliest) == (True, 51.49, 95, 1802)


def test_identical_names_are_one_agent_across_rows(tmp_path, run_import, session):
    rows = [
        {"identifier": f"X{n}", "kind": "photograph", "title": "Photo", "photographer": name}
        for n, name in enumerate(["Émile Zola", "emile zola", "ÉMILE  ZOLA"])
    ]
    run_import(write_csv(tmp_path / "items.csv", rows))
    assert session.scalars(select(Agent.slug)).all() == ["emile-zola"]


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"kind": "batiment"}, 'kind "batiment" is unknown; use one of building, artwork, interview'),
        ({"latitude": "91.5"}, 'latitude "91.5" is out of range (-90 to 90)'),
        ({"longitude": "-200", "latitude": "1"}, 'longitude "-200" is out of range (-180 to 180)'),
        ({"latitude": "nord"}, 'latitude "nord" is not a number'),
        ({"rights": "CC-BY-ZZ"}, 'rights "CC-BY-ZZ" is unknown; use a Creative Commons or rightsstatements.org URI'),
        ({"title": ""}, "title is required"),
        ({"kind": ""}, "kind is required"),
        ({"identifier": "PA 0001"}, 'identifier "PA 0001" is not allowed'),
        ({"identifier": "X" * 65}, "is not allowed; use 1 to 64 letters"),
        ({"status": "secret"}, 'status "secret" is unknown; use one of published, draft, in_review, withdrawn'),
        ({"featured": "maybe"}, 'featured "maybe" is not a yes/no value'),
        ({"language": "it"}, 'language "it" is unknown; use one of fr, de, lb, en'),
        ({"recording_date": "19 août"}, 'recording_date "19 août" is not a date'),
        ({"duration": "long"}, 'duration "long" is not a duration'),
        ({"media": "missing.jpg"}, 'media file "missing.jpg" was not found'),
        ({"transcript": "missing.txt"}, 'transcript file "missing.txt" was not found'),
        ({"merimee_reference": "PA" + "0" * 30}, "merimee_reference is 32 characters long; the limit is 20"),
        ({"creator": "???"}, 'creator "???" has no letter or digit'),
        ({"title_fr": "Autre titre"}, "title_fr differs from title"),
    ],
)
def test_invalid_row_is_rejected_with_its_row_number_and_reason(tmp_path, run_import, get_item, values, reason):
    good = {"identifier": "OK-1", "kind": "building", "title": "Maison", "language": "fr"}
    bad = {**good, "identifier": "BAD-1", **values}
    report = run_import(write_csv(tmp_path / "items.csv", [good, good | {"identifier": "OK-2"}, bad]))
    assert report.created == 2
    [error] = report.rejected
    assert error.row == 4
    assert reason in error.message
    assert str(error).startswith("row 4")
    assert get_item("OK-2") is not None


def test_rejected_row_leaves_nothing_behind(tmp_path, run_import, session):
    bad = {**BUILDING, "latitude": "91.5", "creator": "Personne Inconnue", "subjects": "sujet-fantome"}
    report = run_import(write_csv(tmp_path / "items.csv", [bad]))
    assert len(report.rejected) == 1 and report.created == 0
    assert session.scalar(select(func.count()).select_from(Item)) == 0
    assert session.scalar(select(func.count()).select_from(Agent)) == 0
    assert session.scalar(select(func.count()).select_from(Place)) == 0


def test_jsonl_rows_are_numbered_by_line_and_bad_json_is_one_rejected_row(tmp_path, run_import):
    path = tmp_path / "items.jsonl"
    path.write_text(
        '{"identifier": "A", "kind": "object", "title": "Pot"}\n\n{"identifier": "B", \n[1, 2]\n', encoding="utf-8"
    )
    report = run_import(path)
    assert report.created == 1
    assert [(e.row, e.message[:17]) for e in report.rejected] == [(3, "is not valid JSON"), (4, "must be a JSON ob")]
    assert report.rejected[1].message == "must be a JSON object ({...}), not list"


def test_duplicate_identifier_in_one_file_is_rejected(tmp_path, run_import):
    row = {"identifier": "DUP", "kind": "object", "title": "Pot"}
    report = run_import(write_csv(tmp_path / "items.csv", [row, row]))
    assert report.created == 1
    assert [(e.row, e.message) for e in report.rejected] == [(3, 'identifier "DUP" already appears in row 2')]


def test_importing_the_same_file_twice_changes_nothing(tmp_path, run_import, get_item, session):
    path = write_csv(tmp_path / "items.csv", [BUILDING, {**BUILDING, "identifier": "PA2", "date": "1930"}])
    run_import(path)
    session.flush()
    stamp = get_item("PA00106443").updated_at
    report = run_import(path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert get_item("PA00106443").updated_at == stamp


def test_changed_row_updates_its_item_and_relations(tmp_path, run_import, get_item, session):
    run_import(write_csv(tmp_path / "a.csv", [BUILDING]))
    changed = {
        **BUILDING,
        "title": "Église Sainte-Barbe de Villerupt",
        "architect": "Marie Curie",
        "subjects": "",
        "title_de": "",
    }
    report = run_import(write_csv(tmp_path / "b.csv", [changed]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    item = session.scalars(
        select(Item)
        .where(Item.identifier == "PA00106443")
        .options(selectinload(Item.credits).selectinload(ItemAgent.agent), selectinload(Item.subject_links))
    ).one()
    assert item.titles == {"fr": "Église Sainte-Barbe de Villerupt"}
    assert [agent.name for agent in item.agents("architect")] == ["Marie Curie"]
    assert item.subject_links == []


def test_columns_absent_from_the_file_are_left_untouched(tmp_path, run_import, get_item):
    run_import(write_csv(tmp_path / "a.csv", [BUILDING]))
    report = run_import(
        write_csv(
            tmp_path / "b.csv",
            [{"identifier": "PA00106443", "kind": "building", "title": "Église Sainte-Barbe", "status": "draft"}],
        )
    )
    assert report.updated == 1
    item = get_item("PA00106443")
    assert item.status == "draft"
    assert item.titles["de"] == "Kirche Sankt Barbara" and item.latitude == 49.4689 and item.protection == "inscrit MH"


def test_dry_run_reports_the_same_figures_and_writes_nothing(tmp_path, run_import, session):
    path = write_csv(tmp_path / "items.csv", [BUILDING, {**BUILDING, "identifier": ""}, {**BUILDING, "kind": "?"}])
    dry = run_import(path, dry_run=True)
    assert session.scalar(select(func.count()).select_from(Item)) == 0
    assert session.scalar(select(func.count()).select_from(Agent)) == 0
    assert session.scalar(select(func.count()).select_from(Collection)) == 0
    real = run_import(path)
    assert (dry.created, dry.updated, dry.unchanged, len(dry.rejected), dry.assigned) == (
        real.created,
        real.updated,
        real.unchanged,
        len(real.rejected),
        real.assigned,
    )


def test_rows_without_identifier_get_the_next_accession_numbers(tmp_path, run_import, get_item):
    year = date.today().year
    rows = [
        {"identifier": f"VIL-{year}-0007", "kind": "object", "title": "Pot"},
        {"identifier": "", "kind": "object", "title": "Lampe"},
        {"kind": "object", "title": "Casque", "identifier": ""},
    ]
    report = run_import(write_csv(tmp_path / "items.csv", rows))
    assert report.assigned == [(3, f"VIL-{year}-0008"), (4, f"VIL-{year}-0009")]
    assert get_item(f"VIL-{year}-0009").titles == {"fr": "Casque"}
    again = run_import(write_csv(tmp_path / "more.csv", [{"identifier": "", "kind": "object", "title": "Clé"}]))
    assert again.assigned == [(2, f"VIL-{year}-0010")]


def test_unknown_columns_are_reported_once_as_warnings(tmp_path, run_import):
    rows = [{**BUILDING, "colour": "red", "Notes ": "x"}, {**BUILDING, "identifier": "B2", "colour": "", "Notes ": ""}]
    report = run_import(write_csv(tmp_path / "items.csv", rows))
    assert report.warnings == ['unknown column "colour" ignored', 'unknown column "notes" ignored']
    assert report.created == 2


def test_interview_with_transcript_and_media(tmp_path, run_import, session, settings):
    (tmp_path / "t.txt").write_bytes((FIXTURES / "transcripts" / "interview_cp1252.txt").read_bytes())
    for name in ("landscape_6.jpg", "landscape_3.jpg"):  # files are read only from the import file's folder
        (tmp_path / name).write_bytes((FIXTURES / "images" / name).read_bytes())
    row = {
        "identifier": "INT-1",
        "kind": "interview",
        "title": "Entretien avec Renée",
        "interviewee": "Renée",
        "recording_date": "19/08/1991",
        "duration": "0:31:35",
        "transcript": "t.txt",
        "media": f"landscape_6.jpg|{tmp_path / 'landscape_3.jpg'}",
        "consent_minute": "1",
        "consent_note": "Renée agrees to publication on the museum's website",
    }
    path = write_csv(tmp_path / "items.csv", [row])
    assert run_import(path).created == 1
    item = session.scalars(select(Item).where(Item.identifier == "INT-1")).one()
    assert (item.recording_date, item.duration_seconds) == ("1991-08-19", 1895)
    segments = session.scalars(select(Cue).where(Cue.item_id == item.id).order_by(Cue.position)).all()
    assert [(s.start_seconds, s.language) for s in segments] == [(None, "fr"), (30, "fr"), (62, "fr"), (70, "fr")]
    assert "Micheville" in segments[1].text
    media = session.scalars(select(Media).where(Media.item_id == item.id).order_by(Media.position)).all()
    assert [(m.position, m.width, m.height) for m in media] == [(0, 240, 180), (1, 240, 180)]
    assert run_import(path).unchanged == 1
    swapped = run_import(write_csv(tmp_path / "swap.csv", [{**row, "media": row["media"].split("|")[1]}]))
    assert swapped.updated == 1
    assert session.scalar(select(func.count()).select_from(Media).where(Media.item_id == item.id)) == 1


def test_a_file_that_is_not_a_media_file_is_a_rejected_row(tmp_path, run_import):
    (tmp_path / "photo.jpg").write_text("not really a photo", encoding="utf-8")
    report = run_import(
        write_csv(
            tmp_path / "items.csv", [{"identifier": "P1", "kind": "photograph", "title": "Photo", "media": "photo.jpg"}]
        )
    )
    assert report.created == 0
    assert report.rejected[0].message.startswith('media "photo.jpg": ')


def test_a_media_file_refused_when_stored_is_a_rejected_row_not_a_crash(tmp_path, session, settings):
    (tmp_path / "scan.jpg").write_bytes((FIXTURES / "images" / "landscape_6.jpg").read_bytes())
    rows = [{"identifier": "S1", "kind": "photograph", "title": "Scan", "media": "scan.jpg"}, {**BUILDING}]
    small = settings.model_copy(update={"max_upload_bytes": 100})  # checked when the file is stored
    report = import_file(session, write_csv(tmp_path / "items.csv", rows), small)
    assert (report.created, [(error.row, error.identifier) for error in report.rejected]) == (1, [(2, "S1")])
    assert report.rejected[0].message.startswith('media "scan.jpg": ')


def test_sound_files_are_imported_as_media(tmp_path, run_import, session):
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "media" / "sound.mp3", tmp_path / "face-a.mp3")
    report = run_import(
        write_csv(
            tmp_path / "items.csv",
            [{"identifier": "I1", "kind": "interview", "title": "Entretien", "media": "face-a.mp3", "status": "draft"}],
        )
    )
    assert report.created == 1, report.rejected
    media = session.scalars(select(Media)).all()
    assert [(m.media_type, m.mime_type) for m in media] == [("audio", "audio/mpeg")]


def test_progress_is_told_about_every_row(tmp_path, run_import):
    seen: list[int] = []
    rows = [{**BUILDING, "identifier": f"P{n}"} for n in range(7)] + [{**BUILDING, "kind": "?"}]
    run_import(write_csv(tmp_path / "items.csv", rows), progress=seen.append)
    assert sum(seen) == 8


def test_a_change_of_subjects_alone_counts_as_an_update_and_moves_updated_at(tmp_path, run_import, get_item, session):
    run_import(write_csv(tmp_path / "a.csv", [BUILDING]))
    session.flush()
    before = get_item("PA00106443").updated_at
    report = run_import(write_csv(tmp_path / "b.csv", [{**BUILDING, "subjects": "mine"}]))
    assert report.updated == 1
    assert get_item("PA00106443").updated_at > before
