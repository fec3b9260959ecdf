"""`museum import` beside the site's own writes, on a real SQLite file: both get through (issue 10).

The import writes in batches, each a short transaction that takes the write lock at its start; web
requests wait for it within their busy timeout, and it waits for theirs. When the database stays busy
longer, the import stops with a message saying how far it got, and running it again finishes the job.
"""

import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app import db
from app.account import csrf
from app.cli import main
from app.item.models import Item
from app.transfer import batches
from tests.factories import PASSWORD
from tests.transfer.conftest import write_csv, write_jsonl

ROWS = 400
SEED = "import-seed"


def _catalog(folder: Path) -> Path:
    """ROWS items in the import format, one in eight with an image of its own (so batches have file work)."""
    folder.mkdir()
    rows = []
    for n in range(ROWS):
        row = {"identifier": f"IMP-{n:04d}", "kind": "photograph", "title": f"Photo {n}", "subjects": ["usine"]}
        if n % 8 == 0:
            Image.new("RGB", (320, 240), (n % 256, n // 256, 90)).save(folder / f"p{n}.png")
            row["media"] = [f"p{n}.png"]
        rows.append(row)
    return write_jsonl(folder / "items.jsonl", rows)


def _museum_import(app, path: Path) -> subprocess.Popen:
    """The real `museum import` command, in a process of its own, on the app's database and media."""
    settings = app.state.settings
    env = os.environ | {
        "MUSEUM_DATABASE_URL": settings.database_url,
        "MUSEUM_MEDIA_DIR": str(settings.media_dir),
        "MUSEUM_INDEX_DIR": str(settings.index_dir),
    }
    museum = Path(sys.executable).with_name("museum")
    return subprocess.Popen(
        [str(museum), "import", str(path)], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _login(app, url: str) -> requests.Response:
    with requests.Session() as browser:
        browser.cookies.set(csrf.SEED_COOKIE, SEED)
        token = csrf.token_for_cookies(app.state.secret_key, SEED, None)
        return browser.post(
            f"{url}/login",
            data={"csrf_token": token, "name": "resident", "password": PASSWORD},
            allow_redirects=False,
            timeout=60,
        )


def _save(url: str, headers: dict, n: int) -> requests.Response:
    item = {"kind": "photograph", "language": "fr", "titles": {"fr": f"Enregistrée {n}"}, "subjects": ["usine"]}
    return requests.post(f"{url}/api/v1/items", json=item, headers=headers, timeout=60)


def _imported(database: str) -> int:
    with closing(sqlite3.connect(database.removeprefix("sqlite:///"), timeout=30)) as reader:
        return reader.execute("SELECT count(*) FROM items WHERE identifier LIKE 'IMP-%'").fetchone()[0]


def test_an_import_and_web_writes_at_the_same_time_all_succeed(live, tmp_path):
    app, url, headers = live
    path = _catalog(tmp_path / "import")
    answers: list[tuple[float, requests.Response]] = []
    done = threading.Event()

    def write() -> None:
        """A person logging in and a curator saving an item, one after the other, as the probe did."""
        n = 0
        while not done.is_set() or n < 3:
            answers.append((time.monotonic(), _login(app, url)))
            answers.append((time.monotonic(), _save(url, headers, n)))
            n += 1

    writer = threading.Thread(target=write)
    writer.start()
    process = _museum_import(app, path)
    seen = []  # (time, items imported so far), sampled while the import runs
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        seen.append((time.monotonic(), _imported(app.state.settings.database_url)))
        time.sleep(0.02)
    done.set()
    writer.join(timeout=120)
    out, err = process.communicate(timeout=10)

    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert f"items.jsonl: {ROWS} created, 0 updated, 0 unchanged, 0 rejected" in out
    failed = [(a.status_code, a.text[:200]) for _t, a in answers if a.status_code not in (201, 303)]
    assert not failed and not any("locked" in a.text for _t, a in answers)
    saves = sum(a.status_code == 201 for _t, a in answers)
    with Session(app.state.engine) as session:
        assert session.scalar(select(func.count()).select_from(Item)) == ROWS + saves  # nothing lost
    # The two really ran together: web writes were answered between the import's first and last batch.
    halfway = [t for t, n in seen if 0 < n < ROWS]
    assert halfway, "the import was never seen half-way: not in batches?"
    finished = min((t for t, n in seen if n == ROWS), default=time.monotonic())
    assert any(halfway[0] <= t <= finished for t, _a in answers)


# The database kept busy by another program: the import stops, says how far it got, and resumes.


@pytest.fixture
def busy_after_first_batch(fresh_env, monkeypatch):
    """Another connection takes the write lock as the import commits its first batch, and keeps it."""
    monkeypatch.setattr(batches, "BATCH", 2)
    monkeypatch.setattr(batches, "TRIES", 2)
    monkeypatch.setattr(batches, "PAUSE", 0.01)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(fresh_env / "museum.db", isolation_level=None)

    def take_the_lock(_session) -> None:
        if not holder.in_transaction:
            holder.execute("BEGIN IMMEDIATE")

    def let_go() -> None:
        event.remove(Session, "after_commit", take_the_lock)
        holder.execute("ROLLBACK")

    event.listen(Session, "after_commit", take_the_lock)
    yield let_go
    if event.contains(Session, "after_commit", take_the_lock):
        event.remove(Session, "after_commit", take_the_lock)
    holder.close()


def _rows(*identifiers: str) -> list[dict[str, str]]:
    return [
        {"identifier": identifier, "kind": "building", "title": f"Maison {n}"}
        for n, identifier in enumerate(identifiers)
    ]


def test_a_database_that_stays_busy_stops_the_import_cleanly_and_running_it_again_resumes(
    fresh_env, busy_after_first_batch
):
    Image.new("RGB", (64, 48), "teal").save(fresh_env / "a1.png")
    rows = _rows("A-1", "A-2", "A-3", "A-4", "")
    rows[0]["media"] = "a1.png"
    path = write_csv(fresh_env / "items.csv", rows)
    other = write_csv(fresh_env / "other.csv", _rows("B-1"))
    result = CliRunner().invoke(main, ["import", str(path), str(other)])
    assert result.exit_code == 3
    assert "items.csv: 2 created, 0 updated, 0 unchanged, 0 rejected (stopped before row 4)" in result.output
    assert (
        "error: items.csv: stopped before row 4: the database stayed busy (another program kept writing) "
        "through 2 tries. 2 rows are imported (every valid row before row 4), 3 are not."
    ) in result.output
    assert "run the same command again: rows already imported are then reported as unchanged." in result.output
    assert "new accession number" not in result.output and "Except rows" not in result.output
    assert "error: not started: other.csv" in result.output and "Traceback" not in result.output

    busy_after_first_batch()  # the other program is done
    again = CliRunner().invoke(main, ["import", str(path), str(other)])
    assert again.exit_code == 0, again.output
    assert "items.csv: 3 created, 0 updated, 2 unchanged, 0 rejected" in again.output  # A-1 and its image too
    assert "row 6: new accession number VIL-" in again.output
    assert "other.csv: 1 created, 0 updated, 0 unchanged, 0 rejected" in again.output


def test_stopping_after_rows_without_identifier_says_to_write_their_numbers_in(fresh_env, busy_after_first_batch):
    path = write_csv(fresh_env / "items.csv", _rows("", "A-2", "A-3"))
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 3
    assert "row 2: new accession number VIL-" in result.output
    assert "write the accession numbers given above into the file first" in result.output
