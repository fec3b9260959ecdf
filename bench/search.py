"""Search on the real corpus: `museum reindex`, query latency and /search pages/s, beside an SQLite FTS5 reference.

The catalog is bench.corpus's 104,230 real records imported by the museum's importer into a fresh
migrated SQLite database (or reused with `--keep DIR`). The index is built by the real
`museum reindex` command; the same rows go into an FTS5 table holding the French analyzer's terms,
and the real query mix (bench/queries.py) runs against both in this process. Then `museum serve`
(one worker) answers /search to 8 concurrent kept-alive clients. `--generated N` runs everything
again on the old generated corpus (the demo records repeated). Run with
`python -m bench.search [--keep DIR] [--data D] [--seconds S] [--rounds R] [--generated N]`.

`--engine postgres` or `both` (with `--postgres URL`, default $MUSEUM_BENCH_DATABASE_URL) also writes the same
catalog's search documents into the PostgreSQL engine's tables, in a schema `bench_search` of that database
migrated for the run (dropped afterwards), and times the same query mix there, printed beside Whoosh's.
"""

import argparse
import csv
import json
import os
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import app.models  # noqa: F401  (every mapped class, before the item service configures the mappers)
from app.item.dates import parse_date
from app.migrate import upgrade
from app.search import service as search_service
from app.search.analysis import analyzer
from app.search.index import open_index
from app.search.pg.index import PgIndex
from app.search.schemas import SearchFilters
from app.slugs import slugify
from bench import queries as mix_
from bench.corpus import DATA, catalog_settings, timed_import, write_real_rows
from bench.import_rows import write_rows
from bench.server import Load, catalog_folder, prepare, reindex, rss_mb, served

PG_SCHEMA = "bench_search"

FTS_WEIGHTS = "0, 5.0, 3.0, 2.0, 1.0"  # identifier (unindexed), then the index's query-time weights
NAME_COLUMNS = ("creator", "contributor", "architect", "photographer", "interviewee", "interviewer", "place")
LANGS = ("fr", "de", "lb", "en")


# The FTS5 reference: the French analyzer's terms of the imported rows, joined by spaces

FRENCH = analyzer("fr")


def terms(text: str) -> str:
    return " ".join(token.text for token in FRENCH(text))


def _list(value) -> list[str]:
    if isinstance(value, list):
        return value
    return [part for part in (value or "").split("|") if part]


def fts_source(row: dict) -> tuple:
    """(identifier, titles, names, subjects, descriptions, kind, collection slugs, earliest, latest) of a row."""
    texts = {
        field: " ".join(filter(None, [row.get(field)] + [row.get(f"{field}_{lang}") for lang in LANGS]))
        for field in ("title", "description")
    }
    earliest, latest = parse_date(row.get("date") or None)
    return (
        row["identifier"],
        texts["title"],
        " ".join(n for c in NAME_COLUMNS for n in _list(row.get(c))),
        " ".join(_list(row.get("subjects"))),
        texts["description"],
        row["kind"],
        " ".join(slugify(name) for name in _list(row.get("collection"))),
        earliest,
        latest if latest is not None else earliest,
    )


def read_rows(path: Path):
    """The rows of a JSON Lines or CSV import file."""
    with path.open(encoding="utf-8", newline="") as f:
        if path.suffix == ".csv":
            yield from csv.DictReader(f)
        else:
            yield from (json.loads(line) for line in f if line.strip())


def fts_build(path: Path, rows) -> tuple[sqlite3.Connection, dict]:
    path.unlink(missing_ok=True)  # a kept folder's table from an earlier run
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute(
        "CREATE VIRTUAL TABLE items USING fts5(identifier UNINDEXED, title, names, subjects, description,"
        " kind UNINDEXED, collection UNINDEXED, date_earliest UNINDEXED, date_latest UNINDEXED)"
    )
    start, count = time.perf_counter(), 0
    for s in map(fts_source, rows):
        db.execute(
            "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (s[0], terms(s[1]), terms(s[2]), terms(s[3]), terms(s[4]), s[5], f" {s[6]} ", s[7], s[8]),
        )
        count += 1
    db.commit()
    elapsed = time.perf_counter() - start
    db.execute("INSERT INTO items(items) VALUES ('optimize')")
    db.commit()
    return db, {"docs": count, "seconds": elapsed, "mb": path.stat().st_size / 1e6}


