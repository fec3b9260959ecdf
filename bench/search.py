"""Search speed: reindex, query latency and /search pages/s on N items, beside an SQLite FTS5 reference.

The catalog is bench.import_rows' CSV (the demo collection's real records repeated with numbered
identifiers) imported into a fresh migrated SQLite database. The same documents go into the Whoosh
index (`SearchIndex.rebuild`) and into an FTS5 table holding the French analyzer's terms, and the
same queries are run against both. Run with `python -m bench.search [--items N] [--seconds S]`.
"""

import argparse
import http.client
import os
import socket
import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import uvicorn

import app.models  # noqa: F401  (every mapped class, before the item service configures the mappers)
from app.config import Settings
from app.db import make_engine, make_session_factory
from app.item import search as item_search
from app.main import create_app
from app.migrate import upgrade
from app.search import query as user_query
from app.search import service as search_service
from app.search.analysis import analyzer, word_terms
from app.search.registry import get_index
from app.search.schemas import SearchFilters
from app.transfer.importer import import_file
from bench.import_rows import write_rows

SINGLE = ["église", "château", "fourneau", "mine", "Turner", "croix", "ossuaire", "chapelle", "maison",
          "moulin", "pont", "ferme", "tour", "castle", "bridge", "river", "Bassompierre", "cimetière",
          "abbaye", "ruines", "Longwy", "Thionville", "mill", "study", "Paolozzi", "hôtel", "calvaire",
          "fortifiée", "prieuré", "usine"]
SEVERAL = ["église saint martin", "maison directeur", "château ruines", "mine de fer", "hauts fourneaux",
           "croix de chemin", "église saint maximin", "ancien ossuaire", "hôtel de ville", "castle north",
           "river thames", "Turner castle", "temple protestant", "maison de l'intendance", "ferme sainte",
           "église de mont", "tour aux puces", "porte de france", "citadelle enceinte", "grange du sart",
           "bridge shipping", "study of sky", "quarry rocks", "Beuys actions", "Paolozzi print"]
PHRASES = ['"église saint martin"', '"mine de fer"', '"hôtel de ville"', '"haut fourneau"',
           '"maison du directeur"', '"croix de route"', '"château de volkrange"', '"tour aux puces"',
           '"windsor castle"', '"waterloo bridge"', '"study of sky"', '"temple protestant"',
           '"ossuaire ancien"', '"enceinte fortifiée"', '"autel de la patrie"', '"église saint maximin"',
           '"river thames"', '"a quarry"', '"domaine de wendel"', '"abbaye de saint"', '"cloudy sky"',
           '"paper mill"', '"ancienne mine"', '"couvent des clarisses"', '"iron works"']
FILTERED = [
    ("église", {"kind": "building"}), ("château", {"kind": "building", "period": (1500, 1899)}),
    ("castle", {"kind": "artwork"}), ("Turner", {"collection": "oeuvres"}),
    ("mine", {"collection": "paysages-industriels"}), ("fourneau", {"collection": "patrimoine-protege"}),
    ("bridge", {"kind": "artwork", "period": (1800, 1849)}), ("river", {"collection": "oeuvres", "period": (1700, 1899)}),
    ("croix", {"kind": "building", "collection": "patrimoine-protege"}), ("ossuaire", {"period": (1000, 1999)}),
    ("église saint", {"collection": "patrimoine-protege", "period": (1800, 1999)}),
    ("mill", {"collection": "paysages-industriels"}), ("maison", {"kind": "building", "period": (1850, 1950)}),
    ("study", {"kind": "artwork", "collection": "oeuvres"}), ("tour", {"period": (1900, 1999)}),
    ("ancien", {"kind": "building"}), ("sea", {"kind": "artwork"}), ("mine de fer", {"kind": "building"}),
    ("works", {"collection": "paysages-industriels", "period": (1750, 1899)}), ("château", {"collection": "oeuvres"}),
    ("hôtel", {"kind": "building", "period": (1700, 1799)}), ("rocks", {"kind": "artwork", "period": (1790, 1810)}),
    ("Paolozzi", {"kind": "artwork"}), ("prieuré", {"kind": "building"}), ("view", {"period": (1800, 1899)}),
]
GROUPS = {"single words": [(text, {}) for text in SINGLE], "several words": [(text, {}) for text in SEVERAL],
          "phrases": [(text, {}) for text in PHRASES], "filtered + faceted": FILTERED}
FTS_COLUMNS = ("title", "names", "subjects", "description")
FTS_WEIGHTS = "0, 5.0, 3.0, 2.0, 1.0"  # identifier (unindexed), then the index's query-time weights


def mix() -> list[tuple[str, str, dict]]:
    return [(group, text, filters) for group, queries in GROUPS.items() for text, filters in queries]


# The catalog and the Whoosh index

