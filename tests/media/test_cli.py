"""`museum media add` and `museum media regenerate`: batch digitisation from the command line."""

import shutil
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from app.cli import main
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.media.models import Media
from tests.factories import make_item

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _with_item(identifier: str = "VIL-2026-0042") -> None:
    engine = make_engine(Settings().database_url)
    with make_session_factory(engine)() as session:
        make_item(session, identifier=identifier)
        session.commit()
    engine.dispose()


def _media() -> list[tuple[int, str, str]]:
    engine = make_engine(Settings().database_url)
    with make_session_factory(engine)() as session:
        rows = session.execute(
            select(Media.position, Media.original_name, Media.derivatives_status).order_by(Media.position)
        ).all()
    engine.dispose()
    return [tuple(row) for row in rows]


def test_a_folder_of_scans_is_attached_in_name_order_with_everything_made(fresh_env):
    _with_item()
    scans = fresh_env / "scans"
    scans.mkdir()
    for number, name in ((2, "landscape_6.jpg"), (1, "landscape_3.jpg"), (3, "landscape_8.jpg")):
        shutil.copy(FIXTURES / "images" / name, scans / f"scan-{number:03d}.jpg")
    result = CliRunner().invoke(main, ["media", "add", "VIL-2026-0042", str(scans), "--rights", "CC BY 4.0"])
    assert result.exit_code == 0, result.output
    assert "3 attached, 0 refused" in result.output
    assert _media() == [(0, "scan-001.jpg", "ready"), (1, "scan-002.jpg", "ready"), (2, "scan-003.jpg", "ready")]
    assert list((fresh_env / "media" / "derivatives").rglob("large.webp"))


def test_a_refused_file_is_explained_and_the_good_ones_are_kept(fresh_env):
    _with_item()
    bad = fresh_env / "notes.jpg"
    bad.write_text("<html>not a scan</html>", encoding="utf-8")
    good = FIXTURES / "media" / "sound.mp3"
    result = CliRunner().invoke(main, ["media", "add", "VIL-2026-0042", str(bad), str(good)])
    assert result.exit_code == 1
    assert "notes.jpg" in result.output and "1 attached, 1 refused" in result.output
    assert _media() == [(0, "sound.mp3", "ready")]


def test_adding_to_an_unknown_item_says_so(fresh_env):
    result = CliRunner().invoke(main, ["media", "add", "NOPE", str(FIXTURES / "media" / "sound.mp3")])
    assert result.exit_code != 0 and "NOPE" in result.output


def test_regenerate_rebuilds_deleted_derivatives(fresh_env):
    _with_item()
    CliRunner().invoke(main, ["media", "add", "VIL-2026-0042", str(FIXTURES / "images" / "landscape_3.jpg")])
    derivatives = fresh_env / "media" / "derivatives"
    shutil.rmtree(derivatives)
    result = CliRunner().invoke(main, ["media", "regenerate", "VIL-2026-0042"])
    assert result.exit_code == 0, result.output
    assert "1 images regenerated, 0 failed" in result.output
    assert len(list(derivatives.rglob("*.webp"))) == 3


def test_clean_removes_only_old_leftovers(fresh_env):
    import os
    import time

    media = fresh_env / "media"
    (media / "tmp").mkdir(parents=True)
    old_upload, new_upload = media / "tmp" / "upload-old", media / "tmp" / "upload-new"
    half_written = media / "originals" / "ab" / "cd" / ".tmp-x.jpg"
    half_written.parent.mkdir(parents=True)
    for path in (old_upload, new_upload, half_written):
        path.write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    for path in (old_upload, half_written):
        os.utime(path, (two_hours_ago, two_hours_ago))
    result = CliRunner().invoke(main, ["media", "clean"])
    assert result.exit_code == 0 and "2 leftover files removed" in result.output
    assert not old_upload.exists() and not half_written.exists() and new_upload.exists()