def fts_match(text: str) -> str | None:
    """An AND of the words (a word cut into several terms, or a quoted phrase, is an FTS5 phrase)."""
    clauses = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', text):
        stems = terms(phrase or word).split()
        if stems:
            clauses.append('"' + " ".join(stems) + '"')
    return " AND ".join(clauses) or None


def fts_where(filters: dict) -> tuple[str, list]:
    sql, args = "", []
    if "kind" in filters:
        sql, args = sql + " AND kind = ?", args + [filters["kind"]]
    if "collection" in filters:
        sql, args = sql + " AND instr(collection, ?)", args + [f" {filters['collection']} "]
    if "period" in filters:
        first, last = filters["period"]
        sql, args = sql + " AND date_earliest <= ? AND date_latest >= ?", args + [last, first]
    return sql, args


def fts_search(db: sqlite3.Connection, text: str, filters: dict) -> int:
    match = fts_match(text)
    where, args = fts_where(filters)
    if match is None and not filters:
        return 0
    if match is None:  # filters alone: browse, newest first, with the kind facet
        db.execute(f"SELECT identifier FROM items WHERE 1{where} ORDER BY date_earliest DESC LIMIT 20", args).fetchall()
        return sum(n for _k, n in db.execute(f"SELECT kind, count(*) FROM items WHERE 1{where} GROUP BY kind", args))
    db.execute(
        f"SELECT identifier, title, bm25(items, {FTS_WEIGHTS}) AS rank FROM items"
        f" WHERE items MATCH ?{where} ORDER BY rank LIMIT 20",
        [match, *args],
    ).fetchall()
    if not filters:
        return db.execute("SELECT count(*) FROM items WHERE items MATCH ?", [match]).fetchone()[0]
    facet = db.execute(
        f"SELECT kind, count(*) FROM items WHERE items MATCH ?{where} GROUP BY kind", [match, *args]
    ).fetchall()
    return sum(n for _kind, n in facet)


# Latency


def whoosh_search(index, text: str, filters: dict) -> int:
    found = search_service.search(index, text, SearchFilters(**filters), page=1, per_page=20, lang="fr")
    return found.total


def latencies(run, queries, rounds: int) -> tuple[dict[tuple, list[float]], dict[tuple, int]]:
    """Milliseconds and hit counts per (group, text, filters) query."""
    times: dict[tuple, list[float]] = {}
    totals: dict[tuple, int] = {}
    for _ in range(rounds):
        for group, text, filters in queries:
            key = (group, text, repr(filters))
            start = time.perf_counter()
            totals[key] = run(text, filters)
            times.setdefault(key, []).append((time.perf_counter() - start) * 1000)
    return times, totals


def spread(values: list[float]) -> tuple[float, float, float]:
    """p50, p95, max."""
    if len(values) < 2:
        return values[0], values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18], max(values)


def by_group(times: dict[tuple, list[float]]) -> dict[str, tuple[float, float, float]]:
    groups: dict[str, list[float]] = {}
    for (group, _text, _filters), values in times.items():
        groups.setdefault(group, []).extend(values)
    found = {group: spread(values) for group, values in groups.items()}
    found["whole mix"] = spread([t for values in times.values() for t in values])
    return found


def report_latency(name: str, times: dict[tuple, list[float]]) -> dict[str, tuple[float, float, float]]:
    found = by_group(times)
    for group, (p50, p95, top) in found.items():
        runs = sum(len(v) for k, v in times.items() if group in (k[0], "whole mix"))
        print(f"  {name:<7} {group:<20} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   max {top:7.1f} ms   ({runs} runs)")
    return found


def report_slowest(
    times: dict[tuple, list[float]], totals: dict[tuple, int], count: int = 10, name: str = "whoosh"
) -> None:
    print(f"  the {count} slowest {name} queries (slowest of the timed passes, hits):")
    for key, values in sorted(times.items(), key=lambda item: -max(item[1]))[:count]:
        group, text, filters = key
        shown = text if len(text) <= 70 else text[:67] + "..."
        shown_filters = filters if filters != "{}" else ""
        print(f"    {max(values):8.1f} ms  {totals[key]:>7,} hits  [{group}] {shown!r} {shown_filters}")