def build_catalog(settings: Settings, folder: Path, count: int) -> None:
    upgrade(settings.database_url)
    path = folder / "items.csv"
    write_rows(path, count)
    engine = make_engine(settings.database_url)
    with make_session_factory(engine)() as session:
        start = time.perf_counter()
        report = import_file(session, path, settings)
        session.commit()
        print(f"catalog: {count:,} rows imported in {time.perf_counter() - start:.1f} s ({report.summary()})")
    engine.dispose()


class Timed:
    """Wraps a document iterator: keeps the FTS fields of each document and the time spent producing them."""

    def __init__(self, documents):
        self.documents, self.loading, self.kept = documents, 0.0, []

    def __iter__(self):
        while True:
            start = time.perf_counter()
            document = next(self.documents, None)
            self.loading += time.perf_counter() - start
            if document is None:
                return
            self.kept.append(fts_source(document))
            yield document


def reindex(settings: Settings) -> tuple[dict, list]:
    engine = make_engine(settings.database_url)
    index = get_index(settings)
    with make_session_factory(engine)() as session:
        timed = Timed(item_search.documents(session))
        start = time.perf_counter()
        count = index.rebuild(timed, procs=os.cpu_count() or 1)  # as `museum reindex` does
        elapsed = time.perf_counter() - start
    engine.dispose()
    size = sum(f.stat().st_size for f in Path(settings.index_dir).rglob("*") if f.is_file()) / 1e6
    return {"docs": count, "seconds": elapsed, "loading": timed.loading, "mb": size}, timed.kept


# The FTS5 reference: the French analyzer's terms, joined by spaces

FRENCH = analyzer("fr")


def terms(text: str) -> str:
    return " ".join(token.text for token in FRENCH(text))


def fts_source(doc: dict) -> tuple:
    names = doc["people"] + doc["places"]
    return (doc["identifier"], " ".join(doc["titles"].values()), " ".join(names),
            " ".join(name for _slug, name in doc["subjects"]), " ".join(doc["descriptions"].values()),
            doc["kind"], " ".join(slug for slug, _title in doc["collections"]), doc["date_earliest"],
            doc["date_latest"] if doc["date_latest"] is not None else doc["date_earliest"])


def fts_build(path: Path, sources: list) -> tuple[sqlite3.Connection, dict]:
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute("CREATE VIRTUAL TABLE items USING fts5(identifier UNINDEXED, title, names, subjects, description,"
               " kind UNINDEXED, collection UNINDEXED, date_earliest UNINDEXED, date_latest UNINDEXED)")
    start = time.perf_counter()
    rows = ((s[0], terms(s[1]), terms(s[2]), terms(s[3]), terms(s[4]), s[5], f" {s[6]} ", s[7], s[8])
            for s in sources)
    db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    elapsed = time.perf_counter() - start
    db.execute("INSERT INTO items(items) VALUES ('optimize')")
    db.commit()
    return db, {"docs": len(sources), "seconds": elapsed, "mb": path.stat().st_size / 1e6}


def fts_match(text: str) -> str | None:
    clauses = []
    for unit in user_query.parse(text):
        stems = [stem for word in unit.words for stem in word_terms("fr", word).stems]
        if stems:
            clauses.append('"' + " ".join(stems) + '"')  # one word (or a hyphenated one) or a phrase
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
    if match is None:
        return 0
    where, args = fts_where(filters)
    db.execute(f"SELECT identifier, title, bm25(items, {FTS_WEIGHTS}) AS rank FROM items"
               f" WHERE items MATCH ?{where} ORDER BY rank LIMIT 20", [match, *args]).fetchall()
    if not filters:
        return db.execute("SELECT count(*) FROM items WHERE items MATCH ?", [match]).fetchone()[0]
    facet = db.execute(f"SELECT kind, count(*) FROM items WHERE items MATCH ?{where} GROUP BY kind",
                       [match, *args]).fetchall()
    return sum(n for _kind, n in facet)


# Latency

def whoosh_search(index, text: str, filters: dict) -> int:
    return search_service.search(index, text, SearchFilters(**filters), page=1, per_page=20).total


def latencies(run, queries, rounds: int) -> tuple[dict[str, list[float]], dict[str, int]]:
    times: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for _ in range(rounds):
        for group, text, filters in queries:
            start = time.perf_counter()
            totals[text + repr(filters)] = run(text, filters)
            times.setdefault(group, []).append((time.perf_counter() - start) * 1000)
    return times, totals


def percentiles(values: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), cuts[18]


# Pages per second over HTTP

