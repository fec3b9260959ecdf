"""Import speed: the developer corpus's real records into a fresh SQLite file, then the same file again.

By default the rows are bench/corpus.py's: 104,230 real records (Mérimée, Toulouse inventory, Tate,
MoMA) read from ../shared/data. `--generated` imports the old corpus instead: the demo collection's
records repeated with numbered identifiers and titles (`--rows N`, default 100,000). Media and
transcripts are left out: they measure Pillow, not the importer. Run with
`python -m bench.import_rows [--data D] [--limit N]` (or `make bench`).
"""

import argparse
import csv
import json
import tempfile
from pathlib import Path

from app.config import ROOT
from app.migrate import upgrade
from bench.corpus import DATA, catalog_settings, timed_import, write_real_rows

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
    """A CSV of `count` rows cycling through the demo records with numbered identifiers (the generated corpus)."""
    records = demo_records()
    columns = sorted({key for record in records for key in record if key not in LEFT_OUT})
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        for number in range(count):
            record, copy = records[number % len(records)], number // len(records)
            writer.writerow(
                {**record, "identifier": f"{record['identifier']}-{copy:04d}", "title": f"{record['title']} ({copy})"}
            )


def write_file(folder: Path, options: argparse.Namespace) -> tuple[Path, int, str]:
    """The file to import: the real rows, or the generated ones with `--generated`."""
    if options.generated:
        path = folder / "items.csv"
        write_rows(path, options.rows)
        return path, options.rows, "generated rows (demo records repeated), CSV"
    path = folder / "real_rows.jsonl"
    count = write_real_rows(path, options.data, options.limit)
    return path, count, "real rows (Mérimée, Toulouse inventory, Tate, MoMA), JSON Lines"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    parser.add_argument("--limit", type=int, default=None, help="real rows: at most N records of each source")
    parser.add_argument("--generated", action="store_true", help="import the generated corpus instead")
    parser.add_argument("--rows", type=int, default=100_000, help="generated rows (default 100,000)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="museum-bench-") as folder:
        settings = catalog_settings(Path(folder))
        upgrade(settings.database_url)
        path, count, what = write_file(Path(folder), options)
        print(f"{count:,} {what}, {path.stat().st_size / 1e6:.1f} MB")
        for label in ("first import", "re-import (unchanged)"):
            seconds, report = timed_import(settings, path)
            print(f"{label}: {count / seconds:,.0f} rows/s in {seconds:.1f} s ({report.summary()})")


if __name__ == "__main__":
    main()