# The PostgreSQL engine: the catalog's documents written into its tables, the same mix timed there


def postgres_run(folder: Path, options: argparse.Namespace, queries) -> dict:
    """Write the SQLite catalog's search documents into the PostgreSQL engine's tables (a schema of their own),
    then time the query mix against them: the same documents as Whoosh's, the same search service."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from app.db import make_engine
    from app.item import search as item_search

    if not options.postgres:
        raise SystemExit("--engine postgres needs --postgres URL (or MUSEUM_BENCH_DATABASE_URL)")
    admin = make_engine(options.postgres)
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE; CREATE SCHEMA {PG_SCHEMA}"))
    url = f"{options.postgres}{'&' if '?' in options.postgres else '?'}options=-csearch_path%3D{PG_SCHEMA},public"
    try:
        upgrade(url)
        engine, catalog = make_engine(url), make_engine(catalog_settings(folder).database_url)
        index = PgIndex(engine)
        start = time.perf_counter()
        with Session(catalog) as session:
            written = index.rebuild(item_search.documents(session))
        built = time.perf_counter() - start
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            # What autovacuum does shortly after a rebuild, done before the timing rather than during it (on 2
            # cores it ran beside the timed passes): without statistics the planner guesses how many documents
            # a tsquery or a period matches, and reads the whole table where an index would do.
            connection.execute(text("VACUUM (ANALYZE) search_documents, search_suggestions, search_words"))
            size = connection.scalar(text("SELECT pg_total_relation_size('search_documents')")) or 0
            size += connection.scalar(text("SELECT pg_total_relation_size('search_suggestions')")) or 0
            size += connection.scalar(text("SELECT pg_total_relation_size('search_words')")) or 0
        print(
            f"postgres engine: {written:,} documents written in {built:.1f} s, tables and indexes {size / 1e6:.1f} MB"
        )
        run = lambda words, filters: whoosh_search(index, words, filters)  # noqa: E731
        start = time.perf_counter()
        latencies(run, queries, 1)
        print(f"  postgres warm-up pass: {time.perf_counter() - start:.2f} s")
        times, totals = latencies(run, queries, options.rounds)
        engine.dispose()
        catalog.dispose()
        return {"times": times, "totals": totals, "seconds": built, "mb": size / 1e6, "latency": by_group(times)}
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        admin.dispose()


# Pages per second over HTTP


def http_run(folder: Path, seconds: float, clients: int) -> dict:
    """`museum serve` (1 worker) under `clients` kept-alive clients cycling through the mix's /search pages."""
    urls = mix_.search_urls()
    with served(folder, folder / "serve.log") as (pid, port):
        warm = Load(port, urls, 1, max_requests=len(urls)).start()  # templates, searcher, facet arrays
        warm.threads[0].join(timeout=600)
        warm.stop()
        before = rss_mb(pid)
        load = Load(port, urls, clients).start()
        start = time.perf_counter()
        time.sleep(seconds)
        load.stop()
        elapsed = time.perf_counter() - start
        times, errors, size = load.take()
        after = rss_mb(pid)
    return {
        "pages": len(times),
        "seconds": elapsed,
        "rate": len(times) / elapsed,
        "size": size / max(len(times), 1),
        "latency": spread(times or [0.0]),
        "errors": errors,
        "rss": (before, after),
        "clients": clients,
    }


# One run


