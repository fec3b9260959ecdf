"""Static copy speed: 10,000 real records (Mérimée, Toulouse inventory, Tate, MoMA from ../shared/data)
imported published into a fresh SQLite file, then `museum export-site` over them: seconds, pages, files,
size and peak memory. Run with `python -m bench.export_site [--items N] [--data D] [--keep DIR]`.
"""

import argparse
import itertools
import resource
import shutil
import tempfile
import time
from pathlib import Path

from app.main import create_app
from app.migrate import upgrade
from app.sitecopy.service import export_site, visitor_settings
from bench.corpus import DATA, catalog_settings, real_rows, timed_import, write_rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="records to import and export (default 10,000)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    parser.add_argument("--jobs", type=int, default=2, help="processes rendering the item pages (default 2)")
    parser.add_argument("--keep", type=Path, default=None, help="copy the export there, to open it afterwards")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="museum-bench-site-") as name:
        folder = Path(name)
        settings = catalog_settings(folder)
        upgrade(settings.database_url)
        rows = folder / "rows.jsonl"
        # At most half of the records from one source, so that the mix has buildings, notices and artworks.
        count = write_rows(rows, itertools.islice(real_rows(options.data, options.items // 2), options.items))
        seconds, report = timed_import(settings, rows)
        print(f"{count:,} real records imported (published) in {seconds:.1f} s, {len(report.rejected)} rejected")
        started = time.perf_counter()
        copy = export_site(create_app(visitor_settings(settings)), folder / "site", options.jobs, create_app)
        elapsed = time.perf_counter() - started
        _print(copy, elapsed)
        if options.keep:
            shutil.copytree(folder / "site", options.keep, dirs_exist_ok=True)


def _print(copy, elapsed: float) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"export-site: {elapsed:.1f} s ({copy.pages / elapsed:.0f} pages/s)")
    print(f"  {copy.pages:,} pages, {copy.files:,} files, {copy.bytes / 1e6:.1f} MB")
    print(f"  peak RSS {peak:.0f} MB (main process), {children:.0f} MB (largest child: a worker or Pagefind)")


if __name__ == "__main__":
    main()
