"""Import speed: N catalog rows (default 100,000) into a fresh SQLite file, then the same file again.

The rows are the demo collection's real records (Mérimée buildings, Tate artworks) repeated with
numbered identifiers and titles. Media and transcripts are left out: they measure Pillow, not the
importer. Run with `python -m bench.import_rows [--rows N]` (or `make bench`).
"""

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path

from app.config import ROOT, Settings
from app.db import make_engine, make_session_factory
from app.migrate import upgrade
from app.transfer.importer import import_file

DEMO = ROOT / "collections" / "demo"
LEFT_OUT = ("media", "transcript")


def demo_records() -> list[dict[str, str]]:
    """The demo buildings and artworks as flat CSV rows (lists joined with `|`)."""
    with (DEMO / "buildings.csv").open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with (DEMO / "artworks.jsonl").open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            records.append({key: _flat(value) for key, value in record.items()})
    return records


def _flat(value) -> str:
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def write_rows(path: Path, count: int) -> None:
    """A CSV of `count` rows cycling through the demo records with numbered identifiers."""
    records = demo_records()
    columns = sorted({key for record in records for key in record if key not in LEFT_OUT})
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        for number in range(count):
            record, copy = records[number % len(records)], number // len(records)
            writer.writerow({**record, "identifier": f"{record['identifier']}-{copy:04d}",
                             "title": f"{record['title']} ({copy})"})


def timed_import(settings: Settings, path: Path, rows: int) -> tuple[float, str]:
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        start = time.perf_counter()
        report = import_file(session, path, settings)
        session.commit()
        elapsed = time.perf_counter() - start
    engine.dispose()
    return rows / elapsed, report.summary()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows to import (default 100,000)")
    count = parser.parse_args().rows
    with tempfile.TemporaryDirectory(prefix="museum-bench-") as folder:
        folder = Path(folder)
        settings = Settings(database_url=f"sqlite:///{folder / 'museum.db'}", media_dir=folder / "media",
                            index_dir=folder / "index")
        upgrade(settings.database_url)
        path = folder / "items.csv"
        write_rows(path, count)
        print(f"{count:,} rows, {path.stat().st_size / 1e6:.1f} MB of CSV")
        for label in ("first import", "re-import (unchanged)"):
            speed, summary = timed_import(settings, path, count)
            print(f"{label}: {speed:,.0f} rows/s ({summary})")


if __name__ == "__main__":
    main()