def measure(folder: Path, rows_file: Path, options: argparse.Namespace, label: str) -> dict:
    built = reindex(folder)
    print(
        f"museum reindex (subprocess): {built['seconds']:.1f} s wall ({' '.join(built['said'])}), "
        f"index {built['mb']:.1f} MB"
    )
    db, fts = fts_build(folder / "fts.db", read_rows(rows_file))
    print(
        f"fts5 reference: {fts['docs']:,} documents analysed and inserted in {fts['seconds']:.1f} s, {fts['mb']:.1f} MB"
    )
    queries = mix_.mix()
    rss = {"start": rss_mb()}
    index = open_index(catalog_settings(folder))
    print(
        f"query mix: {len(queries)} queries ({', '.join(f'{len(v)} {k}' for k, v in mix_.GROUPS.items())}), "
        f"1 warm-up pass then {options.rounds} timed passes"
    )
    whoosh_run = lambda text, filters: whoosh_search(index, text, filters)  # noqa: E731
    fts_run = lambda text, filters: fts_search(db, text, filters)  # noqa: E731
    start = time.perf_counter()
    latencies(whoosh_run, queries, 1)
    print(f"  whoosh warm-up pass (first searcher, facet arrays, filter sets): {time.perf_counter() - start:.2f} s")
    rss["warm"] = rss_mb()
    latencies(fts_run, queries, 1)
    whoosh_times, whoosh_totals = latencies(whoosh_run, queries, options.rounds)
    rss["end"] = rss_mb()
    fts_times, fts_totals = latencies(fts_run, queries, options.rounds)
    ours, reference = report_latency("whoosh", whoosh_times), report_latency("fts5", fts_times)
    print(
        f"  queries with no hit: whoosh {sum(1 for t in whoosh_totals.values() if not t)}, "
        f"fts5 {sum(1 for t in fts_totals.values() if not t)}; hits summed over the mix: "
        f"whoosh {sum(whoosh_totals.values()):,}, fts5 {sum(fts_totals.values()):,}"
    )
    report_slowest(whoosh_times, whoosh_totals)
    postgres = postgres_run(folder, options, queries) if options.engine in ("postgres", "both") else None
    if postgres is not None:
        report_latency("postgres", postgres["times"])
        report_slowest(postgres["times"], postgres["totals"], name="postgres")
        differ = sum(1 for key, n in postgres["totals"].items() if n != whoosh_totals.get(key))
        print(
            f"  postgres: {sum(1 for t in postgres['totals'].values() if not t)} queries with no hit, "
            f"{sum(postgres['totals'].values()):,} hits summed over the mix; {differ} of {len(queries)} queries "
            "have another total than Whoosh's"
        )
    print(
        f"  this process's RSS (VmRSS): {rss['start']:.0f} MB before opening the index, {rss['warm']:.0f} MB "
        f"after the warm-up pass, {rss['end']:.0f} MB after the timed passes"
    )
    db.close()
    served_run = http_run(folder, options.seconds, options.clients)
    report_http(served_run)
    return {
        "postgres": postgres,
        "label": label,
        "built": built,
        "fts": fts,
        "ours": ours,
        "reference": reference,
        "http": served_run,
        "rss": rss,
    }


def report_http(run: dict) -> None:
    p50, p95, top = run["latency"]
    print(
        f"/search over HTTP (museum serve, 1 worker, {run['clients']} concurrent kept-alive clients): "
        f"{run['pages']:,} pages in {run['seconds']:.1f} s = {run['rate']:.1f} pages/s, "
        f"{run['size'] / 1000:.0f} kB a page, latency p50 {p50:.0f} / p95 {p95:.0f} / max {top:.0f} ms, "
        f"{len(run['errors'])} errors; server RSS {run['rss'][0]:.0f} MB before, {run['rss'][1]:.0f} MB after"
    )
    for error in run["errors"][:5]:
        print(f"  error: {error}")


# Output


def row(label: str, ours: str, reference: str, target: str) -> str:
    return f"| {label:<40} | {ours:>20} | {reference:>18} | {target:<20} |"


