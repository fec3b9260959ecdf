"""Search landing on the second: 200 interviews (51,000+ cues of real text) beside the ~100,000 real records.

The catalog is bench.corpus's real records (imported once, or reused with `--keep DIR`). Then 200
interviews are added to it (bench/interviews.py): the real Western Sydney transcript with its own time
codes, and 199 interviews whose cues are real sentences, French ones from the Toulouse inventory's
history texts and the Mérimée titles, English ones from the real transcript and the Tate and MoMA
titles. Some are on request, withdrawn or redacted, as in a real collection. `museum reindex` builds
both indexes. The transcript query mix (real words and phrases of those cues: frequent and rare, French,
English, German through the glossary) runs in this process against the museum's search (results and
moments) and against an SQLite FTS5 table of the same public cues; the real item mix (bench/queries.py)
runs with and without the moments, to show what they cost item search. Last, `museum serve` (one worker)
answers /search with moments to concurrent clients for `--seconds`, its RSS sampled along the way.
Run with `python -m bench.moments [--keep DIR [--reuse-index]] [--data D] [--seconds S] [--rounds R] [--clients C]`.
"""

import argparse
import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlencode

import app.models  # noqa: F401  (every mapped class, before the services configure the mappers)
from app.search import service as search_service
from app.search.index import open_index
from app.search.schemas import SearchFilters
from bench import interviews as oral
from bench import queries as mix_
from bench.corpus import DATA, catalog_settings
from bench.search import latencies, report_latency, spread
from bench.server import Load, catalog_folder, prepare, reindex, rss_mb, served

RSS_EVERY = 10.0  # seconds between two samples of the server's memory


# The FTS5 reference: the same public cues, one row each, best cues grouped per interview