def serve(settings: Settings) -> tuple[uvicorn.Server, int]:
    """The app on a free loopback port, in a thread (no lifespan: no background workers)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(create_app(settings), http="h11", ws="none", lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    for _ in range(1000):
        if server.started:
            break
        time.sleep(0.01)
    return server, sock.getsockname()[1]


def url(text: str, filters: dict) -> str:
    args = {"q": text} | {k: v for k, v in filters.items() if k != "period"}
    if "period" in filters:
        args["period"] = "{}-{}".format(*filters["period"])
    return "/search?" + urlencode(args)


def pages_per_second(port: int, urls: list[str], seconds: float, limit: int = 5000) -> tuple[int, float, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    count, size, start = 0, 0, time.perf_counter()
    while count < limit and time.perf_counter() - start < seconds:
        connection.request("GET", urls[count % len(urls)])
        response = connection.getresponse()
        size += len(response.read())
        assert response.status == 200, (urls[count % len(urls)], response.status)
        count += 1
    elapsed = time.perf_counter() - start
    connection.close()
    return count, elapsed, size // max(count, 1)


# Output

def row(label: str, ours: str, reference: str, target: str) -> str:
    return f"| {label:<34} | {ours:>16} | {reference:>16} | {target:<18} |"


def report_latency(name: str, times: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    found = {group: percentiles(values) for group, values in times.items()}
    found["whole mix"] = percentiles([t for values in times.values() for t in values])
    for group, (p50, p95) in found.items():
        print(f"  {name:<7} {group:<20} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   ({len(times.get(group, ())) or sum(map(len, times.values()))} runs)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="catalog items (default 100,000)")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of the HTTP run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the query mix (default 3)")
    options = parser.parse_args()
    queries = mix()
    with tempfile.TemporaryDirectory(prefix="museum-bench-search-") as folder:
        folder = Path(folder)
        settings = Settings(database_url=f"sqlite:///{folder / 'museum.db'}", media_dir=folder / "media",
                            index_dir=folder / "index", run_worker=False)
        settings.ensure_dirs()
        build_catalog(settings, folder, options.items)

        built, sources = reindex(settings)
        print(f"whoosh reindex: {built['docs']:,} documents in {built['seconds']:.1f} s = "
              f"{built['docs'] / built['seconds']:,.0f} docs/s (of which {built['loading']:.1f} s loading "
              f"documents from SQLite), index {built['mb']:.1f} MB")
        db, fts = fts_build(folder / "fts.db", sources)
        del sources
        print(f"fts5 reference: {fts['docs']:,} documents analysed and inserted in {fts['seconds']:.1f} s = "
              f"{fts['docs'] / fts['seconds']:,.0f} docs/s, {fts['mb']:.1f} MB")

        index = get_index(settings)
        print(f"query mix: {len(queries)} queries ({', '.join(f'{len(v)} {k}' for k, v in GROUPS.items())}), "
              f"1 warm-up pass then {options.rounds} timed passes")
        whoosh_run = lambda text, filters: whoosh_search(index, text, filters)  # noqa: E731
        fts_run = lambda text, filters: fts_search(db, text, filters)  # noqa: E731
        start = time.perf_counter()
        latencies(whoosh_run, queries, 1)
        print(f"  whoosh warm-up pass (first searcher, facet arrays, filter sets): {time.perf_counter() - start:.2f} s")
        latencies(fts_run, queries, 1)
        whoosh_times, whoosh_totals = latencies(whoosh_run, queries, options.rounds)
        fts_times, fts_totals = latencies(fts_run, queries, options.rounds)
        ours = report_latency("whoosh", whoosh_times)
        reference = report_latency("fts5", fts_times)
        empty = [key for key, total in whoosh_totals.items() if not total]
        print(f"  queries with no hit: whoosh {len(empty)}, fts5 {sum(1 for t in fts_totals.values() if not t)};"
              f" hits summed over the mix: whoosh {sum(whoosh_totals.values()):,}, fts5 {sum(fts_totals.values()):,}")

        server, port = serve(settings)
        urls = [url(text, filters) for _group, text, filters in queries]
        pages_per_second(port, urls[:20], 2.0, limit=20)  # warm-up: templates, the app's own searcher
        pages, elapsed, size = pages_per_second(port, urls, options.seconds)
        server.should_exit = True
        print(f"/search over HTTP (1 uvicorn worker, 1 kept-alive connection): {pages} pages in {elapsed:.1f} s = "
              f"{pages / elapsed:.1f} pages/s, {size / 1000:.0f} kB a page")
        db.close()

        print()
        print(f"Summary, {options.items:,} items, {os.cpu_count()} CPUs:")
        print(row("measure", "Whoosh (ours)", "FTS5 reference", "target"))
        print(row("-" * 34, "-" * 16, "-" * 16, "-" * 18))
        print(row("full reindex, s", f"{built['seconds']:.1f}", f"{fts['seconds']:.1f}", "< 90 s"))
        print(row("indexing, docs/s", f"{built['docs'] / built['seconds']:,.0f}",
                  f"{fts['docs'] / fts['seconds']:,.0f}", ""))
        print(row("index size, MB", f"{built['mb']:.1f}", f"{fts['mb']:.1f}", ""))
        for group in [*GROUPS, "whole mix"]:
            target = "p50 < 15, p95 < 100" if group == "whole mix" else ""
            print(row(f"{group}, p50 / p95 ms", "{:.1f} / {:.1f}".format(*ours[group]),
                      "{:.1f} / {:.1f}".format(*reference[group]), target))
        print(row("/search pages/s (1 worker)", f"{pages / elapsed:.1f}", "n/a", ">= 60"))


if __name__ == "__main__":
    main()
