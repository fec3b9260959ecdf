"""Soak: `museum serve` (one worker) under concurrent clients for minutes, watching latency and memory.

The server runs over a catalog of the real corpus (bench.corpus; reused with `--keep DIR`, indexed
with `museum reindex` first when DIR/index is missing) on a free loopback port. Client threads with
kept-alive connections cycle through the real query mix (bench/queries.py) on /search and
/api/v1/search, with pages 2 and 3, date and title orders and the English and German pages. Every
30 s one line: requests/s, latency, errors and the server's RSS. Run with
`python -m bench.soak [--minutes 10] [--clients 8] [--keep DIR]`.
"""

import argparse
import statistics
import time
from pathlib import Path

from bench import queries
from bench.corpus import DATA
from bench.server import Load, catalog_folder, prepare, reindex, rss_mb, served

INTERVAL = 30.0


def prepared(folder: Path, data_dir: Path) -> None:
    """The catalog, and its index when the folder has none."""
    prepare(folder, data_dir)
    if not (folder / "index").is_dir() or not any((folder / "index").iterdir()):
        built = reindex(folder)
        print(f"museum reindex: {built['seconds']:.1f} s, index {built['mb']:.1f} MB")


def warm_up(port: int, urls: list[str]) -> float:
    """Every URL once over one connection (templates, searcher, facet arrays); seconds taken."""
    start = time.perf_counter()
    load = Load(port, urls, 1, max_requests=len(urls)).start()
    load.threads[0].join(timeout=900)
    load.stop()
    times, errors, _size = load.take()
    print(f"warm-up: {len(times)} requests in {time.perf_counter() - start:.1f} s, {len(errors)} errors")
    return time.perf_counter() - start


def line(elapsed: float, seconds: float, times: list[float], errors: int, rss: float) -> str:
    if len(times) < 2:
        return (
            f"{elapsed:6.0f} s  {len(times) / seconds:6.1f} req/s  (too few requests)  errors {errors}  "
            f"RSS {rss:6.0f} MB"
        )
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    return (
        f"{elapsed:6.0f} s  {len(times) / seconds:6.1f} req/s  p50 {statistics.median(times):6.0f} ms  "
        f"p95 {p95:6.0f} ms  max {max(times):6.0f} ms  errors {errors}  RSS {rss:6.0f} MB"
    )


def soak(pid: int, load: Load, minutes: float) -> dict:
    """Interval lines until `minutes` have passed; totals and the RSS samples (elapsed seconds, MB)."""
    start, last, samples = time.perf_counter(), time.perf_counter(), []
    totals = {"requests": 0, "errors": [], "times": []}
    for _ in range(int(minutes * 60 / INTERVAL + 0.999)):
        time.sleep(max(0.0, start + (len(samples) + 1) * INTERVAL - time.perf_counter()))
        times, errors, _size = load.take()
        now, rss = time.perf_counter(), rss_mb(pid)
        samples.append((now - start, rss))
        print(line(now - start, now - last, times, len(errors), rss), flush=True)
        for error in errors[:3]:
            print(f"    error: {error}")
        totals["requests"] += len(times)
        totals["errors"] += errors
        totals["times"] += times
        last = now
    totals["seconds"], totals["samples"] = time.perf_counter() - start, samples
    return totals


def report(totals: dict, past_end: int) -> None:
    times, samples = totals["times"] or [0.0, 0.0], totals["samples"]
    p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
    print(
        f"total: {totals['requests']:,} requests in {totals['seconds']:.0f} s = "
        f"{totals['requests'] / totals['seconds']:.1f} req/s, p50 {statistics.median(times):.0f} ms, "
        f"p95 {p95:.0f} ms, max {max(times):.0f} ms, {len(totals['errors'])} errors "
        f"({past_end} pages past the end answered 404, as they should)"
    )
    second = next((rss for elapsed, rss in samples if elapsed >= 60), samples[0][1])
    final, peak = samples[-1][1], max(rss for _e, rss in samples)
    print(
        f"server RSS: {second:.0f} MB at the 2nd minute, {final:.0f} MB at the end, peak {peak:.0f} MB; "
        f"growth {100 * (final - second) / second:+.1f} % (target: < 5 %, RSS < 1 GB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to soak (default 10)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--keep", type=Path, default=None, help="catalog folder to reuse (imported when empty)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    options = parser.parse_args()
    urls = queries.soak_urls()
    with catalog_folder(options.keep) as folder:
        prepared(folder, options.data)
        with served(folder, folder / "soak-serve.log") as (pid, port):
            print(
                f"museum serve (pid {pid}) on 127.0.0.1:{port}, RSS {rss_mb(pid):.0f} MB; "
                f"{len(urls)} URLs (/search and /api/v1/search), {options.clients} clients"
            )
            warm_up(port, urls)
            print(f"after the warm-up: RSS {rss_mb(pid):.0f} MB; one line every {INTERVAL:.0f} s")
            load = Load(port, urls, options.clients).start()
            try:
                totals = soak(pid, load, options.minutes)
            finally:
                load.stop()
            report(totals, load.past_end)


if __name__ == "__main__":
    main()