def summary(result: dict) -> None:
    built, fts, ours, reference, served_run = (result[k] for k in ("built", "fts", "ours", "reference", "http"))
    print(f"\nSummary, {result['label']}, {fts['docs']:,} items, {os.cpu_count()} CPUs:")
    print(row("measure", "Whoosh (museum)", "FTS5 reference", "target"))
    print(row("-" * 40, "-" * 20, "-" * 18, "-" * 20))
    print(row("full reindex, s (museum reindex)", f"{built['seconds']:.1f}", f"{fts['seconds']:.1f}", "< 90 s"))
    print(row("index size, MB", f"{built['mb']:.1f}", f"{fts['mb']:.1f}", ""))
    targets = {"whole mix": "p50 < 15, p95 < 100", "filtered + faceted": "p95 < 100"}
    for group in [*mix_.GROUPS, "whole mix"]:
        print(
            row(
                f"{group}, p50 / p95 / max ms",
                "{:.1f} / {:.1f} / {:.1f}".format(*ours[group]),
                "{:.1f} / {:.1f} / {:.1f}".format(*reference[group]),
                targets.get(group, ""),
            )
        )
    print(row("slowest query, ms", f"{ours['whole mix'][2]:.1f}", f"{reference['whole mix'][2]:.1f}", "< 500"))
    print(
        row(f"/search pages/s (1 worker, {served_run['clients']} clients)", f"{served_run['rate']:.1f}", "n/a", ">= 60")
    )
    print(row("/search p50 / p95 ms under load", "{:.0f} / {:.0f}".format(*served_run["latency"][:2]), "n/a", ""))
    print(row("server RSS after the run, MB", f"{served_run['rss'][1]:.0f}", "n/a", ""))
    print(row("bench process RSS after the mix, MB", f"{result['rss']['end']:.0f}", "n/a", ""))
    postgres = result.get("postgres")
    if postgres is not None:
        print(f"\nWhoosh and PostgreSQL side by side, {result['label']} (same documents, same query mix):")
        print(row("measure", "Whoosh (museum)", "PostgreSQL engine", "FTS5 reference"))
        print(row("-" * 40, "-" * 20, "-" * 18, "-" * 20))
        print(row("index build, s", f"{built['seconds']:.1f}", f"{postgres['seconds']:.1f}", f"{fts['seconds']:.1f}"))
        print(row("index size, MB", f"{built['mb']:.1f}", f"{postgres['mb']:.1f}", f"{fts['mb']:.1f}"))
        for group in [*mix_.GROUPS, "whole mix"]:
            print(
                row(
                    f"{group}, p50 / p95 / max ms",
                    "{:.1f} / {:.1f} / {:.1f}".format(*ours[group]),
                    "{:.1f} / {:.1f} / {:.1f}".format(*postgres["latency"][group]),
                    "{:.1f} / {:.1f} / {:.1f}".format(*reference[group]),
                )
            )


def real_run(options: argparse.Namespace) -> dict:
    with catalog_folder(options.keep) as folder:
        prepare(folder, options.data)
        rows_file = folder / "real_rows.jsonl"
        if not rows_file.exists():  # a catalog built elsewhere: the same rows, written again for FTS5
            write_real_rows(rows_file, options.data)
        return measure(folder, rows_file, options, "real corpus (bench.corpus)")


def generated_run(options: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="museum-bench-generated-") as folder:
        folder = Path(folder)
        settings = catalog_settings(folder)
        settings.ensure_dirs()
        upgrade(settings.database_url)
        rows_file = folder / "items.csv"
        write_rows(rows_file, options.generated)
        seconds, report = timed_import(settings, rows_file)
        print(f"\ngenerated corpus: {options.generated:,} rows imported in {seconds:.1f} s ({report.summary()})")
        return measure(folder, rows_file, options, "generated corpus (demo records repeated)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="catalog folder to reuse (imported when empty)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"the shared data folder (default {DATA})")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of the HTTP run (default 20)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients (default 8)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the query mix (default 3)")
    parser.add_argument(
        "--generated",
        type=int,
        default=0,
        metavar="N",
        help="also run on N generated items (the old corpus), after the real one",
    )
    parser.add_argument(
        "--engine",
        choices=("whoosh", "postgres", "both"),
        default="whoosh",
        help="postgres or both: also time the PostgreSQL engine on the same documents (needs --postgres)",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("MUSEUM_BENCH_DATABASE_URL", ""),
        help="a PostgreSQL database the run may add a schema to (default $MUSEUM_BENCH_DATABASE_URL)",
    )
    options = parser.parse_args()
    results = [real_run(options)]
    if options.generated:
        results.append(generated_run(options))
    for result in results:
        summary(result)


if __name__ == "__main__":
    main()
