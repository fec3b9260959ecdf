"""Refusing decompression bombs, and accepting a large staff scan: time and memory of each.

    python -m bench.bombs [--scan-mpx 100]

The bomb is the probe's: a PNG of 12000 x 12000 one-bit pixels (144 megapixels, 17.5 KB). It must be
refused in under a second and 50 MB, as a staff upload and as a resident's photo; the staff scan (100
megapixels by default) must be accepted, its derivatives made, within 1 GB. Each case runs in a child
process, so its peak resident memory (ru_maxrss) is its own.
"""

import argparse
import io
import multiprocessing
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from PIL import Image

from app.config import Settings
from app.media import budget, sniff
from app.media.refusal import RefusedFile

BOMB_SIDE = 12_000


def bomb_png() -> bytes:
    """144 megapixels of one-bit zeros, which zlib squeezes into about 17.5 KB."""
    out = io.BytesIO()
    Image.new("1", (BOMB_SIDE, BOMB_SIDE)).save(out, "PNG")
    return out.getvalue()


def scan_png(megapixels: int) -> bytes:
    """A greyish RGB scan of about `megapixels`, with a gradient so that it is not all one colour."""
    side = int((megapixels * 1_000_000) ** 0.5)
    gradient = Image.linear_gradient("L").resize((side, side))
    out = io.BytesIO()
    Image.merge("RGB", (gradient, gradient, gradient)).save(out, "PNG", compress_level=1)
    return out.getvalue()


def _refuse(path: Path, which: budget.Budget) -> str:
    try:
        sniff.inspect(path, path.name, max_bytes=1 << 30, budget=which)
    except RefusedFile as refused:
        return refused.code
    return "accepted"


def _accept_scan(path: Path) -> str:
    from app.media import service

    with tempfile.TemporaryDirectory() as media:
        settings = Settings(media_dir=Path(media))
        prepared = service.prepare(path, settings, path.name, complete=False)
        return f"accepted {prepared.inspection.width}x{prepared.inspection.height}"


def _measured(job, path: Path, *args) -> tuple[str, float, float, float, float]:
    """Run in a child: outcome, seconds the first time (Pillow loads its plugins) and the second, the
    Python-side peak (tracemalloc) and the growth of the process's peak RSS, in MB."""
    before = _peak_rss()
    tracemalloc.start()
    times = []
    for _run in range(2):
        started = time.perf_counter()
        outcome = job(path, *args)
        times.append(time.perf_counter() - started)
    _current, peak = tracemalloc.get_traced_memory()
    return outcome, *times, peak / 1e6, _peak_rss() - before


def _peak_rss() -> float:
    """The process's peak resident memory in MB (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(job, path: Path, *args) -> tuple[str, float, float, float, float]:
    """`_measured` in a fresh child process (spawned: its peak RSS starts from a bare interpreter)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_measured, (job, path, *args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan-mpx", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bomb = Path(folder) / "bomb.png"
        bomb.write_bytes(bomb_png())
        scan = Path(folder) / "scan.png"
        scan.write_bytes(scan_png(args.scan_mpx))
        print(
            f"bomb: {bomb.stat().st_size / 1000:.1f} KB, {BOMB_SIDE * BOMB_SIDE / 1e6:.0f} Mpx; "
            f"scan: {scan.stat().st_size / 1e6:.1f} MB, {args.scan_mpx} Mpx"
        )
        cases = [
            ("bomb as a staff upload", _refuse, bomb, budget.STAFF),
            ("bomb as a contribution", _refuse, bomb, budget.CONTRIBUTION),
            (f"{args.scan_mpx} Mpx staff scan", _accept_scan, scan),
        ]
        for label, job, path, *rest in cases:
            outcome, first, second, traced, rss = measure(job, path, *rest)
            print(
                f"{label:28} {outcome:24} first {first:7.3f} s, again {second:7.3f} s  "
                f"tracemalloc peak {traced:7.1f} MB  peak RSS growth {rss:7.1f} MB"
            )


if __name__ == "__main__":
    main()