def fts_build(path: Path, cues: list[tuple[int, int, str, str]]) -> tuple[sqlite3.Connection, dict]:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute(
        "CREATE VIRTUAL TABLE cues USING fts5(item UNINDEXED, t UNINDEXED, text,"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    start = time.perf_counter()
    db.executemany("INSERT INTO cues VALUES (?, ?, ?)", [cue[:3] for cue in cues])
    db.commit()
    db.execute("INSERT INTO cues(cues) VALUES ('optimize')")
    db.commit()
    return db, {"docs": len(cues), "seconds": time.perf_counter() - start, "mb": path.stat().st_size / 1e6}


def fts_match(text: str) -> str | None:
    words = [word.replace('"', "") for word in text.replace("“", " ").replace("”", " ").split()]
    quoted = [f'"{word}"' for word in words if word.strip("'\"")]
    return " AND ".join(quoted) or None


def fts_moments(db: sqlite3.Connection, text: str) -> int:
    """Interviews with matching cues, their 3 best cues each (bm25), as a result page shows them."""
    match = fts_match(text)
    if match is None:
        return 0
    rows = db.execute(
        "SELECT item, t, snippet(cues, 2, '<mark>', '</mark>', '…', 16) FROM cues"
        " WHERE cues MATCH ? ORDER BY rank LIMIT 500",
        [match],
    ).fetchall()
    groups: dict[int, list] = {}
    for item, t, snippet in rows:
        if len(groups.setdefault(item, [])) < 3:
            groups[item].append((t, snippet))
    return sum(len(found) for found in groups.values())


# The museum's search: results and moments, as /search asks for them


def museum_moments(index, text: str, _filters: dict) -> int:
    found = search_service.search(index, text, SearchFilters(), per_page=20, lang="fr")
    return sum(len(hit.moments) for hit in found.hits) + sum(len(group.moments) for group in found.interviews)


def items_only(index, text: str, filters: dict) -> int:
    return search_service.search(index, text, SearchFilters(**filters), per_page=20, lang="fr").total


class WithoutMoments:
    """The index with its passages hidden: item search as it was before moments existed."""

    def __init__(self, index):
        self.index, self.passages = index, index.passages

    def __enter__(self):
        self.index.passages = None
        return self.index

    def __exit__(self, *_exc) -> None:
        self.index.passages = self.passages


# /search over HTTP, sustained


def http_run(folder: Path, queries: list[str], seconds: float, clients: int) -> dict:
    urls = ["/search?" + urlencode({"q": text}) for text in queries]
    with served(folder, folder / "serve-moments.log") as (pid, port):
        warm = Load(port, urls, 1, max_requests=len(urls)).start()
        warm.threads[0].join(timeout=600)
        warm.stop()
        samples = [rss_mb(pid)]
        load = Load(port, urls, clients).start()
        start = time.perf_counter()
        while time.perf_counter() - start < seconds:
            time.sleep(min(RSS_EVERY, max(0.0, seconds - (time.perf_counter() - start))))
            samples.append(rss_mb(pid))
        load.stop()
        elapsed = time.perf_counter() - start
        times, errors, size = load.take()
    return {
        "pages": len(times),
        "rate": len(times) / elapsed,
        "seconds": elapsed,
        "latency": spread(times or [0.0]),
        "errors": errors,
        "rss": samples,
        "clients": clients,
        "kb": size / max(len(times), 1) / 1000,
    }


# One run


def measure(folder: Path, options: argparse.Namespace) -> dict:
    added = oral.add_interviews(folder, options.data)
    print(oral.describe(added))
    if options.reuse_index and (folder / "index" / "passages" / "CURRENT").exists():
        built = {"seconds": float("nan"), "said": ["index reused (--reuse-index)"]}
    else:
        built = reindex(folder)
    print(f"museum reindex (subprocess): {built['seconds']:.1f} s wall ({' '.join(built['said'])})")
    cues = oral.public_cues(folder)
    db, fts = fts_build(folder / "fts-moments.db", cues)
    print(f"fts5 reference: {fts['docs']:,} public cues inserted in {fts['seconds']:.1f} s, {fts['mb']:.1f} MB")
    queries = oral.transcript_mix(cues)
    sizes = ", ".join(f"{n} {group}" for group, n in oral.group_sizes(queries).items())
    print(f"transcript mix: {len(queries)} queries ({sizes}), 1 warm-up pass then {options.rounds} timed passes")
    rss = {"start": rss_mb()}
    index = open_index(catalog_settings(folder))
    ours = lambda text, filters: museum_moments(index, text, filters)  # noqa: E731
    latencies(ours, queries, 1)  # warm-up: searchers, facet arrays, norms
    rss["warm"] = rss_mb()
    times, totals = latencies(ours, queries, options.rounds)
    latencies(lambda text, _f: fts_moments(db, text), queries, 1)
    fts_times, fts_totals = latencies(lambda text, _f: fts_moments(db, text), queries, options.rounds)
    with WithoutMoments(index) as bare:
        bare_times, _ = latencies(lambda text, filters: items_only(bare, text, filters), queries, options.rounds)
    print("transcript mix (results + moments), in this process:")
    found = report_latency("museum", times)
    reference = report_latency("fts5", fts_times)
    without = report_latency("no-mom.", bare_times)
    print(
        f"  queries with moments: museum {sum(1 for n in totals.values() if n)}/{len(totals)}, "
        f"fts5 {sum(1 for n in fts_totals.values() if n)}/{len(fts_totals)}"
    )
    items = item_mix(index, options.rounds)
    rss["end"] = rss_mb()
    db.close()
    served_run = http_run(folder, [text for _group, text, _filters in queries], options.seconds, options.clients)
    return {
        "built": built,
        "fts": fts,
        "ours": found,
        "reference": reference,
        "without": without,
        "items": items,
        "rss": rss,
        "http": served_run,
        "cues": len(cues),
        "added": added,
    }


def item_mix(index, rounds: int) -> dict:
    """The real item query mix, with the moments looked up (as now) and without (as before)."""
    queries = mix_.mix()
    run = lambda text, filters: items_only(index, text, filters)  # noqa: E731
    latencies(run, queries, 1)
    print(f"real item mix (bench/queries.py, {len(queries)} queries), with and without the moments:")
    with_moments = report_latency("with", latencies(run, queries, rounds)[0])
    with WithoutMoments(index) as bare:
        without = report_latency("without", latencies(lambda t, f: items_only(bare, t, f), queries, rounds)[0])
    return {"with": with_moments["whole mix"], "without": without["whole mix"]}


def row(label: str, ours: str, reference: str, target: str) -> str:
    return f"| {label:<46} | {ours:>22} | {reference:>18} | {target:<14} |"


def summary(result: dict) -> None:
    served_run, ours, reference = result["http"], result["ours"]["whole mix"], result["reference"]["whole mix"]
    print(
        f"\nSummary: {result['added']['interviews']} interviews, {result['added']['cues']:,} cues "
        f"({result['cues']:,} public), beside the real records; {os.cpu_count()} CPUs"
    )
    print(row("measure", "museum (Whoosh)", "FTS5 reference", "target"))
    print(row("-" * 46, "-" * 22, "-" * 18, "-" * 14))
    print(
        row(
            "full reindex, s (items + moments)",
            f"{result['built']['seconds']:.1f}",
            f"{result['fts']['seconds']:.1f}",
            "",
        )
    )
    print(
        row(
            "transcript mix p50 / p95 / max, ms",
            "{:.1f} / {:.1f} / {:.1f}".format(*ours),
            "{:.1f} / {:.1f} / {:.1f}".format(*reference),
            "p95 < 50",
        )
    )
    print(
        row(
            "  the same, items only (no moments), ms",
            "{:.1f} / {:.1f} / {:.1f}".format(*result["without"]["whole mix"]),
            "n/a",
            "",
        )
    )
    print(
        row(
            "real item mix p50 / p95, ms, with moments",
            "{:.1f} / {:.1f}".format(*result["items"]["with"][:2]),
            "n/a",
            "",
        )
    )
    print(
        row(
            "real item mix p50 / p95, ms, without", "{:.1f} / {:.1f}".format(*result["items"]["without"][:2]), "n/a", ""
        )
    )
    print(
        row(f"/search pages/s (1 worker, {served_run['clients']} clients)", f"{served_run['rate']:.1f}", "n/a", ">= 60")
    )
    print(row("/search p50 / p95 ms under load", "{:.0f} / {:.0f}".format(*served_run["latency"][:2]), "n/a", ""))
    print(
        row(
            "server RSS over the run, MB (min / max)",
            f"{min(served_run['rss']):.0f} / {max(served_run['rss']):.0f}",
            "n/a",
            "",
        )
    )
    print(row("bench process RSS after the mixes, MB", f"{result['rss']['end']:.0f}", "n/a", ""))
    print(f"machine load average (1, 5, 15 min) at the end: {' '.join(f'{n:.1f}' for n in os.getloadavg())}")


def report_http(run: dict) -> None:
    p50, p95, top = run["latency"]
    print(
        f"/search with moments over HTTP (museum serve, 1 worker, {run['clients']} kept-alive clients): "
        f"{run['pages']:,} pages in {run['seconds']:.1f} s = {run['rate']:.1f} pages/s, {run['kb']:.0f} kB a page, "
        f"p50 {p50:.0f} / p95 {p95:.0f} / max {top:.0f} ms, {len(run['errors'])} errors"
    )
    print(f"  server RSS every {RSS_EVERY:.0f} s, MB: {' '.join(f'{mb:.0f}' for mb in run['rss'])}")
    for error in run["errors"][:5]:
        print(f"  error: {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="catalog folder to reuse (imported when empty)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of the sustained HTTP run (default 60)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over each query mix (default 3)")
    parser.add_argument("--reuse-index", action="store_true", help="with --keep: search the index already built there")
    options = parser.parse_args()
    with catalog_folder(options.keep) as folder:
        prepare(folder, options.data)
        result = measure(folder, options)
    report_http(result["http"])
    summary(result)


if __name__ == "__main__":
    main()
